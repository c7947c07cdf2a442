// The README's pictures of the menu made the page's own: light, dark, a
// custom brand theme, French, Arabic (right to left) and custom items. Each
// is taken twice, with animations off and the pointer away, and must come
// out byte for byte the same before it is written to docs/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { startServer, launch, watch, signIn, trigger, menu, root, ADA } from "./support/harness.mjs";

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

const SHOTS = {
  "theme-light": { load: {} },
  "theme-dark": { load: { appearance: { baseTheme: "dark" } }, page: "#121214" },
  "theme-brand": {
    load: {
      appearance: {
        variables: { colorPrimary: "#0b6e4f", colorText: "#1d2b24", colorTextSecondary: "#4f6158", colorBackground: "#f6fbf8",
          colorNeutral: "#0b6e4f", fontFamily: "Georgia, 'DejaVu Serif', serif", borderRadius: "2px" },
        elements: { userButtonPopoverActionButton__signOut: { color: "#a4161a" } },
      },
    },
  },
  "locale-fr": { load: { localization: "fr-FR" } },
  "locale-ar": { load: { localization: "ar-SA" }, dir: "rtl" },
  "custom-items": {
    load: {},
    props: `{ customMenuItems: [
      { label: "Billing", href: "/billing", mountIcon: (el) => { el.textContent = "€"; } },
      { label: "Help", onClick: () => {}, mountIcon: (el) => { el.textContent = "?"; } },
      { label: "signOut" },
    ] }`,
  },
};

async function shoot(context, name, { load, props = "{}", page: background = "#f7f7f9", dir = "ltr" }) {
  const page = await context.newPage();
  const problems = watch(page);
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.route(`${server.url}/shot.html`, (route) => route.fulfill({
    contentType: "text/html",
    body: `<!doctype html><html lang="en" dir="${dir}"><meta charset="utf-8"><title>Shot</title><link rel="icon" href="data:,">
<style>body { margin: 0; background: ${background}; font: 16px sans-serif; }
header { display: flex; justify-content: space-between; align-items: center; padding: 12px 24px; }</style>
<script src="/pkg/clerk.js"></script>
<header><b style="color:#888">My application</b><div id="user-button"></div></header>
<script>Clerk.load(Object.assign({ frontendApi: location.origin }, ${JSON.stringify(load)}));
Clerk.mountUserButton(document.getElementById("user-button"), ${props});</script>`,
  }));
  await page.goto(`${server.url}/shot.html`);
  await trigger(page).click();
  await menu(page).waitFor();
  await page.mouse.move(1, 1);
  // No focus ring on the first row: focus stays in the menu, on its card.
  await page.evaluate(() => document.querySelector("#user-button clerk-mount").shadowRoot.querySelector("[role=dialog]").focus());
  // The header and the whole card, with a margin below it.
  const bottom = await page.evaluate(() => document.querySelector("#user-button clerk-mount").shadowRoot
    .querySelector("[role=dialog]").getBoundingClientRect().bottom);
  const clip = { x: 0, y: 0, width: 480, height: Math.ceil(bottom) + 24 };
  const first = await page.screenshot({ clip, animations: "disabled" });
  const second = await page.screenshot({ clip, animations: "disabled" });
  assert.ok(first.equals(second), `${name}: two shots of the same menu differ`);
  assert.deepEqual(problems, []);
  await page.close();
  return first;
}

test("the README's menus: light, dark, brand, French, Arabic and custom items, byte-stable", async () => {
  const context = await browser.newContext({ viewport: { width: 480, height: 480 }, deviceScaleFactor: 1 });
  await signIn(context, server, ADA);
  for (const [name, setup] of Object.entries(SHOTS)) {
    const png = await shoot(context, name, setup);
    fs.writeFileSync(path.join(root, `docs/${name}.png`), png);
  }
  await context.close();
});
