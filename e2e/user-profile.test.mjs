// The account panel ("Manage account"), end to end on the real server:
// several computers (browser contexts) signed in as one user, what the
// panel shows of them, signing them out, the password and the name; its
// code arriving only when it first opens; keyboard only; axe-core.
import { test, before, after, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { startServer, launch, watch, signIn, trigger, root, ADA, GRACE, PASSWORD } from "./support/harness.mjs";

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1";
const NEW_PASSWORD = "a brand new passphrase";

// Each test has a server of its own: the devices each one counts are its own.
let server, browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });
beforeEach(async () => { server = await startServer(); });
afterEach(() => { server?.stop(); });

/// A computer: its own browser context (cookie jar), signed in as `email`.
async function computer(email, options = {}) {
  const context = await browser.newContext(options);
  const session = await signIn(context, server, email);
  const page = await context.newPage();
  const problems = watch(page);
  const wasm = [];
  page.on("request", (r) => { if (r.url().endsWith(".wasm")) wasm.push(path.basename(new URL(r.url()).pathname)); });
  await page.goto(`${server.url}/`);
  await page.waitForFunction(() => window.Clerk.loaded === true);
  await trigger(page).waitFor();
  return { context, session, page, problems, wasm };
}

const panel = (page) => page.locator(".cl-userProfile");
const dialog = (page) => page.getByRole("dialog", { name: "Account" });
const devices = (page) => panel(page).locator(".cl-activeDevice");

async function openPanel(page) {
  await trigger(page).click();
  await page.getByRole("button", { name: "Manage account" }).click();
  await panel(page).waitFor();
}

async function openSecurity(page) {
  await openPanel(page);
  await page.getByRole("button", { name: "Security" }).click();
  await devices(page).first().waitFor();
}

async function tokenStatus(context, session) {
  const reply = await context.request.post(`${server.url}/v1/client/sessions/${session}/tokens`,
    { headers: { origin: server.url } });
  return reply.status();
}

test("the menu's code comes after the button shows, the panel's only when it opens", async () => {
  const a = await computer(ADA);
  assert.ok(a.wasm.includes("clerk-widget_bg.wasm"));
  assert.ok(!a.wasm.some((f) => f.includes("user_profile")), `fetched before opening: ${a.wasm}`);
  await a.page.waitForFunction(() => performance.getEntriesByType("resource").some((e) => e.name.includes("user_button_menu")));
  await openPanel(a.page);
  assert.ok(a.wasm.some((f) => f.includes("user_profile")), `fetched: ${a.wasm}`);
  assert.equal(await dialog(a.page).isVisible(), true);
  assert.deepEqual(a.problems, []);
  await a.context.close();
});

test("a second computer shows in the list and is signed out from the first", async () => {
  const laptop = await computer(ADA);
  const phone = await computer(ADA, { userAgent: IPHONE });
  await openSecurity(laptop.page);
  assert.equal(await devices(laptop.page).count(), 2);
  const phoneRow = devices(laptop.page).filter({ hasText: "Safari 18.0" });
  assert.match(await phoneRow.innerText(), /iPhone · Mobile/);
  assert.match(await phoneRow.innerText(), /127\.0\.0\.1/);
  const thisRow = devices(laptop.page).filter({ hasText: "This device" });
  assert.match(await thisRow.innerText(), /Chrome/);

  // One more step before it happens, and Cancel keeps it.
  await phoneRow.getByRole("button", { name: /^Sign out of device/ }).click();
  await phoneRow.getByRole("button", { name: "Cancel" }).click();
  assert.equal(await tokenStatus(phone.context, phone.session), 200);
  await phoneRow.getByRole("button", { name: /^Sign out of device/ }).click();
  await phoneRow.getByRole("button", { name: "Sign out", exact: true }).click();
  await laptop.page.getByRole("status").filter({ hasText: "The device is signed out." }).waitFor();
  assert.equal(await devices(laptop.page).count(), 1);

  // The phone: its next request shows it signed out, and it mints nothing.
  assert.equal(await tokenStatus(phone.context, phone.session), 401);
  await phone.page.reload();
  await phone.page.waitForFunction(() => window.Clerk.loaded && window.Clerk.session === null);
  assert.equal(await trigger(phone.page).count(), 0);
  // The laptop is untouched.
  assert.equal(await tokenStatus(laptop.context, laptop.session), 200);
  assert.deepEqual([...laptop.problems, ...phone.problems], []);
  await laptop.context.close();
  await phone.context.close();
});

