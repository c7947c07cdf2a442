// Clerk's `appearance` on a page: each variable reaching the computed style
// it drives, `elements` style objects, page CSS through ::part() and
// through --clerk-* properties on the host, the global value under a
// mount's own, the dark and "auto" base themes, the TypeErrors of bad
// values, and axe-core (colour contrast included) on the dark menu, sign-in
// form and account panel.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { createRequire } from "node:module";
import { startServer, launch, watch, signIn, failedSignIn, trigger, menu, ADA } from "./support/harness.mjs";

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

/// A page with the loader, `head` (page CSS), a button host and a form host;
/// `script` runs once the loader is there.
async function open(context, { head = "", script = "" } = {}) {
  const page = await context.newPage();
  const problems = watch(page);
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.route(`${server.url}/themed.html`, (route) => route.fulfill({
    contentType: "text/html",
    body: `<!doctype html><html lang="en"><head><title>Themed</title><link rel="icon" href="data:,">
<script src="/pkg/clerk.js"></script>${head}</head>
<body><main><h1>Themed</h1><div id="user-button"></div><div id="sign-in"></div></main>
<script>${script}</script></body></html>`,
  }));
  await page.goto(`${server.url}/themed.html`);
  return { page, problems };
}

/// The computed `properties` of the element with class `cl-<name>` inside the
/// mount in `host`.
function styleOf(page, host, name, properties) {
  return page.evaluate(({ host, name, properties }) => {
    const root = document.querySelector(`${host} > clerk-mount`).shadowRoot;
    const style = getComputedStyle(root.querySelector(`.cl-${name}`));
    return Object.fromEntries(properties.map((p) => [p, style.getPropertyValue(p)]));
  }, { host, name, properties });
}

/// What the browser computes for `value` as a colour (e.g. a color-mix()).
const colour = (page, value) => page.evaluate((value) => {
  const probe = document.createElement("i");
  probe.style.color = value;
  document.body.append(probe);
  const computed = getComputedStyle(probe).color;
  probe.remove();
  return computed;
}, value);

test("every variable reaches the style it drives", async () => {
  const context = await browser.newContext();
  await signIn(context, server, ADA);
  const variables = {
    colorPrimary: "rgb(10, 120, 60)", colorDanger: "rgb(170, 0, 40)", colorText: "rgb(20, 20, 90)",
    colorTextSecondary: "rgb(90, 60, 20)", colorBackground: "rgb(250, 245, 230)", colorNeutral: "rgb(200, 0, 0)",
    colorInputBackground: "rgb(240, 250, 255)", colorInputText: "rgb(0, 60, 120)", fontFamily: "Georgia, serif",
    fontSize: "15px", borderRadius: "10px", spacingUnit: "8px",
  };
  const { page, problems } = await open(context, { script: `
    Clerk.load({ frontendApi: location.origin, appearance: { variables: ${JSON.stringify(variables)} } });
    Clerk.mountUserButton(document.getElementById("user-button"));` });
  await trigger(page).click();
  await menu(page).waitFor();
  const button = "#user-button";
  assert.deepEqual(await styleOf(page, button, "avatarBox", ["background-color"]), { "background-color": variables.colorPrimary });
  assert.deepEqual(await styleOf(page, button, "rootBox", ["color", "font-family", "font-size"]),
    { color: variables.colorText, "font-family": variables.fontFamily, "font-size": variables.fontSize });
  assert.deepEqual(await styleOf(page, button, "userPreviewSecondaryIdentifier", ["color"]), { color: variables.colorTextSecondary });
  assert.deepEqual(await styleOf(page, button, "userButtonPopoverCard", ["background-color", "border-top-color", "border-top-left-radius"]), {
    "background-color": variables.colorBackground,
    "border-top-color": await colour(page, `color-mix(in srgb, ${variables.colorNeutral} 8%, ${variables.colorBackground})`),
    "border-top-left-radius": "15px", // 1.5 × borderRadius
  });
  assert.deepEqual(await styleOf(page, button, "userButtonPopoverActionButton", ["padding-left", "padding-top"]),
    { "padding-left": "10px", "padding-top": "4px" }); // 1.25 and 0.5 × spacingUnit
  // The sign-in form: the input colours, and the danger colour of its error.
  await failedSignIn(page, ADA);
  assert.deepEqual(await styleOf(page, "#sign-in", "formFieldInput", ["background-color", "color"]),
    { "background-color": variables.colorInputBackground, color: variables.colorInputText });
  assert.deepEqual(await styleOf(page, "#sign-in", "formFieldErrorText", ["color"]), { color: variables.colorDanger });
  assert.deepEqual(problems.filter((p) => !/status of 422/.test(p)), []);
  await context.close();
});

