// The widget as a guest on pages laid out in other ways: what loading,
// mounting and unmounting leave behind, and where the menu opens.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, watch, signIn, trigger, menu, ADA, GRACE } from "./support/harness.mjs";

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

/// Serves `body` as /guest.html on the server's origin, after the loader tag.
async function open(context, body, { tag = 'data-clerk-proxy-url="/"', viewport } = {}) {
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  const problems = watch(page);
  const html = `<!doctype html><html><head><meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,"><script src="/pkg/clerk.js" ${tag}></script></head><body>${body}</body></html>`;
  await page.route(`${server.url}/guest.html`, (route) => route.fulfill({ contentType: "text/html", body: html }));
  await page.goto(`${server.url}/guest.html`);
  return { page, problems };
}

const loaded = (page) => page.waitForFunction(() => window.Clerk.loaded === true);

// ---------------------------------------------------------------- loading

test("a failed load does not poison later calls; explicit options win; bad ones are refused", async () => {
  const context = await browser.newContext();
  await signIn(context, server, ADA);
  await signIn(context, server, GRACE);
  const { page, problems } = await open(context, "");
  await loaded(page);
  const outcome = await page.evaluate(async () => {
    const settle = (p) => p.then(() => "resolved", (e) => `${e.name}:${e.code || e.message}`);
    const failed = await settle(window.Clerk.load({ proxyUrl: "not a url" }));
    const sessions = window.Clerk.client.sessions.map((s) => s.id);
    const token = await window.Clerk.getToken();
    const switched = await settle(window.Clerk.setActive({ session: sessions[0] }));
    // The server's own answer, not the failed load's error.
    const signedIn = await settle(window.Clerk.signIn("ada@example.com", "not her password"));
    const wrongArgument = await settle(window.Clerk.load("http://x"));
    const badFrontendApi = await settle(window.Clerk.load({ frontendApi: "not a url" }));
    const signedOut = await settle(window.Clerk.signOut(() => {}));
    return { failed, token: typeof token, switched, signedIn, wrongArgument, badFrontendApi, signedOut };
  });
  assert.deepEqual(outcome, {
    failed: "ClerkError:invalid_configuration",
    token: "string",
    switched: "resolved",
    signedIn: "ClerkError:form_password_incorrect",
    wrongArgument: "TypeError:Clerk.load(options): options must be an object, not the string \"http://x\".",
    // The tag's data-clerk-proxy-url no longer hides an explicit frontendApi.
    badFrontendApi: "ClerkError:invalid_configuration",
    signedOut: "resolved",
  });
  assert.equal(await page.evaluate(() => window.Clerk.session), null);
  // Chromium logs the wrong password's 422 itself; nothing else went wrong.
  assert.deepEqual(problems.filter((p) => !p.includes("status of 422")), []);
  await context.close();
});

test("calls before the wasm is ready fail as they would after; unmount is idempotent", async () => {
  const context = await browser.newContext();
  // The same calls, right after the loader tag and again once loaded.
  const { page } = await open(context, `<div id="early"></div><script>
    window.tryCalls = () => {
      const el = document.getElementById("early");
      return [
        () => Clerk.mountUserButton(el, { showName: "yes" }),
        () => Clerk.mountUserButton(el, "props"),
        () => Clerk.mountSignIn(el, { afterSignInUrl: 3 }),
        () => Clerk.mountUserButton(null),
        () => Clerk.unmountUserButton(el),
        () => Clerk.unmountSignIn(el),
      ].map((call) => { try { call(); return "ok"; } catch (e) { return e.name + ": " + e.message; } });
    };
    window.early = tryCalls();
  </script>`);
  await loaded(page);
  const late = await page.evaluate(() => window.tryCalls());
  const early = await page.evaluate(() => window.early);
  assert.deepEqual(early, late, "the same outcome before and after the wasm is ready");
  assert.deepEqual(late, [
    "TypeError: Clerk.mountUserButton(el, props): props.showName must be a boolean, not the string \"yes\".",
    "TypeError: Clerk.mountUserButton(el, props): props must be an object, not the string \"props\".",
    "TypeError: Clerk.mountSignIn(el, props): props.afterSignInUrl must be a string, not the number 3.",
    "TypeError: Clerk.mountUserButton(el) takes an HTML element, not null.",
    "ok",
    "ok",
  ]);
  await context.close();
});

