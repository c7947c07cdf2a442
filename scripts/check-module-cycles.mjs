#!/usr/bin/env node
// Fails when two modules of a crate import each other, directly or round a
// longer loop: first between the crate's top-level modules (a folder and
// everything in it counts as one), then between single files. `crate::`
// and `super::` paths are the edges. A module using its own ancestors (`super::Clerk` in a
// child of `clerk`) is how Rust folders work and is not counted; every
// other loop is: it means neither module can be read, tested or moved
// without the other.
//
//   node scripts/check-module-cycles.mjs src crates/fapi-server/src ...
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith(".rs") ? [path] : [];
  });
}

function modulePath(root, file) {
  const parts = relative(root, file).replace(/\.rs$/, "").split("/");
  if (["mod", "lib", "main"].includes(parts.at(-1))) parts.pop();
  return parts;
}

// Every path a `use` or an inline path names, brace groups expanded.
function paths(text) {
  const code = text.replace(/\/\/.*$/gm, "").replace(/#\[cfg\(test\)\][\s\S]*$/m, "");
  const found = [];
  const re = /\b(crate|super)((?:::(?:super|\w+))*)::(\{)?/g;
  let match;
  while ((match = re.exec(code))) {
    const head = [match[1], ...match[2].split("::").filter(Boolean)];
    if (!match[3]) {
      const rest = /^\w+/.exec(code.slice(re.lastIndex));
      found.push(rest ? [...head, rest[0]] : head);
      continue;
    }
    let depth = 1, i = re.lastIndex;
    while (depth && i < code.length) depth += { "{": 1, "}": -1 }[code[i++]] ?? 0;
    for (const item of code.slice(re.lastIndex, i - 1).split(",")) {
      const tail = item.trim().split(/\s|\{/)[0].split("::").filter((p) => /^\w+$/.test(p));
      found.push([...head, ...tail]);
    }
  }
  return found;
}

let failed = false;
function checkRoot(root) {
  const modules = new Map(files(root).map((f) => [modulePath(root, f).join("::"), f]));
  const resolve = (from, path) => {
    let parts;
    if (path[0] === "crate") parts = path.slice(1);
    else {
      parts = [...from];
      let i = 0;
      while (path[i] === "super") { parts.pop(); i++; }
      parts.push(...path.slice(i));
    }
    while (parts.length && !modules.has(parts.join("::"))) parts.pop();
    return parts;
  };
  const isAncestor = (a, b) => a.length < b.length && a.every((p, i) => p === b[i]);
  for (const depth of [1, Infinity]) check(root, depth, modules, resolve, isAncestor);
}

function check(root, depth, modules, resolve, isAncestor) {
  const edges = new Map();
  for (const [name, file] of modules) {
    const from = name ? name.split("::") : [];
    const node = from.slice(0, depth).join("::");
    if (!edges.has(node)) edges.set(node, new Set());
    for (const path of paths(readFileSync(file, "utf8"))) {
      const to = resolve(from, path).slice(0, depth);
      const target = to.join("::");
      if (target === node || isAncestor(to, from.slice(0, depth)) || isAncestor(from.slice(0, depth), to)) continue;
      edges.get(node).add(target);
    }
  }
  // Depth-first search for a loop.
  const state = new Map();
  const stack = [];
  const visit = (node) => {
    state.set(node, "open");
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      if (state.get(next) === "open") {
        const loop = [...stack.slice(stack.indexOf(next)), next];
        console.error(`${root}: import cycle: ${loop.map((m) => m || "(crate root)").join(" -> ")}`);
        failed = true;
      } else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, "done");
  };
  for (const node of edges.keys()) if (!state.has(node)) visit(node);
  const count = [...edges.values()].reduce((n, t) => n + t.size, 0);
  const level = depth === 1 ? "top-level modules" : "modules";
  console.log(`${root}: ${edges.size} ${level}, ${count} imports between them`);
}
for (const root of process.argv.slice(2)) checkRoot(root);
process.exit(failed ? 1 : 0);
