// Two computers (two browser contexts) and two tabs of one browser.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { startServer, launch, watch, signIn, serverClient, trigger, menu, root, ADA, GRACE } from "./support/harness.mjs";

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

async function openDemo(context) {
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(`${server.url}/`);
  await page.waitForFunction(() => window.Clerk.loaded === true);
  return { page, problems };
}

test("signing out on one computer leaves the other signed in and minting tokens", async () => {
  const laptop = await browser.newContext();
  const desktop = await browser.newContext();
  await signIn(laptop, server, ADA);
  const desktopSession = await signIn(desktop, server, ADA);
  const a = await openDemo(laptop);
  const b = await openDemo(desktop);
  await trigger(a.page).waitFor();
  await trigger(b.page).waitFor();

  await trigger(a.page).click();
  await Promise.all([
    a.page.waitForURL(`${server.url}/`),
    a.page.locator("#user-button .cl-userButtonPopoverActionButton__signOut").click(),
  ]);
  await a.page.waitForFunction(() => window.Clerk.loaded && window.Clerk.session === null);
  assert.equal(await trigger(a.page).count(), 0);
  assert.deepEqual((await serverClient(laptop, server)).sessions, []);

  await b.page.reload();
  await trigger(b.page).waitFor();
  assert.equal(await b.page.evaluate(() => window.Clerk.user.first_name), "Ada");
  // Clerk.user is the object the server sent, fields the widget never reads included.
  assert.deepEqual(await b.page.evaluate(() => ({
    email: window.Clerk.user.email_addresses[0].email_address,
    metadata: window.Clerk.user.public_metadata,
    same: window.Clerk.session.user === window.Clerk.user,
  })), { email: "ada@example.com", metadata: {}, same: true });
  const token = await desktop.request.post(`${server.url}/v1/client/sessions/${desktopSession}/tokens`,
    { headers: { origin: server.url } });
  assert.equal(token.status(), 200);
  assert.equal((await token.json()).object, "token");
  assert.deepEqual([...a.problems, ...b.problems], []);
  await laptop.close();
  await desktop.close();
});

test("a sign-out in one tab signs the other tab out without navigating it", async () => {
  const context = await browser.newContext();
  await signIn(context, server, ADA);
  const first = await openDemo(context);
  const second = await openDemo(context);
  await trigger(second.page).waitFor();
  await second.page.evaluate(() => { window.notReloaded = true; history.replaceState(null, "", "/#stay"); });

  await Promise.all([
    first.page.waitForURL(`${server.url}/`),
    first.page.click("#custom-sign-out"),
  ]);
  await second.page.waitForFunction(() => window.Clerk.session === null, null, { timeout: 5000 });
  await trigger(second.page).waitFor({ state: "detached" });
  assert.equal(await second.page.evaluate(() => window.notReloaded), true, "no navigation");
  assert.equal(second.page.url(), `${server.url}/#stay`);
  assert.deepEqual([...first.problems, ...second.problems], []);
  await context.close();
});

test("the open menu with two accounts (screenshot for the README)", async () => {
  const context = await browser.newContext({ viewport: { width: 900, height: 460 }, deviceScaleFactor: 1 });
  await signIn(context, server, GRACE);
  await signIn(context, server, ADA);
  const { page, problems } = await openDemo(context);
  await trigger(page).click();
  await menu(page).waitFor();
  const text = await menu(page).innerText();
  for (const expected of ["Ada Lovelace", "Manage account", "Sign out", "Grace Hopper", "Add account", "Sign out of all accounts"]) {
    assert.ok(text.includes(expected), `${expected} in ${text}`);
  }
  // Ada has no picture (initials); Grace's picture comes from the server's image_url.
  assert.equal(await menu(page).locator(".cl-userButtonPopoverMain .cl-avatarInitials").innerText(), "AL");
  const picture = menu(page).locator(".cl-userButtonPopoverActionButton__switchSession img.cl-avatarImage");
  assert.match(await picture.getAttribute("src"), /^data:image\/svg\+xml,/);
  await page.waitForFunction(() => {
    const root = document.querySelector("#user-button clerk-mount").shadowRoot;
    const img = root.querySelector(".cl-userButtonPopoverActionButton__switchSession img");
    return img && img.complete && img.naturalWidth > 0;
  });
  // The focused first action would show a focus ring; move focus for a neutral picture.
  await page.locator("#user-button .cl-userButtonPopoverActionButton__manageAccount").hover();
  await page.screenshot({ path: path.join(root, "docs/user-button-menu.png"), animations: "disabled" });
  assert.deepEqual(problems, []);
  await context.close();
});

test("Add account on the demo: the menu closes, only the sign-in form shows, and it starts empty", async () => {
  const context = await browser.newContext();
  await signIn(context, server, ADA);
  const { page, problems } = await openDemo(context);
  await trigger(page).click();
  await page.locator("#user-button .cl-userButtonPopoverActionButton__addAccount").click();
  await page.waitForURL(`${server.url}/#sign-in`);
  assert.equal(await menu(page).count(), 0, "the menu closed");
  assert.equal(await page.locator("#signed-in").isVisible(), false, "only the form shows");
  assert.equal(await page.locator("#signed-out").isVisible(), true);
  const email = page.locator("#sign-in input[name=identifier]");
  await email.fill(GRACE);
  await page.locator("#sign-in input[name=password]").fill("demo-password-123");
  await page.locator("#sign-in button[type=submit]").click();
  await page.waitForFunction(() => window.Clerk.client && window.Clerk.client.sessions.length === 2);
  await page.locator("#signed-in").waitFor();
  assert.equal(await page.locator("#signed-out").isVisible(), false);
  assert.equal(await email.inputValue(), "", "the next Add account starts with an empty form");
  assert.deepEqual(problems, []);
  await context.close();
});
