// Clerk's `localization`: a shipped locale by name (French; Arabic, right
// to left), Clerk's nested object over it or over English, the server's
// errors worded by their code, relative times from Intl in the chosen
// locale, and the refusals. The whole menu, sign-in form and account panel
// are read for English left behind.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { startServer, launch, watch, signIn, failedSignIn, trigger, menu, root, ADA, GRACE } from "./support/harness.mjs";

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

async function open(context, load, { body = `<header style="display:flex;justify-content:space-between;padding:8px"><div id="user-button"></div><h1 style="margin:0">App</h1></header><div id="sign-in"></div>` } = {}) {
  const page = await context.newPage();
  const problems = watch(page);
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.route(`${server.url}/l10n.html`, (route) => route.fulfill({
    contentType: "text/html",
    body: `<!doctype html><html lang="en"><title>App</title><link rel="icon" href="data:,">
<script src="/pkg/clerk.js"></script><body>${body}
<script>window.loading = Clerk.load(Object.assign({ frontendApi: location.origin }, ${JSON.stringify(load)}));
Clerk.mountUserButton(document.getElementById("user-button"));</script></body></html>`,
  }));
  await page.goto(`${server.url}/l10n.html`);
  return { page, problems };
}

/// Every text and accessible name inside the mounts (shadow roots included).
const texts = (page) => page.evaluate(() => {
  const out = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll("*")) {
      if (el.shadowRoot) walk(el.shadowRoot);
      if (el.tagName === "STYLE") continue;
      for (const node of el.childNodes) if (node.nodeType === 3 && node.textContent.trim()) out.push(node.textContent.trim());
      for (const a of ["aria-label", "title"]) if (el.getAttribute(a)) out.push(el.getAttribute(a));
    }
  };
  document.querySelectorAll("clerk-mount").forEach((m) => m.shadowRoot && walk(m.shadowRoot));
  return out;
});

// The widget's English words that a translation must replace.
const ENGLISH = /\b(Manage account|Sign out|Add account|Account|Profile|Security|Password|Email|Save|Cancel|Continue|Loading|Working|user menu|Active devices|This device|First name|Last name|Primary|Desktop|Mobile|Close|Update|Confirm|Current|New password)\b/;

test("French: the menu, the account panel and the sign-in form speak French, with no English left", async () => {
  const context = await browser.newContext();
  await signIn(context, server, ADA);
  const { page, problems } = await open(context, { localization: "fr-FR" });
  await trigger(page).click();
  await menu(page).waitFor();
  const inMenu = await texts(page);
  assert.ok(inMenu.includes("Gérer le compte") && inMenu.includes("Se déconnecter"), inMenu.join(" | "));
  assert.deepEqual(inMenu.filter((t) => ENGLISH.test(t)), [], "no English in the menu");
  await page.getByRole("button", { name: "Gérer le compte" }).click();
  await page.locator("#user-button >> .cl-userProfile").waitFor();
  assert.deepEqual((await texts(page)).filter((t) => ENGLISH.test(t)), [], "no English on the profile page");
  await page.getByRole("button", { name: "Sécurité" }).click();
  await page.locator("#user-button >> .cl-activeDeviceText").first().waitFor();
  const security = await texts(page);
  assert.ok(security.includes("À l’instant"), security.join(" | "));
  assert.deepEqual(security.filter((t) => ENGLISH.test(t)), [], "no English on the security page");
  // Intl in French: the device list two hours later.
  await page.keyboard.press("Escape");
  await page.clock.setSystemTime(Date.now() + 2 * 3600 * 1000);
  await trigger(page).click();
  await page.getByRole("button", { name: "Gérer le compte" }).click();
  await page.getByRole("button", { name: "Sécurité" }).click();
  await page.waitForFunction(() => document.querySelector("#user-button clerk-mount").shadowRoot.textContent.includes("Il y a 2 heures"));
  await page.keyboard.press("Escape");
  // The sign-in form, and a server error worded by its code.
  const form = await failedSignIn(page, ADA);
  assert.equal(await form.locator("[role=alert]").textContent(), "Le mot de passe est incorrect. Réessayez.");
  const signInTexts = await texts(page);
  assert.ok(signInTexts.includes("Adresse e-mail") && signInTexts.includes("Continuer"), signInTexts.join(" | "));
  assert.deepEqual(signInTexts.filter((t) => ENGLISH.test(t)), []);
  assert.deepEqual(problems.filter((p) => !/status of 422/.test(p)), []);
  await context.close();
});