test("elements style objects, ::part() and --clerk-* from page CSS, and a mount's appearance over the global one", async () => {
  const context = await browser.newContext();
  await signIn(context, server, ADA);
  const { page, problems } = await open(context, {
    head: `<style>
      #user-button { --clerk-color-primary: rgb(0, 0, 255); --clerk-font-size: 17px; }
      #user-button > clerk-mount::part(userButtonPopoverCard) { outline: 3px solid rgb(0, 128, 0); }
      #user-button > clerk-mount::part(userButtonPopoverActionButton__signOut) { text-decoration: underline; }
    </style>`,
    script: `
    Clerk.load({ frontendApi: location.origin, appearance: { variables: { colorText: "rgb(1, 1, 1)", colorBackground: "rgb(240, 240, 240)" } } });
    Clerk.mountUserButton(document.getElementById("user-button"), { appearance: {
      variables: { colorText: "rgb(2, 2, 2)" },
      elements: { userButtonTrigger: { backgroundColor: "rgb(1, 2, 3)", padding: "5px" },
        userButtonPopoverActionButton__signOut: { color: "rgb(200, 0, 0)", fontWeight: 700 } },
    } });` });
  await trigger(page).click();
  await menu(page).waitFor();
  const b = "#user-button";
  assert.deepEqual(await styleOf(page, b, "userButtonTrigger", ["background-color", "padding-top"]),
    { "background-color": "rgb(1, 2, 3)", "padding-top": "5px" });
  assert.deepEqual(await styleOf(page, b, "userButtonPopoverActionButton__signOut", ["color", "font-weight", "text-decoration-line"]),
    { color: "rgb(200, 0, 0)", "font-weight": "700", "text-decoration-line": "underline" });
  assert.deepEqual(await styleOf(page, b, "userButtonPopoverActionButton__manageAccount", ["color", "text-decoration-line"]),
    { color: "rgb(2, 2, 2)", "text-decoration-line": "none" }, "the mount's colorText over the global one; other buttons untouched");
  assert.deepEqual(await styleOf(page, b, "userButtonPopoverCard", ["outline-color", "outline-width", "background-color"]),
    { "outline-color": "rgb(0, 128, 0)", "outline-width": "3px", "background-color": "rgb(240, 240, 240)" });
  assert.deepEqual(await styleOf(page, b, "avatarBox", ["background-color"]), { "background-color": "rgb(0, 0, 255)" });
  assert.deepEqual(await styleOf(page, b, "rootBox", ["font-size"]), { "font-size": "17px" });
  // The parts follow the widget's own re-renders: a part on what just appeared.
  assert.equal(await page.evaluate(() => document.querySelector("#user-button > clerk-mount").shadowRoot
    .querySelector(".cl-userButtonPopoverActionButton__signOut").getAttribute("part")),
    "userButtonPopoverActionButton userButtonPopoverActionButton__signOut");
  // A later load's appearance reaches what is mounted.
  await page.evaluate(() => Clerk.load({ frontendApi: location.origin, appearance: { variables: { colorPrimary: "rgb(9, 9, 9)" } } }));
  assert.deepEqual(await styleOf(page, b, "avatarBox", ["background-color"]), { "background-color": "rgb(9, 9, 9)" });
  assert.deepEqual(problems, []);
  await context.close();
});

test("elements as class names: the page's own CSS applies to them inside the shadow root, and they stay", async () => {
  const context = await browser.newContext();
  await signIn(context, server, ADA);
  const { page, problems } = await open(context, {
    head: `<style>.brand-trigger { outline: 4px solid rgb(1, 2, 3); } .brand-card { border-top-color: rgb(4, 5, 6); }
      button { color: rgb(7, 8, 9); }</style>`,
    script: `
    Clerk.load({ frontendApi: location.origin, appearance: { elements: { userButtonPopoverCard: "brand-card" } } });
    Clerk.mountUserButton(document.getElementById("user-button"), { appearance: { elements: { userButtonTrigger: "brand-trigger extra" } } });` });
  await trigger(page).click();
  await menu(page).waitFor();
  const b = "#user-button";
  assert.deepEqual(await styleOf(page, b, "userButtonTrigger", ["outline-color", "outline-width"]),
    { "outline-color": "rgb(1, 2, 3)", "outline-width": "4px" });
  assert.deepEqual(await styleOf(page, b, "userButtonPopoverCard", ["border-top-color"]), { "border-top-color": "rgb(4, 5, 6)" });
  // The widget's own rules still win over the page's element selectors.
  assert.notEqual((await styleOf(page, b, "userButtonPopoverActionButton", ["color"])).color, "rgb(7, 8, 9)");
  await page.keyboard.press("Escape");
  await menu(page).waitFor({ state: "detached" });
  assert.equal(await page.evaluate(() => document.querySelector("#user-button clerk-mount").shadowRoot
    .querySelector(".cl-userButtonTrigger").className), "cl-userButtonTrigger brand-trigger extra", "kept through re-renders");
  assert.deepEqual(problems, []);
  await context.close();
});