test("a mount made before the wasm is ready that fails only once it is rejects the promise it returned", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = watch(page);
  // The wasm arrives late (held until the page says so), so the calls
  // below are queued.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route("**/clerk-widget_bg.wasm", async (route) => { await held; await route.continue(); });
  await page.route(`${server.url}/guest.html`, (route) => route.fulfill({
    contentType: "text/html",
    body: `<!doctype html><link rel="icon" href="data:,"><script src="/pkg/clerk.js" data-clerk-proxy-url="/"></script>
<div id="gone"></div><div id="stays"></div>
<script>
  window.outcomes = {};
  const record = (name, promise) => promise.then(() => { outcomes[name] = "mounted"; },
    (e) => { outcomes[name] = e.name + ": " + e.message; });
  record("gone", Clerk.mountUserButton(document.getElementById("gone")));
  record("stays", Clerk.mountUserButton(document.getElementById("stays")));
  window.unhandled = [];
  addEventListener("unhandledrejection", (e) => unhandled.push(e.reason.message));
  Clerk.mountUserButton(document.getElementById("gone"));  // nobody awaits this one
  document.getElementById("gone").remove();
</script>`,
  }));
  await page.goto(`${server.url}/guest.html`);
  assert.equal(await page.evaluate(() => Clerk.loaded), false, "the wasm is still held");
  release();
  await page.waitForFunction(() => Object.keys(window.outcomes).length === 2);
  const detached = "Clerk.mountUserButton(el): the element is not in the document; insert it before mounting.";
  assert.deepEqual(await page.evaluate(() => window.outcomes), { gone: `TypeError: ${detached}`, stays: "mounted" });
  // The same call made now throws that TypeError at once.
  assert.equal(await page.evaluate(() => {
    const el = document.createElement("div");
    try { Clerk.mountUserButton(el); return "no error"; } catch (e) { return e.message; }
  }), detached);
  // Unawaited, the failure reaches the page as an unhandled rejection, as
  // an uncaught throw would.
  await page.waitForFunction(() => window.unhandled.length === 1);
  assert.deepEqual(await page.evaluate(() => window.unhandled), [detached]);
  assert.deepEqual(problems, [`pageerror: ${detached}`]);
  await context.close();
});

test("when the wasm cannot be fetched, calls reject with widget_load_failed", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.route("**/clerk-widget_bg.wasm", (route) => route.abort());
  await page.route(`${server.url}/guest.html`, (route) => route.fulfill({
    contentType: "text/html",
    body: `<!doctype html><link rel="icon" href="data:,"><script src="/pkg/clerk.js" data-clerk-proxy-url="/"></script>`,
  }));
  await page.goto(`${server.url}/guest.html`);
  const outcome = await page.evaluate(async () => {
    const codes = [];
    for (const call of [() => Clerk.signOut(), () => Clerk.load(), () => Clerk.getToken()]) {
      try { await call(); codes.push("resolved"); } catch (e) { codes.push(`${e.name}:${e.code}`); }
    }
    return codes;
  });
  assert.deepEqual(outcome, Array(3).fill("ClerkError:widget_load_failed"));
  await context.close();
});

// ---------------------------------------------------------------- the host

