// UserResource's account methods against the real server, as a page written
// for clerk-js calls them: update, updatePassword, getSessions (with
// latestActivity) and a session's revoke, reload; their wrong arguments
// (TypeErrors) and their refusals (coded ClerkErrors in Clerk's shape).
// Each test has its own server: passwords and names change here.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, watch, signIn, serverClient, ADA, GRACE, PASSWORD } from "./support/harness.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/// A fresh server and a page of it signed in as `emails` (the last one current).
async function signedInPage(server, ...emails) {
  const context = await browser.newContext();
  for (const email of emails) await signIn(context, server, email);
  const page = await context.newPage();
  const problems = watch(page);
  await page.route(`${server.url}/app.html`, (route) => route.fulfill({
    contentType: "text/html",
    body: `<!doctype html><link rel="icon" href="data:,"><script src="/pkg/clerk.js" data-clerk-frontend-api="${server.url}"></script>`,
  }));
  await page.goto(`${server.url}/app.html`);
  await page.waitForFunction(() => window.Clerk.status === "ready");
  return { context, page, problems };
}

test("update and reload: the new names everywhere at once, the same user object as Clerk.user", async () => {
  const server = await startServer();
  try {
    const { context, page, problems } = await signedInPage(server, ADA);
    const out = await page.evaluate(async () => {
      const before = window.Clerk.user;
      const heard = [];
      window.Clerk.addListener(({ user }) => heard.push(user && user.fullName), { skipInitialEmit: true });
      const updated = await before.update({ firstName: "Augusta", lastName: "King" });
      const isCurrent = updated === window.Clerk.user;
      const sessionUser = window.Clerk.session.user === updated;
      const reloaded = await updated.reload();
      return {
        returned: updated.fullName, isCurrent, sessionUser, reloadedIsCurrent: reloaded === window.Clerk.user,
        updatedAt: updated.updatedAt instanceof Date, oldView: before.firstName,
        reloaded: reloaded.firstName, heard,
        onlyFirst: (await window.Clerk.user.update({ firstName: "Ada" })).fullName,
      };
    });
    assert.deepEqual(out, {
      returned: "Augusta King", isCurrent: true, sessionUser: true, reloadedIsCurrent: true, updatedAt: true,
      oldView: "Ada", reloaded: "Augusta", heard: out.heard, onlyFirst: "Ada King",
    });
    assert.deepEqual(out.heard, ["Augusta King", "Augusta King", "Ada King"], "listeners hear each answer");
    // The server has it: another browser signing in sees it.
    const other = await browser.newContext();
    await signIn(other, server, ADA);
    const user = (await serverClient(other, server)).sessions[0].user;
    assert.deepEqual([user.first_name, user.last_name], ["Ada", "King"]);
    await other.close();
    assert.deepEqual(problems, []);
    await context.close();
  } finally { server.stop(); }
});

test("getSessions lists every device with latestActivity; revoke signs one out and keeps this one", async () => {
  const server = await startServer();
  try {
    const phone = await browser.newContext({
      userAgent: "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36",
    });
    const phoneSession = await signIn(phone, server, ADA);
    const { context, page, problems } = await signedInPage(server, ADA);
    const listed = await page.evaluate(async () => {
      const sessions = await window.Clerk.user.getSessions();
      return sessions.map((s) => ({
        id: s.id, status: s.status, lastActiveAt: s.lastActiveAt instanceof Date,
        activity: s.latestActivity && {
          browserName: s.latestActivity.browserName, deviceType: s.latestActivity.deviceType,
          isMobile: s.latestActivity.isMobile, ipAddress: s.latestActivity.ipAddress,
          keys: ["browserVersion", "city", "country"].every((k) => k in s.latestActivity),
        },
        revoke: typeof s.revoke,
      }));
    });
    assert.equal(listed.length, 2);
    const onPhone = listed.find((s) => s.id === phoneSession);
    assert.deepEqual(onPhone, {
      id: phoneSession, status: "active", lastActiveAt: true,
      activity: { browserName: "Chrome", deviceType: "Android", isMobile: true, ipAddress: "127.0.0.1", keys: true },
      revoke: "function",
    });
    const revoked = await page.evaluate(async (id) => {
      const sessions = await window.Clerk.user.getSessions();
      const gone = await sessions.find((s) => s.id === id).revoke();
      return { status: gone.status, left: (await window.Clerk.user.getSessions()).map((s) => s.id), signedIn: window.Clerk.isSignedIn };
    }, phoneSession);
    assert.deepEqual(revoked, { status: "revoked", left: [listed.find((s) => s.id !== phoneSession).id], signedIn: true });
    assert.deepEqual((await serverClient(phone, server)).sessions, [], "the phone is signed out");
    assert.deepEqual(problems, []);
    await context.close();
    await phone.close();
  } finally { server.stop(); }
});