test("sign out of all other devices ends every other computer and keeps this one", async () => {
  const [a, b, c] = [await computer(ADA), await computer(ADA), await computer(ADA)];
  const grace = await computer(GRACE);
  await openSecurity(a.page);
  assert.equal(await devices(a.page).count(), 3);
  await a.page.getByRole("button", { name: "Sign out of all other devices" }).click();
  await a.page.getByRole("group", { name: "Sign out of every other device?" })
    .getByRole("button", { name: "Sign out", exact: true }).click();
  await a.page.getByRole("status").filter({ hasText: "Every other device is signed out." }).waitFor();
  assert.equal(await devices(a.page).count(), 1);
  assert.equal(await tokenStatus(a.context, a.session), 200);
  assert.equal(await tokenStatus(b.context, b.session), 401);
  assert.equal(await tokenStatus(c.context, c.session), 401);
  assert.equal(await tokenStatus(grace.context, grace.session), 200, "another user is untouched");
  for (const x of [a, b, c, grace]) await x.context.close();
});

async function changePassword(page, current, next, signOutOthers) {
  await page.getByLabel("Current password").fill(current);
  await page.getByLabel("New password", { exact: true }).fill(next);
  await page.getByLabel("Confirm new password").fill(next);
  const box = page.getByLabel("Sign out of all other devices");
  if ((await box.isChecked()) !== signOutOthers) await box.click();
  await page.getByRole("button", { name: "Update password" }).click();
}

test("a password change signs other computers out when the box is checked, and not otherwise", async () => {
  const a = await computer(ADA);
  const b = await computer(ADA);
  await openSecurity(a.page);
  assert.equal(await a.page.getByLabel("Sign out of all other devices").isChecked(), true, "checked by default");

  // A wrong current password changes nothing and says so in the form.
  await changePassword(a.page, "not the password", NEW_PASSWORD, true);
  await a.page.getByRole("alert").filter({ hasText: "Password is incorrect" }).waitFor();
  // A mismatch and a common password are refused before anything is lost.
  await a.page.getByLabel("Current password").fill(PASSWORD);
  await a.page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await a.page.getByLabel("Confirm new password").fill(NEW_PASSWORD + "!");
  await a.page.getByRole("button", { name: "Update password" }).click();
  await a.page.getByRole("alert").filter({ hasText: "do not match" }).waitFor();
  await changePassword(a.page, PASSWORD, "password123", true);
  await a.page.getByRole("alert").filter({ hasText: "most common" }).waitFor();
  assert.equal(await tokenStatus(b.context, b.session), 200, "nothing changed yet");

  // Unchecked: B stays.
  await changePassword(a.page, PASSWORD, NEW_PASSWORD, false);
  await a.page.getByRole("status").filter({ hasText: "Your password is updated." }).waitFor();
  assert.equal(await tokenStatus(b.context, b.session), 200);
  // Checked: B ends, A stays, and the list shows one device.
  await changePassword(a.page, NEW_PASSWORD, PASSWORD + "-2", true);
  await a.page.getByRole("status").filter({ hasText: "Your password is updated." }).waitFor();
  assert.equal(await tokenStatus(b.context, b.session), 401);
  assert.equal(await tokenStatus(a.context, a.session), 200);
  await a.page.waitForFunction(() => document.querySelector("#user-button clerk-mount")
    .shadowRoot.querySelectorAll(".cl-activeDevice").length === 1);

  // The old password no longer signs in; the new one does.
  const fresh = await browser.newContext();
  const old = await fresh.request.post(`${server.url}/v1/client/sign_ins`,
    { form: { identifier: ADA, password: PASSWORD, strategy: "password" }, headers: { origin: server.url } });
  assert.equal(old.status(), 422);
  const now = await fresh.request.post(`${server.url}/v1/client/sign_ins`,
    { form: { identifier: ADA, password: PASSWORD + "-2", strategy: "password" }, headers: { origin: server.url } });
  assert.equal(now.status(), 200);
  for (const x of [a.context, b.context, fresh]) await x.close();
});

