// pkg/ as an npm package, used as its users would: `npm pack`, installed
// from the tarball into a scratch project, type-checked there with
// `tsc --strict` (example programs for both entries, and every ```ts
// snippet of the README exactly as printed), and both entries run in
// Chromium against the real server: the module entry as clerk-js's
// JavaScript quickstart is written, the loader as its script-tag version.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startServer, launch, watch, signIn, serverClient, trigger, root, ADA } from "./support/harness.mjs";

let server, browser, scratch, packed;
before(async () => {
  server = await startServer();
  browser = await launch();
  scratch = mkdtempSync(path.join(tmpdir(), "clerk-widget-npm-"));
  const [info] = JSON.parse(execFileSync("npm", ["pack", "--json", "--pack-destination", scratch],
    { cwd: path.join(root, "pkg"), encoding: "utf8" }));
  packed = info;
  writeFileSync(path.join(scratch, "package.json"), JSON.stringify({ name: "scratch", private: true, type: "module" }));
  execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", path.join(scratch, info.filename)],
    { cwd: scratch, stdio: "pipe" });
});
after(async () => {
  await browser?.close();
  server?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

test("the tarball holds both entries, their types, the wasm and the license, and nothing else", () => {
  const files = packed.files.map((f) => f.path).sort();
  for (const needed of ["package.json", "README.md", "LICENSE", "clerk.mjs", "clerk.d.mts", "clerk.js", "clerk.d.ts", "types.d.ts",
    "clerk-widget.js", "clerk-widget_bg.wasm", "__wasm_split.js", "split_user_profile.wasm", "locales/fr-FR.json", "locales/ar-SA.json"]) {
    assert.ok(files.includes(needed), `${needed} is packed`);
  }
  assert.deepEqual(files.filter((f) => !/^(package\.json|README\.md|LICENSE|clerk\.(mjs|js|d\.mts|d\.ts)|types\.d\.ts|clerk-widget\.js|__wasm_split\.js|[\w-]+\.wasm|locales\/[\w-]+\.json)$/.test(f)), []);
  const manifest = JSON.parse(readFileSync(path.join(scratch, "node_modules/clerk-widget/package.json"), "utf8"));
  assert.equal(manifest.license, "MIT");
  assert.equal(manifest.version, /^version = "(.+)"/m.exec(readFileSync(path.join(root, "Cargo.toml"), "utf8").split("[package]")[1])[1]);
  assert.deepEqual(manifest.exports["."], { types: "./clerk.d.mts", import: "./clerk.mjs" });
  assert.deepEqual(manifest.exports["./clerk.js"], { types: "./clerk.d.ts", default: "./clerk.js" });
  assert.deepEqual(manifest.sideEffects, ["./clerk.js"]);
});

/// The ```ts blocks of the README, as printed.
function readmeSnippets() {
  const readme = readFileSync(path.join(root, "README.md"), "utf8");
  return [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}

test("tsc --strict accepts the examples and the README's snippets, and rejects what the types forbid", () => {
  const snippets = readmeSnippets();
  assert.ok(snippets.length >= 2, "the README shows TypeScript for both entries");
  for (const file of readdirSync(path.join(root, "e2e/types"))) {
    copyFileSync(path.join(root, "e2e/types", file), path.join(scratch, file));
  }
  // Each snippet is a module of its own (a snippet may use top-level await).
  snippets.forEach((code, i) => writeFileSync(path.join(scratch, `readme-${i}.ts`), `${code}\nexport {};\n`));
  writeFileSync(path.join(scratch, "tsconfig.json"), JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, target: "es2022", module: "esnext", moduleResolution: "bundler",
      lib: ["es2022", "dom", "dom.iterable"], types: [], skipLibCheck: false,
    },
    include: ["*.ts"],
  }));
  const tsc = path.join(root, "node_modules/.bin/tsc");
  let output = "";
  try { execFileSync(tsc, ["-p", scratch], { cwd: scratch, encoding: "utf8", stdio: "pipe" }); } catch (e) {
    output = `${e.stdout}${e.stderr}`;
  }
  assert.equal(output, "", "tsc --strict finds no error");

  // The check can fail: a program that misuses the API is refused.
  writeFileSync(path.join(scratch, "misuse.ts"), `import { Clerk } from "clerk-widget";
const clerk = new Clerk();
const name: number = clerk.user!.firstName;
clerk.mountUserButton("#user-button");
export { name };\n`);
  let refused = "";
  try { execFileSync(tsc, ["-p", scratch], { cwd: scratch, encoding: "utf8", stdio: "pipe" }); } catch (e) {
    refused = `${e.stdout}`;
  }
  rmSync(path.join(scratch, "misuse.ts"));
  assert.match(refused, /misuse\.ts\(3,7\): error TS2322/);
  assert.match(refused, /misuse\.ts\(4,23\): error TS2345/);
});

/// Serves the installed package's files (and a page) to the browser.
async function servePackage(page, html) {
  const dir = path.join(scratch, "node_modules/clerk-widget");
  const types = { ".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm" };
  await page.route(`${server.url}/node_modules/clerk-widget/**`, (route) => {
    const file = path.join(dir, new URL(route.request().url()).pathname.split("/").pop());
    route.fulfill({ path: file, contentType: types[path.extname(file)] ?? "application/octet-stream" });
  });
  await page.route(`${server.url}/app.html`, (route) => route.fulfill({ contentType: "text/html", body: html }));
}

