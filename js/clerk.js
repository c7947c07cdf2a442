/*
 * clerk.js: the classic-script loader of the Rust/WASM Clerk widget.
 *
 *   <script src="/pkg/clerk.js" data-clerk-frontend-api="http://127.0.0.1:3000"></script>
 *   <script>window.Clerk.mountUserButton(document.getElementById("user-button"));</script>
 *
 * Defines window.Clerk synchronously, loads the WebAssembly next to this file,
 * and loads the client when the tag carries data-clerk-frontend-api,
 * data-clerk-proxy-url or data-clerk-publishable-key. Calls made before the
 * WebAssembly is ready wait for it: mounts take effect as soon as it is,
 * promises (load, signOut, ...) settle after it.
 */
(function () {
  "use strict";
  if (window.Clerk && window.Clerk.__rust) return;

  var script = document.currentScript;
  var base = new URL(".", script && script.src ? script.src : location.href).href;
  var data = (script && script.dataset) || {};
  var tagOptions = {};
  if (data.clerkFrontendApi) tagOptions.frontendApi = data.clerkFrontendApi;
  if (data.clerkProxyUrl) tagOptions.proxyUrl = data.clerkProxyUrl;
  if (data.clerkPublishableKey) tagOptions.publishableKey = data.clerkPublishableKey;
  if (data.clerkAfterSignOutUrl) tagOptions.afterSignOutUrl = data.clerkAfterSignOutUrl;
  if (data.clerkSignInUrl) tagOptions.signInUrl = data.clerkSignInUrl;

  var wasm = null;
  function domReady() {
    if (document.readyState !== "loading") return Promise.resolve();
    return new Promise(function (resolve) { document.addEventListener("DOMContentLoaded", resolve, { once: true }); });
  }
  var wasmReady = import(base + "clerk-widget.js").then(function (module) {
    return domReady().then(function () {
      // Under `trunk serve`/`trunk build` the page also initialises this module
      // itself; two concurrent initialisations would make two instances, so
      // wait for trunk's instead of racing it.
      var byTrunk = document.querySelector('link[rel="modulepreload"][href$="/clerk-widget.js"]');
      if (!byTrunk) return module.default({ module_or_path: base + "clerk-widget_bg.wasm" });
      if (window.wasmBindings) return;
      return new Promise(function (resolve) { addEventListener("TrunkApplicationStarted", resolve, { once: true }); });
    }).then(function () {
      wasm = module;
      return module;
    });
  });
  wasmReady.catch(function (error) {
    console.error("Clerk: the widget could not be loaded from " + base, error);
  });

  var loading = null;
  function load(options) {
    var merged = Object.assign({}, tagOptions, options || {});
    loading = wasmReady.then(function (m) { return m.load(merged); });
    return loading;
  }
  // Waits for a load in progress; without one there is nothing to wait for.
  function ready() {
    if (loading) return loading.then(function () { return wasm; });
    return wasmReady.then(function (m) {
      var error = new Error("Clerk is not loaded: call Clerk.load() or put data-clerk-frontend-api on the script tag.");
      error.name = "ClerkError";
      error.code = "clerk_not_loaded";
      throw error;
    });
  }
  function requireElement(el, what) {
    if (!(el instanceof Element)) {
      throw new TypeError(what + " takes an HTML element, not " + (el === null ? "null" : typeof el) + ".");
    }
  }
  function requireMountable(el, what) {
    requireElement(el, what);
    if (!el.isConnected) throw new TypeError(what + ": the element is not in the document; insert it before mounting.");
  }
  // Mounts before the WebAssembly is ready run as soon as it is.
  function whenWasm(run) {
    if (wasm) return run(wasm);
    wasmReady.then(run).catch(function (error) { console.error("Clerk:", error); });
  }

  var Clerk = {
    __rust: true,
    load: load,
    signOut: function (a, b) { return ready().then(function (m) { return m.signOut(a, b); }); },
    signIn: function (identifier, password) {
      return ready().then(function (m) { return m.signIn(identifier, password); });
    },
    getToken: function (options) { return ready().then(function (m) { return m.getToken(options); }); },
    setActive: function (params) { return ready().then(function (m) { return m.setActive(params); }); },
    addListener: function (fn) {
      if (typeof fn !== "function") throw new TypeError("Clerk.addListener() takes a function, not " + typeof fn + ".");
      if (wasm) return wasm.addListener(fn);
      var unsubscribe = null, cancelled = false;
      wasmReady.then(function (m) { if (!cancelled) unsubscribe = m.addListener(fn); });
      return function () { cancelled = true; if (unsubscribe) unsubscribe(); };
    },
    mountUserButton: function (el, props) {
      requireMountable(el, "Clerk.mountUserButton(el)");
      return whenWasm(function (m) { m.mountUserButton(el, props); });
    },
    unmountUserButton: function (el) {
      requireElement(el, "Clerk.unmountUserButton(el)");
      return whenWasm(function (m) { m.unmountUserButton(el); });
    },
    mountSignIn: function (el, props) {
      requireMountable(el, "Clerk.mountSignIn(el)");
      return whenWasm(function (m) { m.mountSignIn(el, props); });
    },
    unmountSignIn: function (el) {
      requireElement(el, "Clerk.unmountSignIn(el)");
      return whenWasm(function (m) { m.unmountSignIn(el); });
    },
  };
  ["loaded", "client", "session", "user"].forEach(function (name) {
    Object.defineProperty(Clerk, name, {
      enumerable: true,
      get: function () { return wasm ? wasm[name]() : name === "loaded" ? false : undefined; },
    });
  });
  window.Clerk = Clerk;

  if (tagOptions.frontendApi || tagOptions.proxyUrl || tagOptions.publishableKey) {
    load().catch(function (error) { console.error("Clerk: loading failed:", error); });
  }
})();
