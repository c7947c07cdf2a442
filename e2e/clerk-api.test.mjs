// clerk-js's documented surface around the resources: `status` and its
// events, `isSignedIn`, `version`, the address getters, `addListener`'s
// `skipInitialEmit`, and the ClerkAPIResponseError shape of every failure
// (a 4xx envelope, a 5xx, a network failure, a timeout). (Issue 11 goes on
// with the resource objects themselves.)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, watch, signIn, ADA, GRACE } from "./support/harness.mjs";

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

// The script tag, then a page script that records every status from the
// first one on.
const PAGE = (api) => `<!doctype html><link rel="icon" href="data:,">
<script src="/pkg/clerk.js" data-clerk-frontend-api="${api}"></script>
<script>
  window.statuses = [];
  window.Clerk.on("status", (s) => window.statuses.push(s), { notify: true });
</script>`;

async function page(context, api = server.url) {
  const p = await context.newPage();
  const problems = watch(p);
  await p.route(`${server.url}/api.html`, (route) => route.fulfill({ contentType: "text/html", body: PAGE(api) }));
  await p.goto(`${server.url}/api.html`);
  return { page: p, problems };
}

test("status goes loading → ready; isSignedIn, version and the address follow", async () => {
  const context = await browser.newContext();
  await signIn(context, server, ADA);
  const { page: p, problems } = await page(context);
  await p.waitForFunction(() => window.Clerk.status === "ready");
  assert.deepEqual(await p.evaluate(() => window.statuses), ["loading", "ready"]);
  assert.deepEqual(await p.evaluate(() => ({
    isSignedIn: window.Clerk.isSignedIn,
    version: window.Clerk.version,
    frontendApi: window.Clerk.frontendApi,
    proxyUrl: window.Clerk.proxyUrl,
  })), { isSignedIn: true, version: "clerk-rs-0.1.0", frontendApi: server.url, proxyUrl: undefined });
  await p.evaluate(() => window.Clerk.signOut(() => {}));
  assert.equal(await p.evaluate(() => window.Clerk.isSignedIn), false);
  assert.deepEqual(problems, []);
  await context.close();
});

test("status is error when nothing loads, degraded when a reload fails", async () => {
  const context = await browser.newContext();
  const dead = "http://127.0.0.1:9"; // nothing listens on the discard port
  const broken = await page(context, dead);
  await broken.page.waitForFunction(() => window.Clerk.status === "error");
  assert.deepEqual(await broken.page.evaluate(() => window.statuses), ["loading", "error"]);

  const good = await page(context);
  await good.page.waitForFunction(() => window.Clerk.status === "ready");
  const reload = await good.page.evaluate((api) =>
    window.Clerk.load({ frontendApi: api }).then(() => "resolved", (e) => e.code), dead);
  assert.equal(reload, "network_error");
  assert.equal(await good.page.evaluate(() => window.Clerk.status), "degraded");
  assert.equal(await good.page.evaluate(() => window.Clerk.frontendApi), server.url, "the good load's address");
  // A good load again: ready; and off() stops the events.
  await good.page.evaluate((api) => window.Clerk.load({ frontendApi: api }), server.url);
  assert.equal(await good.page.evaluate(() => window.Clerk.status), "ready");
  assert.deepEqual(await good.page.evaluate(() => window.statuses), ["loading", "ready", "degraded", "ready"]);
  const stopped = await good.page.evaluate(async (dead) => {
    const seen = [];
    const handler = (s) => seen.push(s);
    window.Clerk.on("status", handler);
    window.Clerk.off("status", handler);
    await window.Clerk.load({ frontendApi: dead }).catch(() => {});
    return seen;
  }, dead);
  assert.deepEqual(stopped, []);
  await context.close();
});

