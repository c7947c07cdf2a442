/*
 * clerk.mjs: the module entry of the Rust/WASM Clerk widget, for bundlers
 * and <script type="module">, as `@clerk/clerk-js` is used:
 *
 *   import { Clerk } from "clerk-widget";
 *   const clerk = new Clerk(publishableKey, { proxyUrl });
 *   await clerk.load();
 *   clerk.mountUserButton(document.getElementById("user-button"));
 *
 * The class is the loader's (clerk.js): scripts/build-widget splices the
 * loader's core in where the marker below is. The WebAssembly is fetched
 * from next to this file when the first instance is made.
 */
import init, * as widgetModule from "./clerk-widget.js";

// Where the package's files are (the locales are fetched from there).
var base = new URL(".", import.meta.url).href;

function loadWidget() {
  return init().then(() => widgetModule);
}

/* core */

export { Clerk };
