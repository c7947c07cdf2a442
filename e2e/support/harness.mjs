// Whole-page test harness: a real fapi-server (in-memory SQLite, demo users)
// serving the demo page and the built widget, and Debian's Chromium driven by
// playwright-core. Each test file gets its own server.
import { spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const ADA = "ada@example.com";
export const GRACE = "grace@example.com";
export const PASSWORD = "demo-password-123";

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/// Starts fapi-server serving `staticDir` (the repo root: index.html and the
/// wasm-pack build in pkg/; or dist/, the trunk build). `binary` is the
/// build to run (the benchmark runs the optimised one).
export async function startServer(extraArgs = [], staticDir = root, binary = "target/debug/fapi-server") {
  const port = await freePort();
  const child = spawn(
    path.join(root, binary),
    ["--addr", `127.0.0.1:${port}`, "--db", ":memory:", "--demo", "--static-dir", staticDir, ...extraArgs],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      const r = await fetch(`${url}/v1/environment`);
      if (r.ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url, stop: () => child.kill(), output: () => output };
}

export async function launch() {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
  });
}

/// Fails the test on any page error or console error.
export function watch(page) {
  const problems = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  return problems;
}

/// Signs this browser context in through the Frontend API (the context's cookie jar).
export async function signIn(context, server, email) {
  const response = await context.request.post(`${server.url}/v1/client/sign_ins`, {
    form: { identifier: email, password: PASSWORD, strategy: "password" },
    headers: { origin: server.url },
  });
  if (!response.ok()) throw new Error(`sign-in failed: ${response.status()} ${await response.text()}`);
  return (await response.json()).response.created_session_id;
}

/// The client as the server sees it for this context.
export async function serverClient(context, server) {
  const response = await context.request.get(`${server.url}/v1/client`);
  return (await response.json()).response;
}

/// The UserButton's parts, through its open shadow root (Playwright's CSS
/// locators pierce open shadow roots).
export const trigger = (page) => page.locator("#user-button .cl-userButtonTrigger");
export const menu = (page) => page.locator("#user-button [role=dialog]");

/// Signs the page out, mounts the sign-in form in #sign-in and sends it a
/// wrong password for `email`; the form, once it shows the refusal.
export async function failedSignIn(page, email) {
  await page.evaluate(() => Clerk.signOut(() => {}));
  await page.evaluate(() => Clerk.mountSignIn(document.getElementById("sign-in")));
  const form = page.locator("#sign-in form");
  await form.locator("input[type=email]").fill(email);
  await form.locator("input[type=password]").fill("not-the-password");
  await form.locator("button").click();
  await form.locator("[role=alert]").waitFor();
  return form;
}