test("addListener with skipInitialEmit hears only changes", async () => {
  const context = await browser.newContext();
  await signIn(context, server, ADA);
  const { page: p } = await page(context);
  await p.waitForFunction(() => window.Clerk.status === "ready");
  const calls = await p.evaluate(async () => {
    const all = [], changes = [];
    window.Clerk.addListener((r) => all.push(r.session ? "in" : String(r.session)));
    window.Clerk.addListener((r) => changes.push(r.session ? "in" : String(r.session)), { skipInitialEmit: true });
    await window.Clerk.signOut(() => {});
    return { all, changes };
  });
  assert.deepEqual(calls.all, ["in", "undefined", "null"]);
  assert.deepEqual(calls.changes, ["undefined", "null"]);
  await context.close();
});

/// The fields of a rejected call's error, as a page reads them.
async function failure(p, call) {
  return p.evaluate(async (call) => {
    try { await eval(call); return null; } catch (e) {
      return {
        name: e.name, code: e.code, status: e.status, message: e.message, clerkError: e.clerkError,
        clerkTraceId: e.clerkTraceId, errors: e.errors,
        isClerkAPIResponseError: "clerkError" in e && Array.isArray(e.errors),
      };
    }
  }, call);
}

test("a 4xx rejects with Clerk's ClerkAPIResponseError shape, meta as clerk-js reads it", async () => {
  const context = await browser.newContext();
  const { page: p } = await page(context);
  await p.waitForFunction(() => window.Clerk.status === "ready");
  const e = await failure(p, `window.Clerk.signIn("${ADA}", "not the password")`);
  assert.equal(e.name, "ClerkError");
  assert.equal(e.code, "form_password_incorrect");
  assert.equal(e.status, 422);
  assert.equal(e.clerkError, true);
  assert.equal(e.isClerkAPIResponseError, true);
  assert.match(e.clerkTraceId, /^[0-9a-f]{8,}$/, "the server's trace id");
  assert.equal(e.errors.length, 1);
  assert.equal(e.errors[0].code, "form_password_incorrect");
  assert.match(e.errors[0].longMessage, /Password is incorrect/);
  assert.deepEqual(e.errors[0].meta, { paramName: "password" });
  await context.close();
});

test("a 5xx, a network failure and a timeout keep their codes in the same shape", async () => {
  const context = await browser.newContext();
  await signIn(context, server, ADA);
  const { page: p } = await page(context);
  await p.waitForFunction(() => window.Clerk.status === "ready");

  await p.route(/\/v1\/client\/sessions\?/, (route) => route.fulfill({
    status: 500, contentType: "application/json",
    body: JSON.stringify({ errors: [{ code: "internal_clerk_error", message: "Oops", long_message: "Oops, try later", meta: {} }], clerk_trace_id: "trace-500" }),
  }));
  let e = await failure(p, "window.Clerk.signOut(() => {})");
  assert.deepEqual([e.code, e.status, e.clerkTraceId, e.errors[0].code, e.errors[0].longMessage],
    ["internal_clerk_error", 500, "trace-500", "internal_clerk_error", "Oops, try later"]);
  await p.unroute(/\/v1\/client\/sessions\?/);

  await p.route(/\/v1\/client\/sessions\?/, (route) => route.abort());
  e = await failure(p, "window.Clerk.signOut(() => {})");
  assert.deepEqual([e.code, e.status, e.clerkTraceId, e.clerkError, e.errors.length, e.errors[0].code],
    ["network_error", null, null, true, 1, "network_error"]);
  await p.unroute(/\/v1\/client\/sessions\?/);

  await p.evaluate((api) => window.Clerk.load({ frontendApi: api, requestTimeoutMs: 300 }), server.url);
  await p.route(/\/v1\/client\/sessions\?/, () => {}); // never answered
  e = await failure(p, "window.Clerk.signOut(() => {})");
  assert.equal(e.code, "network_error");
  assert.match(e.errors[0].message, /did not answer within 300 ms/);
  assert.equal(await p.evaluate(() => window.Clerk.isSignedIn), true, "still signed in, as the server says");
  await context.close();
});

