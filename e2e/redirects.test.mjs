// Every way a page (or the server) can hand the widget a navigation target,
// each tried with script URLs and foreign origins: none runs script, none
// leaves the page's origin; each goes to "/" with a console warning.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, signIn, trigger, ADA, GRACE } from "./support/harness.mjs";

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

const HOSTILE = [
  "javascript:alert(document.cookie)",
  "  JaVaScRiPt:alert(document.cookie)",
  "java\tscript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)",
  "//evil.example/",
  "https://evil.example/",
];

const PAGE = `<!doctype html><link rel="icon" href="data:,">
<script src="/pkg/clerk.js"></script>
<div id="user-button"></div>`;

/// A page of this origin (not "/"), with the Clerk loaded by `options`.
async function guestPage(context, loadOptions = {}) {
  const page = await context.newPage();
  const seen = { dialogs: [], warnings: [], foreign: [] };
  page.on("dialog", (d) => { seen.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  page.on("console", (m) => { if (m.type() === "warning") seen.warnings.push(m.text()); });
  // Had the widget followed a foreign URL, this would record it.
  await context.route("**://evil.example/**", (route) => {
    seen.foreign.push(route.request().url());
    route.fulfill({ contentType: "text/html", body: "evil" });
  });
  await page.route(`${server.url}/guest.html`, (route) => route.fulfill({ contentType: "text/html", body: PAGE }));
  await page.goto(`${server.url}/guest.html`);
  await page.evaluate((o) => window.Clerk.load({ proxyUrl: "/", ...o }), loadOptions);
  return { page, seen };
}

/// `act` starts the navigation without awaiting it in the page: the page
/// goes away while a promise there would still be pending.
async function landsSafely(page, seen, target, act) {
  await Promise.all([page.waitForURL(`${server.url}/`), act()]);
  assert.deepEqual(seen.dialogs, [], `no script ran for ${JSON.stringify(target)}`);
  assert.deepEqual(seen.foreign, [], `no foreign page for ${JSON.stringify(target)}`);
  assert.ok(seen.warnings.some((w) => w.includes("not navigating")), `a warning for ${JSON.stringify(target)}`);
}

const menuItem = (page, name) => page.locator(`#user-button .cl-userButtonPopoverActionButton__${name}`);

async function mountAndOpen(page, props) {
  await page.evaluate((p) => window.Clerk.mountUserButton(document.getElementById("user-button"), p), props);
  await trigger(page).click();
}

test("signOut({ redirectUrl }) and load({ afterSignOutUrl })", async () => {
  const context = await browser.newContext();
  for (const target of HOSTILE) {
    await signIn(context, server, ADA);
    const a = await guestPage(context);
    await landsSafely(a.page, a.seen, target, () => a.page.evaluate((t) => { window.Clerk.signOut({ redirectUrl: t }); }, target));
    await a.page.close();

    await signIn(context, server, ADA);
    const b = await guestPage(context, { afterSignOutUrl: target });
    await landsSafely(b.page, b.seen, target, () => b.page.evaluate(() => { window.Clerk.signOut(); }));
    await b.page.close();
  }
  await context.close();
});

test("the UserButton's afterSignOutUrl, userProfileUrl and signInUrl", async () => {
  const context = await browser.newContext();
  for (const target of HOSTILE) {
    await signIn(context, server, ADA);
    for (const [prop, item] of [["userProfileUrl", "manageAccount"], ["signInUrl", "addAccount"], ["afterSignOutUrl", "signOut"]]) {
      const { page, seen } = await guestPage(context);
      // "Manage account" navigates only in navigation mode (the default opens the panel).
      await mountAndOpen(page, { [prop]: target, userProfileMode: "navigation" });
      await landsSafely(page, seen, target, () => menuItem(page, item).click());
      await page.close();
    }
  }
  await context.close();
});

test("afterSwitchSessionUrl", async () => {
  const context = await browser.newContext();
  await signIn(context, server, ADA);
  await signIn(context, server, GRACE);
  for (const target of HOSTILE) {
    const { page, seen } = await guestPage(context);
    await mountAndOpen(page, { afterSwitchSessionUrl: target });
    await landsSafely(page, seen, target, () => menuItem(page, "switchSession").first().click());
    await page.close();
  }
  await context.close();
});

test("display-config URLs from a hostile or broken server", async () => {
  const context = await browser.newContext();
  await signIn(context, server, ADA);
  for (const target of HOSTILE) {
    // A proxy between the page and the server rewrites the environment.
    await context.route(`${server.url}/v1/environment**`, async (route) => {
      const response = await route.fetch();
      const environment = await response.json();
      environment.display_config.user_profile_url = target;
      environment.display_config.sign_in_url = target;
      await route.fulfill({ response, json: environment });
    });
    for (const item of ["manageAccount", "addAccount"]) {
      const { page, seen } = await guestPage(context);
      await mountAndOpen(page, { userProfileMode: "navigation" });
      await landsSafely(page, seen, target, () => menuItem(page, item).click());
      await page.close();
    }
    await context.unroute(`${server.url}/v1/environment**`);
  }
  await context.close();
});

test("allowedRedirectOrigins lets the page name other origins, as strings or RegExps", async () => {
  const context = await browser.newContext();
  const reached = [];
  await context.route("**://accounts.example.org/**", (route) => {
    reached.push(route.request().url());
    route.fulfill({ contentType: "text/html", body: "accounts" });
  });
  for (const origins of [["https://accounts.example.org"], ["https://*.example.org"]]) {
    await signIn(context, server, ADA);
    const { page } = await guestPage(context, { allowedRedirectOrigins: origins });
    await Promise.all([
      page.waitForURL("https://accounts.example.org/bye"),
      page.evaluate(() => { window.Clerk.signOut({ redirectUrl: "https://accounts.example.org/bye" }); }),
    ]);
    await page.close();
  }
  await signIn(context, server, ADA);
  const page = await context.newPage();
  await page.route(`${server.url}/guest.html`, (route) => route.fulfill({ contentType: "text/html", body: PAGE }));
  await page.goto(`${server.url}/guest.html`);
  await page.evaluate(() => window.Clerk.load({ proxyUrl: "/", allowedRedirectOrigins: [/^https:\/\/accounts\.example\.org$/] }));
  await Promise.all([
    page.waitForURL("https://accounts.example.org/regexp"),
    page.evaluate(() => { window.Clerk.signOut({ redirectUrl: "https://accounts.example.org/regexp" }); }),
  ]);
  assert.equal(reached.length, 3);
  await context.close();
});
