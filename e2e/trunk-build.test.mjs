// The trunk build (dist/, written by `trunk build` in scripts/test) works as
// a page: the demo signs in with the form and out with the custom button.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { startServer, launch, watch, trigger, root, GRACE, PASSWORD } from "./support/harness.mjs";

const dist = path.join(root, "dist");
let server, browser;
before(async () => {
  assert.ok(existsSync(path.join(dist, "index.html")), "run `trunk build` first (scripts/test does)");
  server = await startServer([], dist);
  browser = await launch();
});
after(async () => { await browser?.close(); server?.stop(); });

test("the trunk-built demo signs in and out", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(`${server.url}/`);
  await page.waitForFunction(() => window.Clerk.loaded === true);
  await page.fill("#sign-in input[name=identifier]", GRACE);
  await page.fill("#sign-in input[name=password]", PASSWORD);
  await page.click("#sign-in button[type=submit]");
  await trigger(page).waitFor();
  await page.locator("#who").filter({ hasText: "Grace Hopper" }).waitFor();
  await Promise.all([page.waitForURL(`${server.url}/`), page.click("#custom-sign-out")]);
  await page.waitForFunction(() => window.Clerk.loaded && window.Clerk.session === null);
  assert.equal(await trigger(page).count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});