test("a new name shows at once here, and on another computer at its next request", async () => {
  const grace = await computer(GRACE);
  const other = await computer(GRACE);
  await openPanel(grace.page);
  await grace.page.getByLabel("First name").fill("Admiral Grace");
  await grace.page.getByRole("button", { name: "Save" }).click();
  await grace.page.getByRole("status").filter({ hasText: "Your name is saved." }).waitFor();
  assert.equal(await grace.page.evaluate(() => window.Clerk.user.first_name), "Admiral Grace");
  assert.match(await trigger(grace.page).innerText(), /Admiral Grace Hopper/);

  await other.page.reload();
  await trigger(other.page).waitFor();
  assert.equal(await other.page.evaluate(() => window.Clerk.user.first_name), "Admiral Grace");
  await grace.page.getByLabel("First name").fill("Grace");
  await grace.page.getByRole("button", { name: "Save" }).click();
  await grace.page.getByRole("status").filter({ hasText: "Your name is saved." }).waitFor();
  await grace.context.close();
  await other.context.close();
});

test("with two accounts on one browser, the panel is the active account's", async () => {
  const context = await browser.newContext();
  await signIn(context, server, ADA);
  await signIn(context, server, GRACE);
  const page = await context.newPage();
  await page.goto(`${server.url}/`);
  await trigger(page).waitFor();
  await openPanel(page);
  const active = await page.evaluate(() => window.Clerk.user.email_addresses[0].email_address);
  assert.match(await panel(page).innerText(), new RegExp(active.replace(".", "\\.")));
  await page.getByRole("button", { name: "Security" }).click();
  await devices(page).first().waitFor();
  assert.equal(await devices(page).count(), 1, "only the active account's sessions");
  await context.close();
});

test("keyboard only: open, move between pages, close with Escape, focus back on the button", async () => {
  const a = await computer(ADA);
  const focused = () => a.page.evaluate(() => {
    let el = document.activeElement;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
    return el ? (el.getAttribute("aria-label") || el.textContent.trim()).slice(0, 40) : null;
  });
  await trigger(a.page).focus();
  await a.page.keyboard.press("Enter");
  await a.page.getByRole("button", { name: "Manage account" }).waitFor();
  assert.equal(await focused(), "Manage account");
  await a.page.keyboard.press("Enter");
  await panel(a.page).waitFor();
  assert.equal(await focused(), "Close", "focus moves into the dialog");
  await a.page.keyboard.press("Shift+Tab");
  assert.equal(await focused(), "Save", "Shift+Tab from the first control goes round to the last");
  await a.page.keyboard.press("Tab");
  assert.equal(await focused(), "Close", "and Tab from the last back to the first");
  await a.page.keyboard.press("Tab");
  await a.page.keyboard.press("Tab");
  assert.equal(await focused(), "Security");
  await a.page.keyboard.press("Enter");
  await devices(a.page).first().waitFor();
  await a.page.keyboard.press("Escape");
  await dialog(a.page).waitFor({ state: "detached" });
  assert.match(await focused(), /user menu/, "focus is back on the button");
  assert.deepEqual(a.problems, []);
  await a.context.close();
});

