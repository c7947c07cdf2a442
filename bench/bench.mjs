// The widget's and the server's speed, as figures: milliseconds in headless
// Chromium, timed inside the page (navigation start until the UserButton
// shows, a click until the menu is in the DOM, Clerk.signOut() until it
// resolves) and the server's requests per second.
// It prints; it asserts only that every operation worked (no timing
// thresholds: those flake). Run through ./scripts/bench.
//   node bench/bench.mjs [--quick]
import http from "node:http";
import { launch, signIn, startServer, menu, ADA, PASSWORD } from "../e2e/support/harness.mjs";

const quick = process.argv.includes("--quick");
const runs = quick ? 3 : 15;
const seconds = quick ? 0.5 : 3;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];
const rows = [];
const row = (what, figure, unit, note = "") => rows.push([what, figure, unit, note]);
const timing = (what, xs, note) => row(what, `${median(xs).toFixed(1)} (p95 ${p95(xs).toFixed(1)})`, "ms", note);

const server = await startServer([], undefined, "target/server/fapi-server");
const browser = await launch();
try {
  // --- The widget in Chromium -------------------------------------------
  const load = [], open = [], signOut = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    await signIn(context, server, ADA);
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    // performance.now() counts from the start of the navigation.
    const shown = await page.waitForFunction(() => {
      const frame = document.querySelector("#user-button clerk-mount");
      const root = frame && frame.shadowRoot;
      return root && root.querySelector(".cl-userButtonTrigger") ? performance.now() : false;
    }, null, { polling: "raf" });
    load.push(await shown.jsonValue());

    // From the click until the dialog is in the DOM, timed inside the page.
    open.push(await page.evaluate(() => new Promise((resolve) => {
      const root = document.querySelector("#user-button clerk-mount").shadowRoot;
      const started = performance.now();
      const observer = new MutationObserver(() => {
        if (root.querySelector("[role=dialog]")) {
          observer.disconnect();
          resolve(performance.now() - started);
        }
      });
      observer.observe(root, { childList: true, subtree: true });
      root.querySelector(".cl-userButtonTrigger").click();
    })));
    await menu(page).waitFor();

    // Timed inside the page: from the call until the promise resolves (the
    // server has ended the session and the client is updated).
    const ms = await page.evaluate(async () => {
      const t = performance.now();
      await window.Clerk.signOut(() => {});
      if (window.Clerk.session !== null) throw new Error("still signed in");
      return performance.now() - t;
    });
    signOut.push(ms);
    await context.close();
  }
  timing("navigation start until the UserButton shows (new context)", load, `${runs} runs`);
  timing("click until the menu is in the DOM", open, `${runs} runs`);
  timing("Clerk.signOut() until it resolves", signOut, `${runs} runs`);

  // --- The server over HTTP -----------------------------------------------
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const request = (method, path, { cookie, body } = {}) =>
    new Promise((resolve, reject) => {
      const req = http.request(`${server.url}${path}`, {
        method, agent,
        headers: {
          origin: server.url,
          ...(cookie ? { cookie } : {}),
          ...(body !== undefined ? { "content-type": "application/x-www-form-urlencoded" } : {}),
        },
      }, (res) => {
        let text = "";
        res.on("data", (d) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode, text, headers: res.headers }));
      });
      req.on("error", reject);
      req.end(body);
    });
  const form = (fields) => new URLSearchParams(fields).toString();
  const signInCookie = async (email) => {
    const r = await request("POST", "/v1/client/sign_ins", { body: form({ identifier: email, password: PASSWORD, strategy: "password" }) });
    if (r.status !== 200) throw new Error(`sign-in: ${r.status} ${r.text}`);
    const cookie = r.headers["set-cookie"].map((c) => c.split(";")[0]).join("; ");
    return { cookie, session: JSON.parse(r.text).response.created_session_id };
  };

  /// Runs `op` from `workers` loops for `seconds`; requests per second.
  const throughput = async (workers, op) => {
    let done = 0;
    const until = Date.now() + seconds * 1000;
    await Promise.all(Array.from({ length: workers }, async (_, w) => {
      while (Date.now() < until) {
        await op(w);
        done++;
      }
    }));
    return done / seconds;
  };
  const expect = (status, r, what) => { if (r.status !== status) throw new Error(`${what}: ${r.status} ${r.text}`); };

  const environment = await throughput(16, async () => expect(200, await request("GET", "/v1/environment"), "GET /v1/environment"));
  row("GET /v1/environment (16 connections)", environment.toFixed(0), "req/s");
  const { cookie, session } = await signInCookie(ADA);
  const reads = await throughput(16, async () => expect(200, await request("GET", "/v1/client", { cookie }), "GET /v1/client"));
  row("GET /v1/client (signed in, 16 connections)", reads.toFixed(0), "req/s");
  const tokens = await throughput(16, async () =>
    expect(200, await request("POST", `/v1/client/sessions/${session}/tokens`, { cookie, body: "" }), "tokens"));
  row("POST .../tokens (RS256 JWT, 16 connections)", tokens.toFixed(0), "req/s");
  const cycles = await throughput(8, async () => {
    const signedIn = await signInCookie(ADA);
    expect(200, await request("POST", "/v1/client/sessions?_method=DELETE", { cookie: signedIn.cookie, body: "" }), "sign-out");
  });
  row("sign-in + sign-out cycles (argon2id, 8 connections)", cycles.toFixed(1), "cycles/s");
  agent.destroy();
} finally {
  await browser.close();
  server.stop();
}

const width = Math.max(...rows.map((r) => r[0].length));
console.log(`\n${"figure".padEnd(width)}  value`);
for (const [what, figure, unit, note] of rows) {
  console.log(`${what.padEnd(width)}  ${figure} ${unit}${note ? `  (${note})` : ""}`);
}
