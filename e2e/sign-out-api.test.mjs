// JS callers awaiting window.Clerk.signOut(), right after the script tag.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, watch, signIn, serverClient, ADA } from "./support/harness.mjs";

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

const PAGE = (api, call) => `<!doctype html><link rel="icon" href="data:,">
<script src="/pkg/clerk.js" data-clerk-frontend-api="${api}"></script>
<script>
  window.result = (async () => { try { ${call}; return "resolved"; } catch (e) { return e.name + ":" + (e.code || e.message); } })();
</script>`;

async function run(context, call) {
  const page = await context.newPage();
  const problems = watch(page);
  await page.route(`${server.url}/caller.html`, (route) =>
    route.fulfill({ contentType: "text/html", body: PAGE(server.url, call) }));
  await page.goto(`${server.url}/caller.html`);
  const result = await page.evaluate(() => window.result);
  return { page, result, problems };
}

test("await signOut() before the wasm is ready waits for it, then signs out", async () => {
  const context = await browser.newContext();
  await signIn(context, server, ADA);
  const { page, result, problems } = await run(context,
    `await window.Clerk.signOut(() => { window.callbackRan = true; })`);
  assert.equal(result, "resolved");
  assert.equal(await page.evaluate(() => window.callbackRan), true, "the callback replaces navigation");
  assert.equal(await page.evaluate(() => window.Clerk.session), null);
  assert.deepEqual((await serverClient(context, server)).sessions, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test("signOut() without a session resolves at once", async () => {
  const context = await browser.newContext();
  const { result } = await run(context, `await window.Clerk.signOut()`);
  assert.equal(result, "resolved");
  await context.close();
});

test("bad arguments reject with a TypeError", async () => {
  const context = await browser.newContext();
  const { page, result } = await run(context, `await window.Clerk.signOut({ sessionId: 42 })`);
  assert.equal(result, "TypeError:Clerk.signOut(options): options.sessionId must be a string, not the number 42.");
  const sync = await page.evaluate(() => {
    try { window.Clerk.mountUserButton(null); return "no error"; } catch (e) { return e.name; }
  });
  assert.equal(sync, "TypeError");
  await context.close();
});

test("with the server stopped, signOut rejects with a coded ClerkError and the session stays", async () => {
  const own = await startServer();
  const context = await browser.newContext();
  await signIn(context, own, ADA);
  const page = await context.newPage();
  await page.route(`${own.url}/stopped.html`, (route) => route.fulfill({
    contentType: "text/html",
    body: `<!doctype html><link rel="icon" href="data:,"><script src="/pkg/clerk.js" data-clerk-frontend-api="${own.url}"></script>`,
  }));
  await page.goto(`${own.url}/stopped.html`);
  await page.waitForFunction(() => window.Clerk.loaded === true && !!window.Clerk.session);
  // The sign-out's code (the menu's piece) is fetched right after the load.
  await page.waitForFunction(() => performance.getEntriesByType("resource").some((e) => e.name.includes("user_button_menu")));
  own.stop();
  await new Promise((r) => setTimeout(r, 300));
  const error = await page.evaluate(async () => {
    try { await window.Clerk.signOut(); return null; } catch (e) {
      return { name: e.name, code: e.code, status: e.status, isError: e instanceof Error, message: e.message };
    }
  });
  assert.equal(error.name, "ClerkError");
  assert.equal(error.code, "network_error");
  assert.equal(error.status, null);
  assert.equal(error.isError, true);
  assert.match(error.message, /could not be reached/);
  assert.ok(await page.evaluate(() => window.Clerk.session && window.Clerk.session.id), "still signed in locally");
  await context.close();
});

test("when the sign-out's code cannot be fetched, signOut rejects with widget_load_failed and nothing changes", async () => {
  const context = await browser.newContext();
  await signIn(context, server, ADA);
  const page = await context.newPage();
  let blocked = true;
  await page.route("**/split_user_button_menu.wasm", (route) => (blocked ? route.abort() : route.continue()));
  await page.route(`${server.url}/blocked.html`, (route) => route.fulfill({
    contentType: "text/html",
    body: `<!doctype html><link rel="icon" href="data:,"><script src="/pkg/clerk.js" data-clerk-frontend-api="${server.url}"></script>`,
  }));
  await page.goto(`${server.url}/blocked.html`);
  await page.waitForFunction(() => window.Clerk.loaded === true && !!window.Clerk.session);
  const error = await page.evaluate(() => window.Clerk.signOut().then(() => null, (e) => ({ name: e.name, code: e.code })));
  assert.deepEqual(error, { name: "ClerkError", code: "widget_load_failed" });
  assert.ok(await page.evaluate(() => !!window.Clerk.session), "still signed in locally");
  assert.equal((await serverClient(context, server)).sessions.length, 1, "and on the server");
  // Once the code can be fetched, the same call signs out.
  blocked = false;
  await Promise.all([page.waitForURL(`${server.url}/`), page.evaluate(() => { window.Clerk.signOut(); })]);
  assert.deepEqual((await serverClient(context, server)).sessions, []);
  await context.close();
});
