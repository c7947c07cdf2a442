// customMenuItems on mountUserButton, as Clerk's docs write them: actions
// and links with icons mounted by the page, the built-in rows placed among
// them, a failing action shown in the menu, links under the redirect rules,
// keyboard users reaching every row, and the TypeErrors of bad items.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, watch, signIn, trigger, menu, ADA } from "./support/harness.mjs";

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

const ITEMS = `[
  { label: "Help", onClick: () => { window.helped = (window.helped || 0) + 1; },
    mountIcon: (el) => { el.textContent = "?"; window.iconsMounted = (window.iconsMounted || 0) + 1; },
    unmountIcon: (el) => { window.iconsUnmounted = (window.iconsUnmounted || 0) + 1; } },
  { label: "Billing", href: "/billing" },
  { label: "signOut" },
  { label: "Broken", onClick: () => { throw new Error("Billing is down"); } },
  { label: "Rejects", onClick: () => Promise.reject(new Error("The chat is closed")) },
  { label: "Elsewhere", href: "javascript:alert(1)" },
]`;

async function open(context) {
  const page = await context.newPage();
  const problems = watch(page);
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.route(`${server.url}/items.html`, (route) => route.fulfill({
    contentType: "text/html",
    body: `<!doctype html><html lang="en"><title>Items</title><link rel="icon" href="data:,">
<script src="/pkg/clerk.js" data-clerk-frontend-api="${server.url}"></script>
<header><div id="user-button"></div></header>
<script>Clerk.mountUserButton(document.getElementById("user-button"), { customMenuItems: ${ITEMS} });</script>`,
  }));
  await page.route(`${server.url}/billing`, (route) => route.fulfill({ contentType: "text/html", body: "<title>Billing</title>" }));
  await page.goto(`${server.url}/items.html`);
  await trigger(page).waitFor();
  return { page, problems };
}

const rows = (page) => page.evaluate(() => [...document.querySelector("#user-button clerk-mount").shadowRoot
  .querySelectorAll(".cl-userButtonPopoverActions:not(.cl-userButtonPopoverActions__multiSession) button")]
  .map((b) => b.textContent.trim()));

test("the rows in Clerk's order, icons mounted by the page, an action that runs and closes the menu", async () => {
  const context = await browser.newContext();
  await signIn(context, server, ADA);
  const { page, problems } = await open(context);
  await trigger(page).click();
  await menu(page).waitFor();
  assert.deepEqual(await rows(page), ["Manage account", "?Help", "Billing", "Sign out", "Broken", "Rejects", "Elsewhere"]);
  assert.equal(await page.evaluate(() => window.iconsMounted), 1);
  await page.getByRole("button", { name: "Help" }).click();
  await menu(page).waitFor({ state: "detached" });
  assert.deepEqual(await page.evaluate(() => [window.helped, window.iconsUnmounted]), [1, 1]);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a throwing or rejecting action is shown in the menu, which stays open", async () => {
  const context = await browser.newContext();
  await signIn(context, server, ADA);
  const { page, problems } = await open(context);
  await trigger(page).click();
  await page.getByRole("button", { name: "Broken" }).click();
  const alert = page.locator("#user-button [role=alert]");
  await alert.waitFor();
  assert.equal(await alert.textContent(), "Broken didn't work: Billing is down");
  await page.getByRole("button", { name: "Rejects" }).click();
  await page.waitForFunction(() => document.querySelector("#user-button clerk-mount").shadowRoot
    .querySelector("[role=alert]")?.textContent.includes("chat"));
  assert.equal(await alert.textContent(), "Rejects didn't work: The chat is closed");
  assert.equal(await menu(page).isVisible(), true);
  assert.equal(problems.length, 2, "each failure is also logged with its error");
  assert.match(problems[0], /onClick failed/);
  await context.close();
});

test("links go where they say under the redirect rules; a javascript: link goes to /", async () => {
  const context = await browser.newContext();
  await signIn(context, server, ADA);
  const { page } = await open(context);
  await trigger(page).click();
  await Promise.all([page.waitForURL(`${server.url}/billing`), page.getByRole("button", { name: "Billing" }).click()]);
  await page.goBack();
  await trigger(page).waitFor();
  await trigger(page).click();
  await Promise.all([page.waitForURL(`${server.url}/`), page.getByRole("button", { name: "Elsewhere" }).click()]);
  await context.close();
});

test("keyboard only: every custom row is reached and runs with Enter", async () => {
  const context = await browser.newContext();
  await signIn(context, server, ADA);
  const { page } = await open(context);
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await menu(page).waitFor();
  const focused = () => page.evaluate(() => document.querySelector("#user-button clerk-mount").shadowRoot.activeElement?.textContent.trim());
  const seen = [];
  for (let i = 0; i < 7; i++) {
    seen.push(await focused());
    await page.keyboard.press("Tab");
  }
  assert.deepEqual(seen, ["Manage account", "?Help", "Billing", "Sign out", "Broken", "Rejects", "Elsewhere"]);
  assert.equal(await focused(), "Add account", "then the multi-session group");
  for (let i = 0; i < 6; i++) await page.keyboard.press("Shift+Tab");
  assert.equal(await focused(), "?Help");
  await page.keyboard.press("Enter");
  await menu(page).waitFor({ state: "detached" });
  assert.equal(await page.evaluate(() => window.helped), 1);
  await context.close();
});

test("bad items are TypeErrors, before and after the wasm is ready", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.route(`${server.url}/bad.html`, (route) => route.fulfill({
    contentType: "text/html",
    body: `<!doctype html><link rel="icon" href="data:,"><script src="/pkg/clerk.js" data-clerk-frontend-api="${server.url}"></script>
<div id="user-button"></div><script>
  window.tryItems = () => [
    "Help", [{ label: "Help" }], [{ label: "Help", onClick() {}, href: "/help" }], [{ label: "signOut", href: "/x" }],
    [{ label: 3, onClick() {} }], [{ label: "A", href: "/a" }, { label: "A", href: "/b" }], [{ label: "A", onClick: "go" }],
  ].map((items) => { try { Clerk.mountUserButton(document.getElementById("user-button"), { customMenuItems: items }); return "ok"; }
    catch (e) { return e.name + ": " + e.message; } });
  window.early = tryItems();
</script>`,
  }));
  await page.goto(`${server.url}/bad.html`);
  await page.waitForFunction(() => window.Clerk.loaded);
  const late = await page.evaluate(() => window.tryItems());
  assert.deepEqual(await page.evaluate(() => window.early), late);
  const at = "TypeError: Clerk.mountUserButton(el, props): props.customMenuItems";
  assert.deepEqual(late, [
    `${at} must be an array, not the string "Help".`,
    `${at}[0] needs onClick (a function) or href (a string): one of them.`,
    `${at}[0] needs onClick (a function) or href (a string): one of them.`,
    `${at}[0] places a built-in row: it takes no href or onClick.`,
    `${at}[0].label must be a string, not the number 3.`,
    `${at}[1]: the label "A" is used twice.`,
    `${at}[0].onClick must be a function, not the string "go".`,
  ]);
  await context.close();
});
