// The ES-module entry: the wasm-bindgen module imported directly, no loader.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, watch, signIn, serverClient, trigger, ADA } from "./support/harness.mjs";

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

test("import, load, mount and signOut through the module", async () => {
  const context = await browser.newContext();
  await signIn(context, server, ADA);
  const page = await context.newPage();
  const problems = watch(page);
  await page.route(`${server.url}/module.html`, (route) => route.fulfill({
    contentType: "text/html",
    body: `<!doctype html><link rel="icon" href="data:,"><div id="user-button"></div>
<script type="module">
  import init, * as Clerk from "/pkg/clerk-widget.js";
  await init({ module_or_path: "/pkg/clerk-widget_bg.wasm" });
  await Clerk.load({ frontendApi: location.origin });
  Clerk.mountUserButton(document.getElementById("user-button"));
  window.moduleClerk = Clerk;
</script>`,
  }));
  await page.goto(`${server.url}/module.html`);
  await trigger(page).waitFor();
  assert.equal(await page.evaluate(() => window.moduleClerk.user().first_name), "Ada");
  await page.evaluate(() => window.moduleClerk.signOut(() => {}));
  await trigger(page).waitFor({ state: "detached" });
  assert.deepEqual((await serverClient(context, server)).sessions, []);
  assert.deepEqual(problems, []);
  await context.close();
});
