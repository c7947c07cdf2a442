// axe-core audits of the UserButton in every state a person meets: closed,
// open with one account and with two, busy signing out, and after a failure;
// and the whole demo page. Zero violations, of any impact.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { createRequire } from "node:module";
import { startServer, launch, signIn, trigger, menu, ADA, GRACE } from "./support/harness.mjs";

// Evaluated through the driver: the demo page's Content-Security-Policy
// (rightly) refuses an injected <script>.
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

/// Violations inside `selector` (open shadow roots included), as "rule: target" lines.
async function audit(page, selector = "#user-button") {
  if (!(await page.evaluate(() => !!window.axe))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async (include) => {
    const result = await window.axe.run(include ? { include: [[include]] } : document, { resultTypes: ["violations"] });
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${JSON.stringify(n.target)} ${n.failureSummary}`));
  }, selector);
  return violations;
}

async function demo(context, props) {
  const page = await context.newPage();
  await page.goto(`${server.url}/`);
  await page.waitForFunction(() => window.Clerk.loaded === true);
  if (props) {
    await page.evaluate((p) => {
      const el = document.getElementById("user-button");
      window.Clerk.unmountUserButton(el);
      window.Clerk.mountUserButton(el, p);
    }, props);
  }
  await trigger(page).waitFor();
  return page;
}

test("closed, with and without the name shown, and the whole demo page", async () => {
  const context = await browser.newContext();
  await signIn(context, server, ADA);
  for (const props of [undefined, { showName: true }]) {
    const page = await demo(context, props);
    assert.deepEqual(await audit(page), [], JSON.stringify(props));
    assert.deepEqual(await audit(page, null), [], "the demo page");
    await page.close();
  }
  await context.close();
});

test("open with one account, then with two", async () => {
  const context = await browser.newContext();
  await signIn(context, server, ADA);
  for (const extra of [null, GRACE]) {
    if (extra) await signIn(context, server, extra);
    const page = await demo(context, { showName: true });
    await trigger(page).click();
    await menu(page).waitFor();
    assert.deepEqual(await audit(page), [], extra ? "two accounts" : "one account");
    await page.close();
  }
  await context.close();
});

test("busy signing out, and after the sign-out failed", async () => {
  const context = await browser.newContext();
  await signIn(context, server, ADA);
  const page = await demo(context);
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route("**/v1/client/sessions?**", async (route) => { await held; await route.abort(); });
  await trigger(page).click();
  const signOut = page.locator("#user-button .cl-userButtonPopoverActionButton__signOut");
  await signOut.click();
  await page.locator('#user-button [aria-busy="true"].cl-userButtonPopoverActionButton__signOut').waitFor();
  assert.deepEqual(await audit(page), [], "busy");
  release();
  await page.locator("#user-button [role=alert]").waitFor();
  assert.deepEqual(await audit(page), [], "failed");
  await context.close();
});

test("keyboard only: Tab to the trigger, open, reach Sign out, sign out", async () => {
  const context = await browser.newContext();
  await signIn(context, server, ADA);
  const page = await demo(context);
  // From the top of the page, Tab reaches the trigger first (it is in the header).
  await page.keyboard.press("Tab");
  const focused = () => page.evaluate(() => {
    let el = document.activeElement;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
    return el ? el.className || el.tagName : null;
  });
  assert.equal(await focused(), "cl-userButtonTrigger");
  await page.keyboard.press("Enter");
  await menu(page).waitFor();
  assert.match(await focused(), /__manageAccount/, "focus moves into the menu");
  await page.keyboard.press("Tab");
  assert.match(await focused(), /__signOut/);
  await Promise.all([page.waitForURL(`${server.url}/`), page.keyboard.press("Enter")]);
  await page.waitForFunction(() => window.Clerk.loaded && window.Clerk.session === null);
  await context.close();
});
