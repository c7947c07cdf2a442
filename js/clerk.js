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
 * promises (load, signOut, ...) settle after it. Wrong arguments throw the
 * same TypeError before and after; when the WebAssembly cannot be fetched,
 * promises reject with a ClerkError coded "widget_load_failed".
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
  function clerkError(code, message) {
    var error = new Error(message);
    error.name = "ClerkError";
    error.code = code;
    error.status = null;
    error.longMessage = null;
    error.errors = [{ code: code, message: message, longMessage: null, meta: {} }];
    error.clerkTraceId = null;
    error.clerkError = true;
    return error;
  }

  // clerk-js's `status`: "loading" until the first load, "ready" after a
  // good one, "error" when nothing could be loaded, "degraded" when a
  // reload failed and the last good state is still in use.
  var status = "loading";
  var statusListeners = [];
  function setStatus(next) {
    if (next === status) return;
    status = next;
    statusListeners.slice().forEach(function (fn) {
      try { fn(next); } catch (e) { console.error("Clerk status listener threw", e); }
    });
  }
  // The options of the last good load: where the Frontend API is.
  var current = {};

  // clerk-js's resource objects (ClientResource, SessionResource,
  // UserResource...): views over the wire JSON the widget holds, with
  // clerk-js's camelCase names, Dates for the `..._at` times and the nested
  // resources as views. A JSON object always gives the same view, so
  // `Clerk.session.user === Clerk.user`, and the view changes when the state
  // does. The wire names stay readable (not enumerable) for pages written
  // against them.
  var views = new WeakMap();
  var raws = new WeakMap();
  function view(raw) {
    if (Array.isArray(raw)) return raw.map(view);
    if (raw === null || typeof raw !== "object") return raw;
    var made = views.get(raw);
    if (made) return made;
    made = Object.create(KINDS[raw.object] || Object.prototype);
    Object.keys(raw).forEach(function (key) {
      var name = key.replace(/_(\w)/g, function (_, c) { return c.toUpperCase(); });
      var time = /_at$/.test(key);
      if (!(name in made)) {
        Object.defineProperty(made, name, {
          enumerable: true,
          get: function () { var v = raw[key]; return time && v != null ? new Date(v) : view(v); },
        });
      }
      if (name !== key) Object.defineProperty(made, key, { get: function () { return raw[key]; } });
    });
    views.set(raw, made);
    raws.set(made, raw);
    return made;
  }
  function isCurrent(session) { var now = wasm && wasm.session(); return !!now && now.id === session.id; }
  var KINDS = {
    client: {
      get signedInSessions() {
        return this.sessions.filter(function (s) { return s.status === "active" || s.status === "pending"; });
      },
      get activeSessions() { return this.sessions.filter(function (s) { return s.status === "active"; }); },
      signOut: function () { return Clerk.signOut(); },
      removeSessions: function () { return Clerk.signOut(); },
    },
    session: {
      // The widget renews and serves the current session's token.
      getToken: function (options) {
        return isCurrent(this) ? Clerk.getToken(options) : Promise.reject(clerkError("session_not_current",
          "Only the current session's token can be read here: make it current with Clerk.setActive first."));
      },
      end: function () { return Clerk.signOut({ sessionId: this.id }); },
      remove: function () { return Clerk.signOut({ sessionId: this.id }); },
      touch: function () { return Clerk.setActive({ session: this.id }); },
    },
    user: {
      get fullName() { return [this.firstName, this.lastName].filter(Boolean).join(" ") || null; },
      get primaryEmailAddress() {
        var id = this.primaryEmailAddressId;
        return this.emailAddresses.filter(function (e) { return e.id === id; })[0] || null;
      },
    },
    token: {
      getRawString: function () { return raws.get(this).jwt; },
      // clerk-js's decoded JWT: its claims.
      get jwt() {
        var part = raws.get(this).jwt.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
        return { claims: JSON.parse(atob(part)) };
      },
    },
  };
  function resources(r) { return { client: view(r.client), session: view(r.session), user: view(r.user) }; }
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
  }).catch(function (cause) {
    var error = clerkError("widget_load_failed",
      "The Clerk widget could not be loaded from " + base + ": " + (cause && cause.message || cause));
    error.cause = cause;
    console.error("Clerk:", error.message);
    throw error;
  });
  wasmReady.catch(function () { setStatus("error"); }); // reported above; calls reject with it

  // The options that say where the Frontend API is. An explicit load() that
  // names one replaces all of the script tag's: the page's code wins.
  var ADDRESS = ["frontendApi", "proxyUrl", "publishableKey"];
  function isPlainObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }
  function withTagOptions(options) {
    if (options === undefined || options === null) return Object.assign({}, tagOptions);
    // Anything else that is not an object goes to the widget as it is, which
    // rejects it with a TypeError.
    if (!isPlainObject(options)) return options;
    var merged = Object.assign({}, tagOptions);
    if (ADDRESS.some(function (key) { return options[key] !== undefined && options[key] !== null; })) {
      ADDRESS.forEach(function (key) { delete merged[key]; });
    }
    return Object.assign(merged, options);
  }

  var loading = null;
  function load(options) {
    var merged = withTagOptions(options);
    var attempt = wasmReady.then(function (m) { return m.load(merged); });
    loading = attempt;
    attempt.then(function () {
      if (loading === attempt) { current = merged; setStatus("ready"); }
    }, function () {
      if (loading === attempt) setStatus(wasm && wasm.loaded() ? "degraded" : "error");
    });
    return attempt;
  }
  // Waits for the newest load. When it failed but an earlier one had
  // succeeded, the widget still holds that good state: calls go on with it.
  function ready() {
    var pending = loading;
    return wasmReady.then(function (m) {
      if (!pending) {
        if (m.loaded()) return m;
        throw clerkError("clerk_not_loaded",
          "Clerk is not loaded: call Clerk.load() or put data-clerk-frontend-api on the script tag.");
      }
      return pending.then(function () { return m; }, function (error) {
        if (m.loaded()) return m;
        throw error;
      });
    });
  }
  function describe(value) {
    if (value === null) return "null";
    if (Array.isArray(value)) return "an array";
    if (typeof value === "string") return 'the string "' + value + '"';
    if (typeof value === "number") return "the number " + JSON.stringify(value);
    return typeof value;
  }
  function requireElement(el, what) {
    if (!(el instanceof Element)) {
      throw new TypeError(what + " takes an HTML element, not " + describe(el) + ".");
    }
  }
  function requireMountable(el, what) {
    requireElement(el, what);
    if (!el.isConnected) throw new TypeError(what + ": the element is not in the document; insert it before mounting.");
  }
  // The props each mount takes, checked at once so that a mount before the
  // WebAssembly is ready fails as it would after (the widget checks again).
  function requireProps(props, what, types) {
    if (props === undefined || props === null) return;
    var where = what + ": props";
    if (!isPlainObject(props)) throw new TypeError(where + " must be an object, not " + describe(props) + ".");
    Object.keys(types).forEach(function (key) {
      var value = props[key];
      if (value !== undefined && value !== null && typeof value !== types[key]) {
        throw new TypeError(where + "." + key + " must be a " + types[key] + ", not " + describe(value) + ".");
      }
    });
  }
  var USER_BUTTON_PROPS = {
    showName: "boolean", defaultOpen: "boolean", afterSignOutUrl: "string", signInUrl: "string",
    userProfileUrl: "string", afterSwitchSessionUrl: "string", userProfileMode: "string",
  };
  var USER_PROFILE_PROPS = {};
  var SIGN_IN_PROPS = { afterSignInUrl: "string" };
  // Mounts before the WebAssembly is ready run as soon as it is, in order.
  function whenWasm(run) {
    if (wasm) return run(wasm);
    wasmReady.then(run).catch(function (error) { console.error("Clerk:", error); });
  }

  var Clerk = {
    __rust: true,
    load: load,
    // A callback that returns a promise is awaited before signOut resolves.
    signOut: function (a, b) {
      var pending;
      var callback = typeof a === "function" ? function () { pending = a(); } : a;
      return ready().then(function (m) { return m.signOut(callback, b); }).then(function () { return pending; });
    },
    signIn: function (identifier, password) {
      return ready().then(function (m) { return m.signIn(identifier, password); });
    },
    getToken: function (options) { return ready().then(function (m) { return m.getToken(options); }); },
    // clerk-js's `beforeEmit(session)` runs (and is awaited) before the
    // change; `redirectUrl` is followed after it, under the redirect rules.
    setActive: function (params) {
      return ready().then(function (m) {
        var before = params && params.beforeEmit;
        if (typeof before !== "function") return m;
        var id = params.session && (params.session.id || params.session);
        var next = id ? (Clerk.client.sessions.filter(function (s) { return s.id === id; })[0] || null) : null;
        return Promise.resolve(before(next)).then(function () { return m; });
      }).then(function (m) {
        return m.setActive(params).then(function () {
          if (params && typeof params.redirectUrl === "string") m.navigate(params.redirectUrl);
        });
      });
    },
    // { skipInitialEmit: true }: not called with the state as it is now.
    addListener: function (fn, options) {
      if (typeof fn !== "function") throw new TypeError("Clerk.addListener() takes a function, not " + typeof fn + ".");
      var subscribe = function (m) {
        var subscribing = !!(options && options.skipInitialEmit);
        var unsubscribe = m.addListener(function (r) { if (!subscribing) fn(resources(r)); });
        subscribing = false;
        return unsubscribe;
      };
      if (wasm) return subscribe(wasm);
      var unsubscribe = null, cancelled = false;
      wasmReady.then(function (m) { if (!cancelled) unsubscribe = subscribe(m); }, function () {});
      return function () { cancelled = true; if (unsubscribe) unsubscribe(); };
    },
    // Where sign-in and a full sign-out go, and going there (under the
    // redirect rules); "" before the WebAssembly is ready.
    buildSignInUrl: function () { return wasm ? wasm.buildSignInUrl() : ""; },
    buildAfterSignOutUrl: function () { return wasm ? wasm.buildAfterSignOutUrl() : ""; },
    redirectToSignIn: function () { return ready().then(function (m) { m.navigate(m.buildSignInUrl()); }); },
    redirectToAfterSignOut: function () {
      return ready().then(function (m) { m.navigate(m.buildAfterSignOutUrl()); });
    },
    // clerk-js's events: on("status", fn, { notify }) / off("status", fn).
    on: function (event, fn, options) {
      if (event !== "status") throw new TypeError('Clerk.on() takes the event "status", not ' + describe(event) + ".");
      if (typeof fn !== "function") throw new TypeError("Clerk.on(event, handler) takes a function, not " + describe(fn) + ".");
      statusListeners.push(fn);
      if (options && options.notify) fn(status);
    },
    off: function (event, fn) {
      statusListeners = statusListeners.filter(function (listener) { return listener !== fn; });
    },
    mountUserButton: function (el, props) {
      requireMountable(el, "Clerk.mountUserButton(el)");
      requireProps(props, "Clerk.mountUserButton(el, props)", USER_BUTTON_PROPS);
      var mode = props && props.userProfileMode;
      if (mode !== undefined && mode !== null && mode !== "modal" && mode !== "navigation") {
        throw new TypeError('Clerk.mountUserButton(el, props): props.userProfileMode must be "modal" or "navigation", not ' + describe(mode) + ".");
      }
      return whenWasm(function (m) { m.mountUserButton(el, props); });
    },
    unmountUserButton: function (el) {
      requireElement(el, "Clerk.unmountUserButton(el)");
      return whenWasm(function (m) { m.unmountUserButton(el); });
    },
    mountSignIn: function (el, props) {
      requireMountable(el, "Clerk.mountSignIn(el)");
      requireProps(props, "Clerk.mountSignIn(el, props)", SIGN_IN_PROPS);
      return whenWasm(function (m) { m.mountSignIn(el, props); });
    },
    unmountSignIn: function (el) {
      requireElement(el, "Clerk.unmountSignIn(el)");
      return whenWasm(function (m) { m.unmountSignIn(el); });
    },
    mountUserProfile: function (el, props) {
      requireMountable(el, "Clerk.mountUserProfile(el)");
      requireProps(props, "Clerk.mountUserProfile(el, props)", USER_PROFILE_PROPS);
      return whenWasm(function (m) { m.mountUserProfile(el, props); });
    },
    unmountUserProfile: function (el) {
      requireElement(el, "Clerk.unmountUserProfile(el)");
      return whenWasm(function (m) { m.unmountUserProfile(el); });
    },
    openUserProfile: function (props) {
      requireProps(props, "Clerk.openUserProfile(props)", USER_PROFILE_PROPS);
      return whenWasm(function (m) { m.openUserProfile(props); });
    },
    closeUserProfile: function () {
      return whenWasm(function (m) { m.closeUserProfile(); });
    },
  };
  var getters = {
    status: function () { return status; },
    isSignedIn: function () { return !!(wasm && wasm.session()); },
    version: function () { return wasm ? wasm.version() : undefined; },
    publishableKey: function () { return current.publishableKey; },
    proxyUrl: function () { return current.proxyUrl; },
    frontendApi: function () { return current.frontendApi; },
  };
  Object.keys(getters).forEach(function (name) {
    Object.defineProperty(Clerk, name, { enumerable: true, get: getters[name] });
  });
  ["loaded", "client", "session", "user"].forEach(function (name) {
    Object.defineProperty(Clerk, name, {
      enumerable: true,
      get: function () { return wasm ? view(wasm[name]()) : name === "loaded" ? false : undefined; },
    });
  });
  window.Clerk = Clerk;

  if (tagOptions.frontendApi || tagOptions.proxyUrl || tagOptions.publishableKey) {
    load().catch(function (error) { console.error("Clerk: loading failed:", error); });
  }
})();