// clerk-js's JavaScript quickstart, with its custom sign-out button and an
// error handler as Clerk's docs write them; only the import path and the
// key are this project's (a development key for the test server).
const QUICKSTART = (key) => `<!doctype html><html lang="en"><head><link rel="icon" href="data:,"><title>App</title></head>
<body><div id="app"></div><p id="error" role="alert"></p>
<script type="module">
  import { Clerk } from "/node_modules/clerk-widget/clerk.mjs";

  const clerkPubKey = "${key}";
  const clerk = new Clerk(clerkPubKey);
  await clerk.load();

  if (clerk.isSignedIn) {
    document.getElementById("app").innerHTML = \`
      <h1 id="greeting">Hello, \${clerk.user.firstName}</h1>
      <p id="email">\${clerk.user.primaryEmailAddress.emailAddress}</p>
      <div id="user-button"></div>
      <button id="sign-out">Sign out</button>
      <button id="change-password">Change password</button>
    \`;
    const userButtonDiv = document.getElementById("user-button");
    clerk.mountUserButton(userButtonDiv);
    const token = await clerk.session.getToken();
    document.getElementById("app").dataset.token = token;
    document.getElementById("sign-out").addEventListener("click", async () => {
      await clerk.signOut();
    });
    document.getElementById("change-password").addEventListener("click", async () => {
      try {
        await clerk.user.updatePassword({ currentPassword: "not-the-password", newPassword: "a-new-password-456" });
      } catch (err) {
        document.getElementById("error").textContent = err.errors[0].longMessage;
      }
    });
  } else {
    document.getElementById("app").innerHTML = \`<div id="sign-in"></div>\`;
    const signInDiv = document.getElementById("sign-in");
    clerk.mountSignIn(signInDiv);
  }
  window.quickstartDone = true;
</script></body></html>`;

const developmentKey = () => `pk_test_${Buffer.from(`${new URL(server.url).host}$`).toString("base64")}`;

test("clerk-js's quickstart, unchanged but for the import, runs on the module entry against our server", async () => {
  const context = await browser.newContext();
  await signIn(context, server, ADA);
  const page = await context.newPage();
  const problems = watch(page);
  await servePackage(page, QUICKSTART(developmentKey()));
  await page.goto(`${server.url}/app.html`);
  await page.waitForFunction(() => window.quickstartDone);
  assert.equal(await page.textContent("#greeting"), "Hello, Ada");
  assert.equal(await page.textContent("#email"), ADA);
  await trigger(page).waitFor();
  const token = await page.getAttribute("#app", "data-token");
  const claims = JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString());
  assert.equal(claims.sid, (await serverClient(context, server)).sessions[0].id);

  await page.click("#change-password");
  await page.waitForFunction(() => document.getElementById("error").textContent !== "");
  assert.match(await page.textContent("#error"), /password/i, "the server's longMessage, shown by the page");

  // As clerk-js, signOut() then goes to the after-sign-out URL (the
  // instance's: the server's home page).
  await Promise.all([page.waitForURL(`${server.url}/`), page.click("#sign-out")]);
  assert.deepEqual((await serverClient(context, server)).sessions, [], "the server ended the session");

  // Signed out, the same page shows the sign-in form.
  await page.goto(`${server.url}/app.html`);
  await page.waitForFunction(() => window.quickstartDone);
  await page.locator("#sign-in input[type=password]").waitFor();
  assert.deepEqual(problems.filter((p) => !/status of 422/.test(p)), []);
  await context.close();
});

test("the loader entry of the installed package: Clerk's script-tag quickstart", async () => {
  const context = await browser.newContext();
  await signIn(context, server, ADA);
  const page = await context.newPage();
  const problems = watch(page);
  await servePackage(page, `<!doctype html><html lang="en"><head><link rel="icon" href="data:,"><title>App</title></head>
<body><div id="app"></div>
<script async crossorigin="anonymous" data-clerk-publishable-key="${developmentKey()}"
  src="/node_modules/clerk-widget/clerk.js" type="text/javascript"></script>
<script>
  window.addEventListener("load", async function () {
    await Clerk.load();
    if (Clerk.user) {
      document.getElementById("app").innerHTML = '<div id="user-button"></div>';
      const userButtonDiv = document.getElementById("user-button");
      Clerk.mountUserButton(userButtonDiv);
    } else {
      document.getElementById("app").innerHTML = '<div id="sign-in"></div>';
      Clerk.mountSignIn(document.getElementById("sign-in"));
    }
  });
</script></body></html>`);
  await page.goto(`${server.url}/app.html`);
  await trigger(page).waitFor();
  assert.equal(await page.evaluate(() => Clerk.user.fullName), "Ada Lovelace");
  assert.equal(await page.evaluate(() => Clerk.publishableKey), developmentKey());
  // signOut() then goes to the after-sign-out page, as clerk-js's does.
  await Promise.all([page.waitForURL(`${server.url}/`), page.evaluate(() => { Clerk.signOut(); })]);
  assert.deepEqual((await serverClient(context, server)).sessions, []);
  assert.deepEqual(problems, []);
  await context.close();
});
