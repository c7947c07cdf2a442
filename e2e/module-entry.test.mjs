// The module entry, pkg/clerk.mjs: the `Clerk` class, as bundler users of
// @clerk/clerk-js construct it, and as the script tag's window.Clerk is.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, watch, signIn, serverClient, trigger, ADA } from "./support/harness.mjs";

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

async function modulePage(context, script) {
  const page = await context.newPage();
  const problems = watch(page);
  await page.route(`${server.url}/module.html`, (route) => route.fulfill({
    contentType: "text/html",
    body: `<!doctype html><link rel="icon" href="data:,"><div id="user-button"></div>
<script type="module">${script}</script>`,
  }));
  await page.goto(`${server.url}/module.html`);
  return { page, problems };
}

test("new Clerk(key, { proxyUrl }), load, mount and signOut through the module", async () => {
  const context = await browser.newContext();
  await signIn(context, server, ADA);
  const { page, problems } = await modulePage(context, `
  import { Clerk } from "/pkg/clerk.mjs";
  const clerk = new Clerk("pk_live_Y2xlcmsuZXhhbXBsZS5jb20k", { proxyUrl: "/" });
  window.before = { status: clerk.status, loaded: clerk.loaded, key: clerk.publishableKey, user: clerk.user };
  await clerk.load();
  await clerk.mountUserButton(document.getElementById("user-button"));
  window.clerk = clerk;
  window.ClerkClass = Clerk;`);
  await trigger(page).waitFor();
  assert.deepEqual(await page.evaluate(() => window.before),
    { status: "loading", loaded: false, key: "pk_live_Y2xlcmsuZXhhbXBsZS5jb20k", user: undefined });
  assert.deepEqual(await page.evaluate(() => ({
    status: clerk.status, name: clerk.user.fullName, proxyUrl: clerk.proxyUrl, isClass: clerk instanceof ClerkClass,
    noGlobal: window.Clerk === undefined, getter: typeof Object.getOwnPropertyDescriptor(ClerkClass.prototype, "user").get,
  })), { status: "ready", name: "Ada Lovelace", proxyUrl: "/", isClass: true, noGlobal: true, getter: "function" });
  // A second instance drives the same widget: it sees the same session.
  assert.equal(await page.evaluate(async () => {
    const second = new ClerkClass(undefined, { proxyUrl: "/" });
    await second.load();
    return second.session.id === clerk.session.id && second.user === clerk.user;
  }), true);
  await page.evaluate(() => window.clerk.signOut(() => {}));
  await trigger(page).waitFor({ state: "detached" });
  assert.deepEqual((await serverClient(context, server)).sessions, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the constructor refuses wrong arguments with a TypeError", async () => {
  const context = await browser.newContext();
  const { page } = await modulePage(context, `
  import { Clerk } from "/pkg/clerk.mjs";
  window.outcomes = [() => new Clerk(42), () => new Clerk("pk_test_x", "/proxy"), () => new Clerk(null, [])]
    .map((make) => { try { make(); return "made"; } catch (e) { return e.name + ": " + e.message; } });`);
  await page.waitForFunction(() => window.outcomes);
  assert.deepEqual(await page.evaluate(() => window.outcomes), [
    "TypeError: new Clerk(publishableKey, options): publishableKey must be a string, not the number 42.",
    'TypeError: new Clerk(publishableKey, options): options must be an object, not the string "/proxy".',
    "TypeError: new Clerk(publishableKey, options): options must be an object, not an array.",
  ]);
  await context.close();
});
