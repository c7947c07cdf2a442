// The seed page's HTML snippet, verbatim, on a plain page with one script tag.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, watch, signIn, serverClient, trigger, menu, ADA } from "./support/harness.mjs";

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

const SEED = (api) => `<!doctype html><link rel="icon" href="data:,">
<script src="/pkg/clerk.js" data-clerk-frontend-api="${api}"></script>
<html> <body> <header> <h1>My application</h1> <div id="user-button"></div> </header> <script> const el = document.getElementById("user-button"); // Mount the pre-built Clerk UserButton component
 // in an HTMLElement on your page.
 window.Clerk.mountUserButton(el); </script> </body> </html>`;

test("the seed snippet mounts the UserButton and its Sign out ends the session", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = watch(page);
  await page.route(`${server.url}/seed.html`, (route) =>
    route.fulfill({ contentType: "text/html", body: SEED(server.url) }));

  // Signed out: the mount renders nothing.
  await page.goto(`${server.url}/seed.html`);
  await page.waitForFunction(() => window.Clerk.loaded === true);
  assert.equal(await trigger(page).count(), 0);

  const session = await signIn(context, server, ADA);
  await page.reload();
  await trigger(page).click();
  await menu(page).waitFor();
  assert.match(await menu(page).innerText(), /Ada Lovelace/);
  assert.equal(await trigger(page).getAttribute("aria-expanded"), "true");

  await Promise.all([
    page.waitForURL(`${server.url}/`),
    page.locator("#user-button .cl-userButtonPopoverActionButton__signOut").click(),
  ]);
  const client = await serverClient(context, server);
  assert.deepEqual(client.sessions, [], "the server ended the session");
  const token = await context.request.post(`${server.url}/v1/client/sessions/${session}/tokens`, { headers: { origin: server.url } });
  assert.equal(token.status(), 401);
  assert.deepEqual(problems, []);
  await context.close();
});
