// One rule for where a full sign-out goes: `Clerk.signOut()` and the menu's
// "Sign out" land on the same page for every configuration (explicit
// target, load option, the server's display config, the default), for the
// last account and for the current one of two.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, signIn, trigger, ADA, GRACE } from "./support/harness.mjs";

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

const PAGE = `<!doctype html><link rel="icon" href="data:,">
<script src="/pkg/clerk.js"></script><div id="user-button"></div>`;

/// Signs in (one account, or Grace then Ada), opens the guest page, loads,
/// signs out by `path`, and returns where the page landed.
async function landing({ loadOptions = {}, explicit, display, twoAccounts }, path) {
  const context = await browser.newContext();
  if (twoAccounts) await signIn(context, server, GRACE);
  await signIn(context, server, ADA);
  if (display) {
    // The server's display config, as a Clerk instance configured so would send it.
    await context.route(`${server.url}/v1/environment**`, async (route) => {
      const response = await route.fetch();
      const environment = await response.json();
      Object.assign(environment.display_config, display);
      await route.fulfill({ response, json: environment });
    });
  }
  const page = await context.newPage();
  await page.route(`${server.url}/guest.html`, (route) => route.fulfill({ contentType: "text/html", body: PAGE }));
  await page.goto(`${server.url}/guest.html`);
  await page.evaluate((o) => window.Clerk.load({ proxyUrl: "/", ...o }), loadOptions);
  const left = page.waitForURL((url) => !url.pathname.endsWith("/guest.html"));
  if (path === "js") {
    await page.evaluate(({ explicit, twoAccounts }) => {
      const options = {};
      if (explicit) options.redirectUrl = explicit;
      if (twoAccounts) options.sessionId = window.Clerk.session.id; // the current one of two
      window.Clerk.signOut(options);
    }, { explicit, twoAccounts });
  } else {
    await page.evaluate((p) => window.Clerk.mountUserButton(document.getElementById("user-button"), p),
      explicit ? { afterSignOutUrl: explicit } : {});
    await trigger(page).click();
    await page.locator("#user-button .cl-userButtonPopoverActionButton__signOut").click();
  }
  await left;
  const url = page.url();
  await context.close();
  return url;
}

const CONFIGURATIONS = {
  "the default": [{}, "/"],
  "the load option": [{ loadOptions: { afterSignOutUrl: "/?via=load" } }, "/?via=load"],
  "the display config": [{ display: { after_sign_out_all_url: "/?via=all", after_sign_out_one_url: "/?via=one" } }, "/?via=all"],
  "an explicit target": [{ explicit: "/?via=explicit" }, "/?via=explicit"],
  "the display config, one of two accounts": [
    { twoAccounts: true, display: { after_sign_out_all_url: "/?via=all", after_sign_out_one_url: "/?via=one" } },
    "/?via=one",
  ],
};

for (const [name, [configuration, expected]] of Object.entries(CONFIGURATIONS)) {
  test(`Clerk.signOut() and the menu land on the same page: ${name}`, async () => {
    const viaJs = await landing(configuration, "js");
    const viaMenu = await landing(configuration, "menu");
    assert.equal(viaJs, `${server.url}${expected}`);
    assert.equal(viaMenu, viaJs);
  });
}