test("axe-core finds nothing in the panel's pages, and the README's screenshot is taken", async () => {
  const a = await computer(ADA);
  const b = await computer(ADA, { userAgent: IPHONE });
  await a.page.setViewportSize({ width: 1000, height: 760 });
  await openPanel(a.page);
  await a.page.evaluate(axeSource);
  const audit = () => a.page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)}`));
  });
  assert.deepEqual(await audit(), [], "profile page");
  await a.page.getByRole("button", { name: "Security" }).click();
  await devices(a.page).nth(1).waitFor();
  assert.deepEqual(await audit(), [], "security page");
  await a.page.screenshot({ path: path.join(root, "docs/user-profile-devices.png") });
  await a.context.close();
  await b.context.close();
});

test("the JS surface: open, close, mount and unmount, and wrong arguments", async () => {
  const a = await computer(ADA);
  const result = await a.page.evaluate(async () => {
    const out = {};
    try { window.Clerk.mountUserProfile(null); } catch (e) { out.nullEl = `${e.name}: ${e.message}`; }
    try { window.Clerk.openUserProfile("x"); } catch (e) { out.badProps = `${e.name}: ${e.message}`; }
    try { window.Clerk.mountUserButton(document.getElementById("user-button"), { userProfileMode: "popup" }); } catch (e) { out.badMode = `${e.name}: ${e.message}`; }
    window.Clerk.openUserProfile();
    window.Clerk.openUserProfile(); // twice: still one dialog
    return out;
  });
  assert.match(result.nullEl, /^TypeError: Clerk\.mountUserProfile\(el\) takes an HTML element/);
  assert.match(result.badProps, /^TypeError: Clerk\.openUserProfile\(props\): props must be an object/);
  assert.match(result.badMode, /^TypeError: .*userProfileMode must be "modal" or "navigation"/);
  await dialog(a.page).waitFor();
  assert.equal(await a.page.locator("body > clerk-mount").count(), 1);
  await a.page.evaluate(() => window.Clerk.closeUserProfile());
  await dialog(a.page).waitFor({ state: "detached" });
  assert.equal(await a.page.locator("body > clerk-mount").count(), 0, "nothing left on the page");
  await a.page.evaluate(() => {
    const host = document.createElement("div");
    host.id = "profile-host";
    document.body.append(host);
    window.Clerk.mountUserProfile(host);
  });
  await a.page.locator("#profile-host .cl-userProfile").waitFor();
  await a.page.evaluate(() => window.Clerk.unmountUserProfile(document.getElementById("profile-host")));
  assert.equal(await a.page.locator("#profile-host").evaluate((el) => el.childNodes.length), 0);
  // navigation mode: "Manage account" goes to the profile URL instead.
  await a.page.evaluate(() => {
    const el = document.getElementById("user-button");
    window.Clerk.unmountUserButton(el);
    window.Clerk.mountUserButton(el, { userProfileMode: "navigation", userProfileUrl: "#profile-page" });
  });
  await trigger(a.page).click();
  await a.page.getByRole("button", { name: "Manage account" }).click();
  await a.page.waitForURL(/#profile-page$/);
  assert.equal(await dialog(a.page).count(), 0);
  assert.deepEqual(a.problems, []);
  await a.context.close();
});

test("code that cannot be fetched: the menu and the panel say so, and a retry loads them", async () => {
  const context = await browser.newContext();
  await signIn(context, server, ADA);
  let refuse = true;
  await context.route(/split_.*\.wasm$/, (route) => (refuse ? route.abort() : route.continue()));
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${server.url}/`);
  await trigger(page).waitFor();
  await trigger(page).click();
  await page.getByRole("alert").filter({ hasText: "couldn't load the menu" }).waitFor();
  refuse = false;
  await trigger(page).click(); // closes
  await trigger(page).click(); // opens again, and asks for the code again
  await page.getByRole("button", { name: "Manage account" }).waitFor();

  refuse = true;
  await page.getByRole("button", { name: "Manage account" }).click();
  await page.getByRole("alert").filter({ hasText: "couldn't load your account" }).waitFor();
  refuse = false;
  await page.getByRole("button", { name: "Try again" }).click();
  await panel(page).waitFor();
  assert.deepEqual(errors, [], "no panic, no uncaught error");
  await context.close();
});
