// No layout shift: from the script tag until the button shows, the host
// keeps the trigger's box, so the page's header does not jump. The wasm
// and then the client are held back (by routing their responses), and the
// host's box is measured at each stage.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, watch, signIn, trigger, ADA } from "./support/harness.mjs";

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

/// A response held until `release()` is called.
function gate() {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  return { held, release };
}

test("the host's box is the same before the wasm, before the client and with the button", async () => {
  const context = await browser.newContext();
  await signIn(context, server, ADA);
  const page = await context.newPage();
  const problems = watch(page);
  const wasm = gate(), client = gate();
  await page.route("**/clerk-widget_bg.wasm", async (route) => { await wasm.held; await route.continue(); });
  await page.route("**/v1/client?**", async (route) => { await client.held; await route.continue(); });
  await page.route(`${server.url}/header.html`, (route) => route.fulfill({
    contentType: "text/html",
    body: `<!doctype html><link rel="icon" href="data:,"><style>body { margin: 0; font: 16px sans-serif; }
  header { display: flex; align-items: center; gap: 12px; padding: 8px; border-bottom: 1px solid #ddd; }</style>
<script src="/pkg/clerk.js" data-clerk-frontend-api="${server.url}"></script>
<header><div id="user-button"></div><h1 id="title" style="margin:0;font-size:20px">My application</h1></header>
<script>Clerk.mountUserButton(document.getElementById("user-button"));</script>`,
  }));
  await page.goto(`${server.url}/header.html`);
  const boxes = () => page.evaluate(() => {
    const box = (el) => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; };
    return { host: box(document.getElementById("user-button")), title: box(document.getElementById("title")) };
  });
  const beforeWasm = await boxes();
  assert.equal(await page.evaluate(() => Clerk.loaded), false);
  wasm.release();
  await page.waitForFunction(() => !!document.querySelector("#user-button clerk-mount")?.shadowRoot?.querySelector(".cl-userButtonPlaceholder"));
  const beforeClient = await boxes();
  client.release();
  await trigger(page).waitFor();
  const withButton = await boxes();
  assert.deepEqual(beforeWasm, withButton, "before the wasm");
  assert.deepEqual(beforeClient, withButton, "before the client");
  assert.ok(withButton.host[2] >= 36 && withButton.host[3] >= 36, JSON.stringify(withButton));
  // The placeholder is gone and nothing of it is left behind.
  assert.equal(await page.evaluate(() => document.querySelectorAll("#user-button > clerk-mount").length), 1);
  assert.deepEqual(problems, []);
  await context.close();
});
