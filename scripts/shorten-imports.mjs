// Shortens the names by which the wasm imports its JavaScript glue.
//
//   node scripts/shorten-imports.mjs pkg/clerk-widget_bg.wasm pkg/clerk-widget.js
//
// wasm-bindgen names each import `__wbg_<name>_<16 hex digits>`, and every
// name is written twice: in the wasm's import section and as a key of the
// glue's import object. The hex digits do not compress, so the ~170 names
// cost about 3 KB of the gzipped download. This renames each import of the
// glue module to a short name ("a", "b", ..., "aa", ...) in both files, the
// same way for both, and leaves every other byte of the wasm as it was.
// Run on the release build, after wasm-opt and before terser.
import fs from "node:fs";

const [wasmPath, gluePath] = process.argv.slice(2);
if (!wasmPath || !gluePath) {
  console.error("usage: shorten-imports.mjs WASM GLUE_JS");
  process.exit(2);
}

const wasm = fs.readFileSync(wasmPath);
let glue = fs.readFileSync(gluePath, "utf8");

function readU32(bytes, at) {
  let value = 0, shift = 0, byte;
  do {
    byte = bytes[at++];
    value |= (byte & 0x7f) << shift;
    shift += 7;
  } while (byte & 0x80);
  return { value: value >>> 0, at };
}

function u32(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return Buffer.from(out);
}

const name = (text) => Buffer.concat([u32(Buffer.byteLength(text)), Buffer.from(text)]);

function shortName(index) {
  const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  let text = "";
  do {
    text = letters[index % letters.length] + text;
    index = Math.floor(index / letters.length) - 1;
  } while (index >= 0);
  return text;
}

if (wasm.readUInt32LE(0) !== 0x6d736100) throw new Error(`${wasmPath} is not a wasm module`);
const parts = [wasm.subarray(0, 8)];
const renamed = new Map();
let at = 8;
while (at < wasm.length) {
  const id = wasm[at];
  const size = readU32(wasm, at + 1);
  const start = size.at, end = size.at + size.value;
  if (id !== 2) {
    parts.push(wasm.subarray(at, end));
    at = end;
    continue;
  }
  // The import section: module name, field name, then what is imported.
  let p = start;
  const count = readU32(wasm, p);
  p = count.at;
  const entries = [];
  for (let i = 0; i < count.value; i++) {
    const moduleLength = readU32(wasm, p);
    const module = wasm.subarray(moduleLength.at, moduleLength.at + moduleLength.value).toString();
    p = moduleLength.at + moduleLength.value;
    const fieldLength = readU32(wasm, p);
    const field = wasm.subarray(fieldLength.at, fieldLength.at + fieldLength.value).toString();
    p = fieldLength.at + fieldLength.value;
    const descStart = p;
    const kind = wasm[p++];
    if (kind === 0) p = readU32(wasm, p).at; // function: type index
    else if (kind === 1 || kind === 2) { // table (reftype, limits) or memory (limits)
      if (kind === 1) p++;
      const flags = wasm[p++];
      p = readU32(wasm, p).at;
      if (flags & 1) p = readU32(wasm, p).at;
    } else if (kind === 3) p += 2; // global: value type, mutability
    else if (kind === 4) p = readU32(wasm, p + 1).at; // tag: attribute, type index
    else throw new Error(`unknown import kind ${kind}`);
    let newField = field;
    if (module.endsWith("_bg.js") && field.startsWith("__wbg")) {
      newField = renamed.get(field) ?? shortName(renamed.size);
      renamed.set(field, newField);
    }
    entries.push(Buffer.concat([name(module), name(newField), wasm.subarray(descStart, p)]));
  }
  if (p !== end) throw new Error("the import section was not read to its end");
  const body = Buffer.concat([u32(count.value), ...entries]);
  parts.push(Buffer.from([2]), u32(body.length), body);
  at = end;
}

for (const [from, to] of renamed) {
  const key = new RegExp(`\\b${from}(?=\\s*:)`, "g");
  const found = glue.match(key);
  if (!found || found.length !== 1) throw new Error(`the glue names ${from} ${found ? found.length : 0} times, not once`);
  glue = glue.replace(key, to);
}
if (/\b__wbg_[A-Za-z0-9_]+_[0-9a-f]{16}\s*:/.test(glue)) throw new Error("an import of the glue was left unrenamed");

fs.writeFileSync(wasmPath, Buffer.concat(parts));
fs.writeFileSync(gluePath, glue);
console.error(`shorten-imports: ${renamed.size} imports renamed`);