test("Arabic: right to left whatever the page's direction, the menu anchored on the mirrored side, lang set", async () => {
  const context = await browser.newContext();
  await signIn(context, server, ADA);
  await signIn(context, server, GRACE);
  const { page, problems } = await open(context, { localization: "ar-SA" },
    { body: `<header style="padding:8px"><div id="user-button"></div></header>` });
  await trigger(page).click();
  await menu(page).waitFor();
  const layout = await page.evaluate(() => {
    const root = document.querySelector("#user-button clerk-mount").shadowRoot;
    const box = root.querySelector(".cl-rootBox");
    const card = root.querySelector(".cl-userButtonPopoverCard").getBoundingClientRect();
    const trigger = root.querySelector(".cl-userButtonTrigger").getBoundingClientRect();
    const signOut = root.querySelector(".cl-userButtonPopoverActionButton__signOut");
    const text = signOut.querySelector(".cl-userButtonPopoverActionButtonText").getBoundingClientRect();
    const icon = signOut.querySelector(".cl-userButtonPopoverActionButtonIconBox").getBoundingClientRect();
    return {
      dir: box.getAttribute("dir"), lang: box.getAttribute("lang"),
      cardLeft: Math.round(card.left), triggerLeft: Math.round(trigger.left),
      iconRightOfText: icon.left > text.left,
      iconMirrored: getComputedStyle(signOut.querySelector(".cl-icon")).transform,
      label: signOut.textContent.trim(),
    };
  });
  assert.deepEqual(layout, {
    dir: "rtl", lang: "ar-SA", cardLeft: layout.triggerLeft, triggerLeft: layout.triggerLeft,
    iconRightOfText: true, iconMirrored: "matrix(-1, 0, 0, 1, 0, 0)", label: "تسجيل الخروج",
  });
  assert.deepEqual((await texts(page)).filter((t) => ENGLISH.test(t)), []);
  if (!(await page.evaluate(() => !!window.axe))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ["violations"] }))
    .violations.map((v) => v.id));
  assert.deepEqual(violations, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test("Clerk's object over a shipped locale or over English; a named Intl locale", async () => {
  const context = await browser.newContext();
  await signIn(context, server, ADA);
  const { page } = await open(context, { localization: { locale: "fr-FR", userButton: { action__signOut: "Quitter" } } });
  await trigger(page).click();
  await menu(page).waitFor();
  let words = await texts(page);
  assert.ok(words.includes("Quitter") && words.includes("Gérer le compte"), words.join(" | "));
  // Over English: only the given key changes; the page's direction holds.
  await page.keyboard.press("Escape");
  await page.evaluate(() => Clerk.load({ frontendApi: location.origin, localization: { userButton: { action__manageAccount: "Your account" } } }));
  await trigger(page).click();
  await menu(page).waitFor();
  words = await texts(page);
  assert.ok(words.includes("Your account") && words.includes("Sign out"), words.join(" | "));
  assert.equal(await page.evaluate(() => document.querySelector("#user-button clerk-mount").shadowRoot.querySelector(".cl-rootBox").getAttribute("dir")), null);
  await context.close();
});

test("an unknown locale is a TypeError; a locale that cannot be fetched rejects the load with widget_load_failed", async () => {
  const context = await browser.newContext();
  const { page } = await open(context, {});
  await page.evaluate(() => window.loading);
  assert.equal(await page.evaluate(() => Clerk.load({ frontendApi: location.origin, localization: "de-DE" }).then(() => "ok", (e) => `${e.name}: ${e.message}`)),
    "TypeError: Clerk.load(options): options.localization must be one of en-US, fr-FR, ar-SA or a localization object, not the string \"de-DE\".");
  await page.route("**/locales/fr-FR.json", (route) => route.abort());
  assert.equal(await page.evaluate(() => Clerk.load({ frontendApi: location.origin, localization: "fr-FR" }).then(() => "ok", (e) => e.code)), "widget_load_failed");
  assert.equal(await page.evaluate(() => Clerk.status), "degraded", "the good state before it stays");
  await context.close();
});

test("the script tag's data-clerk-localization and data-clerk-base-theme; French on a right-to-left page stays left to right", async () => {
  const context = await browser.newContext();
  await signIn(context, server, ADA);
  const page = await context.newPage();
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.route(`${server.url}/tag.html`, (route) => route.fulfill({
    contentType: "text/html",
    body: `<!doctype html><html lang="en" dir="rtl"><title>App</title><link rel="icon" href="data:,">
<script src="/pkg/clerk.js" data-clerk-frontend-api="${server.url}" data-clerk-localization="fr-FR" data-clerk-base-theme="dark"></script>
<header style="padding:8px"><div id="user-button"></div></header>
<script>Clerk.mountUserButton(document.getElementById("user-button"));</script>`,
  }));
  await page.goto(`${server.url}/tag.html`);
  await trigger(page).click();
  await menu(page).waitFor();
  const seen = await page.evaluate(() => {
    const root = document.querySelector("#user-button clerk-mount").shadowRoot;
    const card = root.querySelector(".cl-userButtonPopoverCard");
    const trigger = root.querySelector(".cl-userButtonTrigger").getBoundingClientRect();
    return {
      signOut: root.querySelector(".cl-userButtonPopoverActionButton__signOut").textContent.trim(),
      background: getComputedStyle(card).backgroundColor,
      // French is written left to right, on any page: the card's right
      // edge is on the trigger's.
      rightEdges: Math.round(card.getBoundingClientRect().right) === Math.round(trigger.right),
      textAlign: getComputedStyle(card).textAlign,
    };
  });
  assert.deepEqual(seen, { signOut: "Se déconnecter", background: "rgb(32, 32, 36)", rightEdges: true, textAlign: "start" });
  await context.close();
});

test("every shipped locale has a text for every key the widget uses, and no key it does not", () => {
  const source = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? source(file) : file.endsWith(".rs") ? [fs.readFileSync(file, "utf8")] : [];
  });
  const used = new Set(source(path.join(root, "src")).flatMap((text) => [...text.matchAll(/\bt(?:_with)?\(\s*"([^"]+)"/g)].map((m) => m[1])));
  assert.ok(used.size > 50, `the widget's keys: ${used.size}`);
  const flat = (object, prefix = "") => Object.entries(object).flatMap(([key, value]) =>
    typeof value === "object" ? flat(value, `${prefix}${key}.`) : [`${prefix}${key}`]);
  for (const locale of ["fr-FR", "ar-SA"]) {
    const keys = flat(JSON.parse(fs.readFileSync(path.join(root, `js/locales/${locale}.json`), "utf8")));
    assert.deepEqual([...used].filter((key) => !keys.includes(key)), [], `${locale}: missing`);
    assert.deepEqual(keys.filter((key) => !used.has(key) && key !== "locale" && !key.startsWith("unstable__errors.")), [], `${locale}: unused`);
  }
});
