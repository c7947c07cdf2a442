// Writes the JavaScript side of the npm package into pkg/ (after the wasm
// and its glue are there): the classic loader clerk.js as it is, the module
// entry clerk.mjs with the loader's core spliced in (one source, two
// entries), the types, the locales, the package's README, the LICENSE and package.json
// with the crate's version.
//   node scripts/package-js.mjs
import { readFileSync, writeFileSync, copyFileSync, mkdirSync, readdirSync } from "node:fs";

const read = (path) => readFileSync(new URL(`../${path}`, import.meta.url), "utf8");
const write = (path, text) => writeFileSync(new URL(`../pkg/${path}`, import.meta.url), text);

const loader = read("js/clerk.js");
const start = loader.indexOf("  // ---- core:");
const end = loader.indexOf("  // ---- end of core ----");
if (start < 0 || end < start) throw new Error("js/clerk.js: the core markers are missing");
const core = loader.slice(start, end).replace(/^ {2}/gm, "");
const entry = read("js/clerk.mjs");
if (!entry.includes("/* core */")) throw new Error("js/clerk.mjs: the /* core */ marker is missing");
write("clerk.mjs", entry.replace("/* core */", () => core));
write("clerk.js", loader);

for (const file of ["types.d.ts", "clerk.d.ts", "clerk.d.mts", "README.md"]) write(file, read(`js/${file}`));
copyFileSync(new URL("../LICENSE", import.meta.url), new URL("../pkg/LICENSE", import.meta.url));
// The shipped locales, fetched only when a page chooses one (minified).
mkdirSync(new URL("../pkg/locales/", import.meta.url), { recursive: true });
for (const file of readdirSync(new URL("../js/locales/", import.meta.url))) {
  write(`locales/${file}`, JSON.stringify(JSON.parse(read(`js/locales/${file}`))));
}

const version = /^version = "([^"]+)"/m.exec(read("Cargo.toml").split("[package]")[1])[1];
const manifest = JSON.parse(read("js/package.json"));
manifest.version = version;
write("package.json", `${JSON.stringify(manifest, null, 2)}\n`);