test("on() with a wrong event or handler is a TypeError", async () => {
  const context = await browser.newContext();
  const { page: p } = await page(context);
  const errors = await p.evaluate(() => {
    const out = [];
    for (const call of [() => window.Clerk.on("user", () => {}), () => window.Clerk.on("status", 1)]) {
      try { call(); out.push("no error"); } catch (e) { out.push(`${e.name}: ${e.message}`); }
    }
    return out;
  });
  assert.match(errors[0], /^TypeError: Clerk\.on\(\) takes the event "status"/);
  assert.match(errors[1], /^TypeError: Clerk\.on\(event, handler\) takes a function/);
  await context.close();
});

test("resources read as clerk-js's: names, Dates, nested views, one instance while nothing changes", async () => {
  const context = await browser.newContext();
  await signIn(context, server, ADA);
  const { page: p, problems } = await page(context);
  await p.waitForFunction(() => window.Clerk.status === "ready");
  const read = await p.evaluate(async () => {
    const { client, session, user } = window.Clerk;
    const heard = [];
    const stop = window.Clerk.addListener((r) => heard.push(r.user && r.user.firstName));
    stop();
    return {
      firstName: user.firstName, lastName: user.lastName, fullName: user.fullName,
      primary: user.primaryEmailAddress.emailAddress, primaryId: user.primaryEmailAddressId,
      emails: user.emailAddresses.map((e) => e.emailAddress),
      createdAt: user.createdAt instanceof Date && user.createdAt.getTime() > 0,
      lastSignInAt: user.lastSignInAt instanceof Date,
      metadata: user.publicMetadata,
      sessionDates: ["lastActiveAt", "expireAt", "abandonAt", "createdAt", "updatedAt"].every((k) => session[k] instanceof Date),
      expiresLater: session.expireAt.getTime() > Date.now(),
      identifier: session.publicUserData.identifier,
      publicFirst: session.publicUserData.firstName,
      sameUser: session.user === user,
      sameAgain: window.Clerk.user === user && window.Clerk.session === session && window.Clerk.client === client,
      signedIn: client.signedInSessions.map((s) => s.id),
      active: client.activeSessions.length,
      lastActive: client.lastActiveSessionId === session.id,
      clientDates: client.createdAt instanceof Date && client.updatedAt instanceof Date && typeof client.id === "string",
      publicUserData: ["firstName", "lastName", "imageUrl", "hasImage", "identifier", "userId"]
        .filter((k) => !(k in session.publicUserData)),
      userFields: ["username", "imageUrl", "hasImage", "unsafeMetadata", "updatedAt"].filter((k) => !(k in user)),
      raw: session.lastActiveToken.getRawString().split(".").length,
      sid: session.lastActiveToken.jwt.claims.sid === session.id,
      token: (await session.getToken()).split(".").length,
      wireNames: user.first_name === "Ada" && user.email_addresses[0].email_address === "ada@example.com",
      enumerable: Object.keys(user).includes("firstName") && !Object.keys(user).includes("first_name"),
      heard,
    };
  });
  assert.deepEqual(read, {
    firstName: "Ada", lastName: "Lovelace", fullName: "Ada Lovelace",
    primary: ADA, primaryId: read.primaryId, emails: [ADA],
    createdAt: true, lastSignInAt: true, metadata: {},
    sessionDates: true, expiresLater: true, identifier: ADA, publicFirst: "Ada",
    sameUser: true, sameAgain: true, signedIn: read.signedIn, active: 1, lastActive: true,
    clientDates: true, publicUserData: [], userFields: [],
    raw: 3, sid: true, token: 3, wireNames: true, enumerable: true, heard: ["Ada"],
  });
  assert.equal(read.signedIn.length, 1);
  assert.match(read.primaryId, /^idn_/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("resource methods go through the widget: touch, getToken, remove, client.signOut", async () => {
  const context = await browser.newContext();
  await signIn(context, server, ADA);
  await signIn(context, server, GRACE);
  const { page: p } = await page(context);
  await p.waitForFunction(() => window.Clerk.status === "ready");
  const result = await p.evaluate(async () => {
    const out = {};
    const other = window.Clerk.client.signedInSessions.find((s) => s.id !== window.Clerk.session.id);
    out.notCurrent = await other.getToken().then(() => "resolved", (e) => e.code);
    await other.touch();
    out.switched = window.Clerk.session.id === other.id;
    out.tokenNow = typeof (await window.Clerk.session.getToken());
    const first = window.Clerk.client.signedInSessions.find((s) => s.id !== other.id);
    await first.remove();
    out.left = window.Clerk.client.signedInSessions.map((s) => s.id === other.id);
    return out;
  });
  assert.deepEqual(result, { notCurrent: "session_not_current", switched: true, tokenNow: "string", left: [true] });
  // client.signOut() is a full sign-out: it goes to the after-sign-out page.
  await Promise.all([p.waitForURL(`${server.url}/`), p.evaluate(() => { window.Clerk.client.signOut(); })]);
  await p.waitForFunction(() => window.Clerk.loaded === true);
  assert.deepEqual(await p.evaluate(() => [window.Clerk.isSignedIn, window.Clerk.client.signedInSessions.length]), [false, 0]);
  await context.close();
});

test("setActive's beforeEmit and redirectUrl, and a signOut callback's promise", async () => {
  const context = await browser.newContext();
  await signIn(context, server, ADA);
  await signIn(context, server, GRACE);
  const { page: p } = await page(context);
  await p.waitForFunction(() => window.Clerk.status === "ready");
  const switched = await p.evaluate(async () => {
    const before = window.Clerk.session.id;
    const other = window.Clerk.client.signedInSessions.find((s) => s.id !== before);
    const order = [];
    window.Clerk.addListener((r) => order.push(`listener:${r.session && r.session.id === other.id}`), { skipInitialEmit: true });
    await window.Clerk.setActive({
      session: other.id,
      beforeEmit: async (session) => {
        await new Promise((resolve) => setTimeout(resolve, 100));
        order.push(`beforeEmit:${session.id === other.id}:${window.Clerk.session.id === before}`);
      },
    });
    return { order, now: window.Clerk.session.id === other.id };
  });
  assert.deepEqual(switched, { order: ["beforeEmit:true:true", "listener:true"], now: true });

  // redirectUrl: followed after the switch, under the redirect rules.
  await Promise.all([
    p.waitForURL(/#switched$/),
    p.evaluate(() => window.Clerk.setActive({ session: window.Clerk.client.signedInSessions[0].id, redirectUrl: "#switched" })),
  ]);

  // signOut's callback returns a promise: signOut resolves after it.
  const waited = await p.evaluate(async () => {
    let settled = false;
    await window.Clerk.signOut(() => new Promise((resolve) => setTimeout(() => { settled = true; resolve(); }, 200)));
    return settled;
  });
  assert.equal(waited, true);
  await context.close();
});

test("buildSignInUrl, buildAfterSignOutUrl, the redirects, and afterMultiSessionSingleSignOutUrl", async () => {
  const context = await browser.newContext();
  await signIn(context, server, ADA);
  await signIn(context, server, GRACE);
  const { page: p } = await page(context);
  await p.waitForFunction(() => window.Clerk.status === "ready");
  // The instance's display config (the demo server's paths), made absolute.
  assert.deepEqual(await p.evaluate(() => [window.Clerk.buildSignInUrl(), window.Clerk.buildAfterSignOutUrl()]),
    [`${server.url}/#sign-in`, `${server.url}/`]);
  await p.evaluate((api) => window.Clerk.load({ frontendApi: api, signInUrl: "/login", afterSignOutUrl: "/bye",
    afterMultiSessionSingleSignOutUrl: "#one-left" }), server.url);
  assert.deepEqual(await p.evaluate(() => [window.Clerk.buildSignInUrl(), window.Clerk.buildAfterSignOutUrl()]),
    ["/login", "/bye"]);
  // Signing the current one of two accounts out goes to afterMultiSessionSingleSignOutUrl.
  await Promise.all([
    p.waitForURL(/#one-left$/),
    p.evaluate(() => window.Clerk.signOut({ sessionId: window.Clerk.session.id })),
  ]);
  await Promise.all([p.waitForURL(`${server.url}/login`), p.evaluate(() => { window.Clerk.redirectToSignIn(); })]);
  await context.close();
});