test("baseTheme: dark, and auto following prefers-color-scheme", async () => {
  const context = await browser.newContext();
  await signIn(context, server, ADA);
  const { page } = await open(context, { script: `
    Clerk.load({ frontendApi: location.origin });
    Clerk.mountUserButton(document.getElementById("user-button"), { appearance: { baseTheme: "auto" } });
    Clerk.mountSignIn(document.getElementById("sign-in"), { appearance: { baseTheme: "dark" } });` });
  await trigger(page).click();
  await menu(page).waitFor();
  const card = () => styleOf(page, "#user-button", "userButtonPopoverCard", ["background-color", "color"]);
  await page.emulateMedia({ colorScheme: "light" });
  assert.deepEqual(await card(), { "background-color": "rgb(255, 255, 255)", color: "rgb(19, 19, 22)" });
  await page.emulateMedia({ colorScheme: "dark" });
  assert.deepEqual(await card(), { "background-color": "rgb(32, 32, 36)", color: "rgb(244, 244, 246)" });
  await page.emulateMedia({ colorScheme: "light" });
  assert.deepEqual(await styleOf(page, "#sign-in", "signInBox", ["background-color"]), { "background-color": "rgb(32, 32, 36)" },
    "dark whatever the system says");
  await context.close();
});

test("bad appearance values are TypeErrors, at once for a mount and as the load's rejection", async () => {
  const context = await browser.newContext();
  const { page } = await open(context);
  const outcomes = await page.evaluate(async () => {
    const el = document.getElementById("user-button");
    const mount = (appearance) => { try { Clerk.mountUserButton(el, { appearance }); return "ok"; } catch (e) { return `${e.name}: ${e.message}`; } };
    return [
      mount({ variables: { colorPrimary: "red; } body { display: none" } }),
      mount({ variables: { colourPrimary: "red" } }),
      mount({ baseTheme: "sepia" }),
      mount({ elements: { userButtonTrigger: 3 } }),
      mount("dark"),
      // A refused mount leaves nothing in the host, even before the wasm is here.
      el.childElementCount,
      await Clerk.load({ frontendApi: location.origin, appearance: { variables: { fontSize: {} } } }).then(() => "ok", (e) => `${e.name}: ${e.message}`),
    ];
  });
  assert.deepEqual(outcomes, [
    "TypeError: Clerk.mountUserButton(el, props): props.appearance.variables.colorPrimary must be a CSS value (without {, }, ;, <, > or \\), not the string \"red; } body { display: none\".",
    "TypeError: Clerk.mountUserButton(el, props): props.appearance.variables.colourPrimary is not one of colorPrimary, colorDanger, colorText, colorTextSecondary, colorBackground, colorNeutral, colorInputBackground, colorInputText, fontFamily, fontSize, borderRadius, spacingUnit.",
    "TypeError: Clerk.mountUserButton(el, props): props.appearance.baseTheme must be \"light\", \"dark\" or \"auto\", not the string \"sepia\".",
    "TypeError: Clerk.mountUserButton(el, props): props.appearance.elements.userButtonTrigger must be class names or a style object, not the number 3.",
    "TypeError: Clerk.mountUserButton(el, props): props.appearance must be an object, not the string \"dark\".",
    0,
    "TypeError: Clerk.load(options): options.appearance.variables.fontSize must be a CSS value (without {, }, ;, <, > or \\), not object.",
  ]);
  await context.close();
});

/// axe-core's violations inside the open shadow roots of the page.
async function audit(page) {
  if (!(await page.evaluate(() => !!window.axe))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)} ${n.failureSummary}`));
  });
}

test("axe-core, colour contrast included: the dark menu, sign-in form and account panel", async () => {
  const context = await browser.newContext();
  await signIn(context, server, ADA);
  const { page } = await open(context, {
    head: "<style>body { background: #121214; color: #eee; }</style>",
    script: `
    Clerk.load({ frontendApi: location.origin, appearance: { baseTheme: "dark" } });
    Clerk.mountUserButton(document.getElementById("user-button"));` });
  await trigger(page).click();
  await menu(page).waitFor();
  assert.deepEqual(await audit(page), [], "the open menu");
  await page.getByRole("button", { name: "Manage account" }).click();
  await page.locator("#user-button >> .cl-userProfile").waitFor();
  assert.deepEqual(await audit(page), [], "the account panel's profile page");
  await page.getByRole("button", { name: "Security" }).click();
  await page.locator("#user-button >> .cl-activeDeviceText").first().waitFor();
  assert.deepEqual(await audit(page), [], "the account panel's security page");
  await page.keyboard.press("Escape");
  await failedSignIn(page, ADA);
  assert.deepEqual(await audit(page), [], "the sign-in form with an error");
  await context.close();
});