test("updatePassword: refusals in Clerk's error shape, then a change that signs the other devices out", async () => {
  const server = await startServer();
  try {
    const laptop = await browser.newContext();
    await signIn(laptop, server, ADA);
    const { context, page, problems } = await signedInPage(server, ADA);
    const refused = await page.evaluate(async (password) => {
      const fail = (p) => p.then(() => "resolved", (e) => ({
        name: e.name, code: e.code, status: e.status, clerkError: e.clerkError,
        first: { code: e.errors[0].code, long: typeof e.errors[0].longMessage, param: e.errors[0].meta.paramName },
      }));
      return {
        wrong: await fail(window.Clerk.user.updatePassword({ currentPassword: "not-it-at-all", newPassword: "a-new-password-456" })),
        short: await fail(window.Clerk.user.updatePassword({ currentPassword: password, newPassword: "short" })),
      };
    }, PASSWORD);
    assert.deepEqual(refused.wrong, {
      name: "ClerkError", code: "form_password_incorrect", status: 422, clerkError: true,
      first: { code: "form_password_incorrect", long: "string", param: "current_password" },
    });
    assert.equal(refused.short.code, "form_password_length_too_short");
    assert.equal(refused.short.first.param, "new_password");
    assert.equal((await serverClient(laptop, server)).sessions.length, 1, "refusals changed nothing");

    const changed = await page.evaluate(async (password) => {
      const user = await window.Clerk.user.updatePassword({
        currentPassword: password, newPassword: "a-new-password-456", signOutOfOtherSessions: true,
      });
      return { same: user === window.Clerk.user, signedIn: window.Clerk.isSignedIn };
    }, PASSWORD);
    assert.deepEqual(changed, { same: true, signedIn: true });
    assert.deepEqual((await serverClient(laptop, server)).sessions, [], "the other device is signed out");
    const withNew = await laptop.request.post(`${server.url}/v1/client/sign_ins`, {
      form: { identifier: ADA, password: "a-new-password-456", strategy: "password" }, headers: { origin: server.url },
    });
    assert.equal(withNew.status(), 200, "the new password signs in");
    assert.deepEqual(problems.filter((p) => !/status of 422/.test(p)), []);
    await context.close();
    await laptop.close();
  } finally { server.stop(); }
});

test("wrong arguments are TypeErrors; another account's user object is refused, not acted on for the current one", async () => {
  const server = await startServer();
  try {
    const { context, page } = await signedInPage(server, ADA, GRACE);
    const out = await page.evaluate(async () => {
      const reason = (run) => { try { return run().then(() => "resolved", (e) => `${e.name}: ${e.message}`); } catch (e) { return `threw ${e.name}`; } };
      const user = window.Clerk.user;
      const ada = window.Clerk.client.sessions.find((s) => s.user.firstName === "Ada").user;
      return {
        current: user.firstName,
        notObject: await reason(() => user.update("Ada")),
        badName: await reason(() => user.update({ firstName: 3 })),
        noNew: await reason(() => user.updatePassword({ currentPassword: "x" })),
        badFlag: await reason(() => user.updatePassword({ newPassword: "a-new-password-456", signOutOfOtherSessions: "yes" })),
        other: await ada.update({ firstName: "Mallory" }).then(() => "resolved", (e) => e.code),
        otherSessions: await ada.getSessions().then(() => "resolved", (e) => e.code),
        adaAfter: window.Clerk.client.sessions.find((s) => s.user.id === ada.id).user.firstName,
        graceAfter: window.Clerk.user.firstName,
      };
    });
    assert.deepEqual(out, {
      current: "Grace",
      notObject: 'TypeError: user.update(params): params must be an object, not the string "Ada".',
      badName: "TypeError: user.update(params): params.firstName must be a string, not the number 3.",
      noNew: "TypeError: user.updatePassword(params): params.newPassword must be a string, not undefined.",
      badFlag: 'TypeError: user.updatePassword(params): params.signOutOfOtherSessions must be a boolean, not the string "yes".',
      other: "user_not_current", otherSessions: "user_not_current", adaAfter: "Ada", graceAfter: "Grace",
    });
    await context.close();
  } finally { server.stop(); }
});