test("mounting keeps the host's own content, and unmounting restores it exactly", async () => {
  const context = await browser.newContext();
  await signIn(context, server, ADA);
  const { page, problems } = await open(context, `<main id="main"><h1>Article</h1><p>Text the page owns.</p></main>`);
  await loaded(page);
  const before = await page.evaluate(() => document.getElementById("main").innerHTML);
  for (const host of ["#main", "body"]) {
    await page.evaluate((h) => Clerk.mountUserButton(document.querySelector(h)), host);
    await page.locator(`${host} .cl-userButtonTrigger`).first().waitFor();
    assert.equal(await page.locator("h1").isVisible(), true, `${host}: the page's heading still shows`);
    assert.equal(await page.locator("p").isVisible(), true);
    await page.evaluate((h) => Clerk.unmountUserButton(document.querySelector(h)), host);
  }
  assert.equal(await page.evaluate(() => document.getElementById("main").innerHTML), before);
  assert.equal(await page.evaluate(() => document.querySelectorAll("clerk-mount").length), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

/// Listeners, DOM nodes (both from Chromium, after a full GC) and the wasm's memory.
async function footprint(page, cdp) {
  await cdp.send("HeapProfiler.collectGarbage");
  const { metrics } = await cdp.send("Performance.getMetrics");
  const get = (name) => metrics.find((m) => m.name === name).value;
  const wasm = await page.evaluate(async () => (await import("/pkg/clerk-widget.js")).wasmMemoryBytes());
  return { listeners: get("JSEventListeners"), nodes: get("Nodes"), wasm };
}

const coreListeners = (page) => page.evaluate(async () => (await import("/pkg/clerk-widget.js")).listenerCount());

test("a thousand mount/unmount cycles, rendered or in one task, and 200 menu openings leave nothing behind", async () => {
  const context = await browser.newContext();
  await signIn(context, server, ADA);
  const { page, problems } = await open(context, `<div id="host"></div>`);
  await loaded(page);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  const cycle = (rendered, times) => page.evaluate(async ([rendered, times]) => {
    const el = document.getElementById("host");
    const frame = () => new Promise((r) => setTimeout(r, 0));
    for (let i = 0; i < times; i++) {
      Clerk.mountUserButton(el);
      if (rendered) { await frame(); await frame(); }
      Clerk.unmountUserButton(el);
      // React StrictMode's pattern: mount, unmount, mount, in one task.
      if (!rendered) { Clerk.mountUserButton(el); Clerk.unmountUserButton(el); }
    }
    await frame(); await frame();
  }, [rendered, times]);

  const coreListenersAtStart = await coreListeners(page);
  await cycle(true, 20); // warm-up: the first apps, the wasm's first growth
  await cycle(false, 20);
  // The bound for each thousand: a few listeners and nodes of noise, and
  // at most one allocator high-water step of wasm memory (which never
  // shrinks), that a second thousand does not repeat.
  for (const [label, rendered] of [["rendered", true], ["one task", false]]) {
    const start = await footprint(page, cdp);
    await cycle(rendered, 1000);
    const first = await footprint(page, cdp);
    await cycle(rendered, 1000);
    const second = await footprint(page, cdp);
    console.log("footprint", label, JSON.stringify({ start, first, second }));
    for (const now of [first, second]) {
      assert.ok(now.listeners <= start.listeners + 5, `${label}: listeners ${start.listeners} -> ${now.listeners}`);
      assert.ok(now.nodes <= start.nodes + 50, `${label}: DOM nodes ${start.nodes} -> ${now.nodes}`);
    }
    assert.ok(first.wasm <= start.wasm + 512 * 1024, `${label}: wasm memory ${start.wasm} -> ${first.wasm}`);
    assert.equal(second.wasm, first.wasm, `${label}: a second thousand cycles grew the wasm memory`);
  }
  assert.equal(await page.evaluate(() => document.querySelectorAll("clerk-mount").length), 0);
  assert.equal(await coreListeners(page), coreListenersAtStart, "no component stays subscribed");

  await page.evaluate(() => Clerk.mountUserButton(document.getElementById("host")));
  await page.locator("#host .cl-userButtonTrigger").waitFor();
  const beforeMenus = await footprint(page, cdp);
  for (let i = 0; i < 200; i++) {
    await page.evaluate(() => {
      const t = document.querySelector("#host clerk-mount").shadowRoot.querySelector(".cl-userButtonTrigger");
      t.click();
      return new Promise((r) => setTimeout(r, 0)).then(() => t.click());
    });
  }
  await page.waitForTimeout(50);
  const afterMenus = await footprint(page, cdp);
  console.log("menus", JSON.stringify({ beforeMenus, afterMenus }));
  assert.ok(afterMenus.listeners <= beforeMenus.listeners + 5, `menus: listeners ${beforeMenus.listeners} -> ${afterMenus.listeners}`);
  assert.ok(afterMenus.nodes <= beforeMenus.nodes + 50, `menus: nodes ${beforeMenus.nodes} -> ${afterMenus.nodes}`);
  assert.ok(afterMenus.wasm <= beforeMenus.wasm + 64 * 1024, `menus: wasm ${beforeMenus.wasm} -> ${afterMenus.wasm}`);
  assert.deepEqual(problems, []);
  await context.close();
});

// ---------------------------------------------------------------- placement

const LAYOUTS = {
  "top right": `<header style="display:flex;justify-content:flex-end;padding:8px"><div id="user-button"></div></header>`,
  "left edge": `<div style="position:absolute;left:0;top:0"><div id="user-button"></div></div>`,
  "bottom": `<div style="position:fixed;right:40px;bottom:4px"><div id="user-button"></div></div>`,
  "clipped": `<div style="position:absolute;left:300px;top:20px;width:60px;height:40px;overflow:hidden;transform:translateZ(0)"><div id="user-button"></div></div>`,
  "right to left": `<div dir="rtl" style="display:flex;justify-content:space-between;padding:8px"><span>التطبيق</span><div id="user-button"></div></div>`,
};

async function openMenuIn(context, layout, viewport) {
  const { page, problems } = await open(context, `${layout}<script>Clerk.mountUserButton(document.getElementById("user-button"))</script>`, { viewport });
  // No opening animation: the box is measured as it rests.
  await page.emulateMedia({ reducedMotion: "reduce" });
  await trigger(page).click();
  await menu(page).waitFor();
  return { page, problems };
}

/// The card's box, whether it lies inside the viewport, and whether it is
/// what the page shows at its corners (not clipped or covered).
async function measure(page) {
  return page.evaluate(() => {
    const frame = document.querySelector("#user-button clerk-mount");
    const card = frame.shadowRoot.querySelector("[role=dialog]");
    const trigger = frame.shadowRoot.querySelector(".cl-userButtonTrigger").getBoundingClientRect();
    const box = card.getBoundingClientRect();
    const inset = 4;
    const corners = [[box.left + inset, box.top + inset], [box.right - inset, box.top + inset],
      [box.left + inset, box.bottom - inset], [box.right - inset, box.bottom - inset]];
    const shown = corners.every(([x, y]) => document.elementFromPoint(x, y) === frame);
    return {
      box: { left: box.left, top: box.top, right: box.right, bottom: box.bottom },
      trigger: { left: trigger.left, top: trigger.top, right: trigger.right, bottom: trigger.bottom },
      viewport: { width: document.documentElement.clientWidth, height: document.documentElement.clientHeight },
      shown,
    };
  });
}

function assertOnScreen(label, m) {
  assert.ok(m.box.left >= 0 && m.box.top >= 0, `${label}: ${JSON.stringify(m)}`);
  assert.ok(m.box.right <= m.viewport.width && m.box.bottom <= m.viewport.height, `${label}: ${JSON.stringify(m)}`);
  assert.ok(m.shown, `${label}: the whole card shows (not clipped or covered): ${JSON.stringify(m)}`);
}

test("the menu stays fully on screen wherever the trigger sits", async () => {
  const context = await browser.newContext();
  await signIn(context, server, ADA);
  for (const [label, layout] of Object.entries(LAYOUTS)) {
    for (const viewport of [{ width: 1024, height: 700 }, { width: 360, height: 640 }]) {
      const { page, problems } = await openMenuIn(context, layout, viewport);
      const m = await measure(page);
      assertOnScreen(`${label} at ${viewport.width}px`, m);
      if (label === "bottom") assert.ok(m.box.bottom <= m.trigger.top, "flipped above the trigger");
      if (label === "top right" || label === "left edge") assert.ok(m.box.top >= m.trigger.bottom, "below the trigger");
      if (label === "right to left" && viewport.width > 800) {
        assert.ok(Math.abs(m.box.left - m.trigger.left) < 1, `anchored at the trigger's left in RTL: ${JSON.stringify(m)}`);
      }
      assert.deepEqual(problems, []);
      await page.close();
    }
  }
  await context.close();
});

test("the menu follows its trigger when the page scrolls and the window resizes", async () => {
  const context = await browser.newContext();
  await signIn(context, server, ADA);
  const { page } = await openMenuIn(context,
    `<div style="height:300px"></div><div style="display:flex;justify-content:flex-end"><div id="user-button"></div></div><div style="height:2000px"></div>`,
    { width: 1024, height: 700 });
  const before = await measure(page);
  await page.evaluate(() => window.scrollBy(0, 120));
  await page.waitForTimeout(50);
  const scrolled = await measure(page);
  assert.ok(Math.abs((before.box.top - scrolled.box.top) - 120) < 1, `moved with the page: ${before.box.top} -> ${scrolled.box.top}`);
  assert.ok(Math.abs(scrolled.box.top - scrolled.trigger.bottom - 8) < 1);
  await page.setViewportSize({ width: 600, height: 700 });
  await page.waitForTimeout(50);
  const resized = await measure(page);
  assertOnScreen("after resize", resized);
  assert.ok(Math.abs(resized.box.right - resized.trigger.right) < 1, "still aligned to the trigger");
  await context.close();
});
