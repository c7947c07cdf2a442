/*
 * clerk.js: the classic-script loader of the Rust/WASM Clerk widget.
 *
 *   <script src="/pkg/clerk.js" data-clerk-frontend-api="http://127.0.0.1:3000"></script>
 *   <script>window.Clerk.mountUserButton(document.getElementById("user-button"));</script>
 *
 * Defines window.Clerk synchronously (an instance of the `Clerk` class the
 * module entry clerk.mjs exports), loads the WebAssembly next to this file,
 * and loads the client when the tag carries data-clerk-frontend-api,
 * data-clerk-proxy-url or data-clerk-publishable-key. Calls made before the
 * WebAssembly is ready wait for it: mounts take effect as soon as it is,
 * promises (load, signOut, ...) settle after it. Wrong arguments throw the
 * same TypeError before and after; a mount that fails only once the
 * WebAssembly is there rejects the promise it returned; when the
 * WebAssembly cannot be fetched, promises reject with a ClerkError coded
 * "widget_load_failed".
 *
 * The lines between the "core" markers are also the body of clerk.mjs
 * (scripts/build-widget splices them in): one source, two entries.
 */
(function () {
  "use strict";
  if (window.Clerk && window.Clerk.__rust) return;

  var script = document.currentScript;
  var base = new URL(".", script && script.src ? script.src : location.href).href;

  // ---- core: the Clerk class (also clerk.mjs) ----
  // The widget's wasm-bindgen module, once ready, and the promise of it:
  // one per page, whichever instances use it.
  var wasm = null;
  var wasmReady = null;
  function widget() {
    return wasmReady || (wasmReady = loadWidget().then(function (module) {
      return (wasm = module);
    }, function (cause) {
      var error = clerkError("widget_load_failed",
        "The Clerk widget could not be loaded: " + (cause && cause.message || cause));
      error.cause = cause;
      console.error("Clerk:", error.message);
      throw error;
    }));
  }
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

  // clerk-js's resource objects (ClientResource, SessionResource,
  // UserResource...): views over the wire JSON the widget holds, with
  // clerk-js's camelCase names, Dates for the `..._at` times and the nested
  // resources as views. A JSON object always gives the same view, so
  // `Clerk.session.user === Clerk.user`, and the view changes when the state
  // does. The wire names stay readable (not enumerable) for pages written
  // against them.
  var views = new WeakMap();
  var raws = new WeakMap();
  function view(raw, kind) {
    if (Array.isArray(raw)) return raw.map(function (item) { return view(item, kind); });
    if (raw === null || typeof raw !== "object") return raw;
    var made = views.get(raw);
    if (made) return made;
    made = Object.create(kind || KINDS[raw.object] || Object.prototype);
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
  function notCurrent(what) {
    return Promise.reject(clerkError(what + "_not_current", "Only the current " + what +
      " can do this here: make its session current with Clerk.setActive first."));
  }
  function isCurrent(resource, now) { return !!now && now.id === resource.id; }
  // The user's account requests (/v1/me...) go through the widget's core,
  // which adds the session, the deadline and the client the answer carries.
  function account(user, verb, path, form) {
    if (!isCurrent(user, wasm.user())) return notCurrent("user");
    return wasm.accountRequest(verb, path, form || []);
  }
  function currentUser() { return view(wasm.user()); }
  // Reads one call's options: an object (or nothing) whose keys have the
  // given types; `required` keys must be there.
  function params(value, where, types, required) {
    if (value == null && !required) return {};
    if (!isPlainObject(value)) throw new TypeError(where + " must be an object, not " + describe(value) + ".");
    Object.keys(types).forEach(function (key) {
      var v = value[key];
      if (v == null ? required && required.indexOf(key) >= 0 : typeof v !== types[key]) {
        throw new TypeError(where + "." + key + " must be " + (types[key] === "object" ? "an " : "a ") + types[key] + ", not " + describe(v) + ".");
      }
    });
    return value;
  }
  function attempt(run) {
    try { return run(); } catch (error) { return Promise.reject(error); }
  }
  var ACTIVITY = {
    // Signs this session out, on whichever device it is.
    revoke: function () {
      return account(currentUser(), "POST", "/v1/me/sessions/" + encodeURIComponent(this.id) + "/revoke")
        .then(function (json) { return view(json.response, ACTIVITY); });
    },
  };
  var KINDS = {
    client: {
      get signedInSessions() {
        return this.sessions.filter(function (s) { return s.status === "active" || s.status === "pending"; });
      },
      get activeSessions() { return this.sessions.filter(function (s) { return s.status === "active"; }); },
      signOut: function () { return wasm.signOut(); },
      removeSessions: function () { return wasm.signOut(); },
    },
    session: {
      // The widget renews and serves the current session's token.
      getToken: function (options) {
        return isCurrent(this, wasm.session()) ? wasm.getToken(options) : notCurrent("session");
      },
      end: function () { return wasm.signOut({ sessionId: this.id }); },
      remove: function () { return wasm.signOut({ sessionId: this.id }); },
      touch: function () { return wasm.setActive({ session: this.id }); },
    },
    user: {
      get fullName() { return [this.firstName, this.lastName].filter(Boolean).join(" ") || null; },
      get primaryEmailAddress() {
        var id = this.primaryEmailAddressId;
        return this.emailAddresses.filter(function (e) { return e.id === id; })[0] || null;
      },
      update: function (changes) {
        var user = this;
        return attempt(function () {
          params(changes, "user.update(params): params", { firstName: "string", lastName: "string" }, []);
          var form = [];
          if (changes.firstName != null) form.push("first_name", changes.firstName);
          if (changes.lastName != null) form.push("last_name", changes.lastName);
          return account(user, "PATCH", "/v1/me", form).then(currentUser);
        });
      },
      updatePassword: function (change) {
        var user = this;
        return attempt(function () {
          params(change, "user.updatePassword(params): params",
            { newPassword: "string", currentPassword: "string", signOutOfOtherSessions: "boolean" }, ["newPassword"]);
          return account(user, "POST", "/v1/me/change_password", [
            "current_password", change.currentPassword || "",
            "new_password", change.newPassword,
            "sign_out_of_other_sessions", String(!!change.signOutOfOtherSessions),
          ]).then(currentUser);
        });
      },
      // The user's signed-in sessions on every device, with where each
      // was last used (`latestActivity`) and `revoke()`.
      getSessions: function () {
        return account(this, "GET", "/v1/me/sessions/active").then(function (json) { return view(json, ACTIVITY); });
      },
      reload: function () { return account(this, "GET", "/v1/me").then(currentUser); },
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

  // The options that say where the Frontend API is. An explicit load() that
  // names one replaces all of the constructor's (or the script tag's): the
  // page's code wins.
  var ADDRESS = ["frontendApi", "proxyUrl", "publishableKey"];
  function isPlainObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
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
  // A mount's element and props, checked at once so that a mount before
  // the WebAssembly is ready fails as it would after (the widget trusts
  // these checks: it reads the props leniently); its appearance compiled.
  function prepareMount(el, what, props, types) {
    requireElement(el, what);
    if (!el.isConnected) throw new TypeError(what + ": the element is not in the document; insert it before mounting.");
    return prepareProps(props, what.replace(")", ", props)"), types);
  }
  function prepareProps(props, what, types) {
    params(props, what + ": props", types);
    return appearanceLook(props && props.appearance, what + ": props.appearance");
  }
  var USER_BUTTON_PROPS = {
    showName: "boolean", defaultOpen: "boolean", afterSignOutUrl: "string", signInUrl: "string",
    userProfileUrl: "string", afterSwitchSessionUrl: "string", userProfileMode: "string", appearance: "object",
  };
  var MENU_ITEM = { label: "string", href: "string", onClick: "function", mountIcon: "function", unmountIcon: "function" };
  // Clerk's customMenuItems ({ label, onClick | href, mountIcon?,
  // unmountIcon? }, or { label: "manageAccount" | "signOut" } to place a
  // built-in row) as the widget gets them: checked, each onClick made to
  // return a promise (a throw rejects it), so the menu shows either kind
  // of failure.
  function menuItems(items, where) {
    if (items == null) return items;
    if (!Array.isArray(items)) throw new TypeError(where + " must be an array, not " + describe(items) + ".");
    var labels = [];
    return items.map(function (item, i) {
      var at = where + "[" + i + "]";
      params(item, at, MENU_ITEM, ["label"]);
      var builtIn = /^(manageAccount|signOut)$/.test(item.label);
      if (builtIn ? item.href != null || item.onClick != null : (item.href == null) === (item.onClick == null)) {
        throw new TypeError(at + (builtIn ? " places a built-in row: it takes no href or onClick."
          : " needs onClick (a function) or href (a string): one of them."));
      }
      if (labels.indexOf(item.label) >= 0) throw new TypeError(at + ": the label \"" + item.label + "\" is used twice.");
      labels.push(item.label);
      var onClick = item.onClick;
      return onClick ? Object.assign({}, item, { onClick: function () { return new Promise(function (r) { r(onClick()); }); } }) : item;
    });
  }
  var USER_PROFILE_PROPS = { appearance: "object" };
  var SIGN_IN_PROPS = { afterSignInUrl: "string", appearance: "object" };

  // Clerk's `appearance` as a look for the widget's shadow roots: CSS, with
  // the variables as --clerk-* custom properties (which the stylesheet
  // reads, as it reads those the page sets on the host), each `elements`
  // style object as a rule on its element's class, and `baseTheme` as the
  // color-scheme the stylesheet's light-dark() colours follow; and the
  // `elements` given as class names, which `dress` adds to the elements.
  var VARIABLES = ["colorPrimary", "colorDanger", "colorText", "colorTextSecondary", "colorBackground",
    "colorNeutral", "colorInputBackground", "colorInputText", "fontFamily", "fontSize", "borderRadius", "spacingUnit"];
  var SCHEMES = { light: "light", dark: "dark", auto: "light dark" };
  function declarations(object, where, names) {
    return Object.keys(object).map(function (key) {
      var value = object[key];
      if (names && names.indexOf(key) < 0) throw new TypeError(where + "." + key + " is not one of " + names.join(", ") + ".");
      // A value cannot end its declaration or rule: it stays one value.
      if (!/^(string|number)$/.test(typeof value) || /[{};<>\\]/.test(value)) {
        throw new TypeError(where + "." + key + " must be a CSS value (without {, }, ;, <, > or \\), not " + describe(value) + ".");
      }
      return (names ? "--clerk-" : "") + key.replace(/[A-Z]/g, function (c) { return "-" + c.toLowerCase(); }) + ":" + value;
    }).join(";");
  }
  function appearanceLook(appearance, where) {
    var classes = {};
    if (appearance == null) return { css: "", classes: classes };
    params(appearance, where, { variables: "object", elements: "object", baseTheme: "string" });
    var theme = appearance.baseTheme;
    if (theme != null && !SCHEMES[theme]) {
      throw new TypeError(where + '.baseTheme must be "light", "dark" or "auto", not ' + describe(theme) + ".");
    }
    var elements = appearance.elements || {};
    var css = ".cl-rootBox{" + (theme ? "color-scheme:" + SCHEMES[theme] + ";" : "") +
      declarations(appearance.variables || {}, where + ".variables", VARIABLES) + "}" +
      Object.keys(elements).map(function (key) {
        var style = elements[key];
        if (!/^\w+$/.test(key) || !(isPlainObject(style) || typeof style === "string")) {
          throw new TypeError(where + ".elements." + key + " must be class names or a style object, not " + describe(style) + ".");
        }
        if (typeof style === "string") {
          classes[key] = style;
          return "";
        }
        return ".cl-rootBox .cl-" + key + "{" + declarations(style, where + ".elements." + key) + "}";
      }).join("");
    return { css: css, classes: classes };
  }

  // Clerk's `localization`: a shipped locale's name, or Clerk's nested
  // object (its `locale` may name a shipped one to start from), given to
  // the widget flat: key → text, with `locale` (for Intl) and `dir`. The
  // shipped locales are JSON files beside this one, fetched when chosen.
  var LOCALES = ["en-US", "fr-FR", "ar-SA"];
  // Each shipped locale's texts, fetched once (a failed fetch is forgotten,
  // so the next load tries again).
  var localeFiles = {};
  function localeFile(name) {
    return localeFiles[name] || (localeFiles[name] = fetch(base + "locales/" + name + ".json").then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.json();
    }).catch(function (cause) {
      delete localeFiles[name];
      throw clerkError("widget_load_failed", "The " + name + " texts could not be loaded: " + cause.message);
    }));
  }
  function localization(value, where) {
    if (value == null) return Promise.resolve(value);
    var name = isPlainObject(value) ? value.locale : value;
    if (!isPlainObject(value) && LOCALES.indexOf(value) < 0) {
      throw new TypeError(where + " must be one of " + LOCALES.join(", ") + " or a localization object, not " + describe(value) + ".");
    }
    return (LOCALES.indexOf(name) > 0 ? localeFile(name) : Promise.resolve({})).then(function (texts) {
      var flat = {};
      var walk = function (object, prefix) {
        Object.keys(object).forEach(function (key) {
          var v = object[key];
          if (isPlainObject(v)) walk(v, prefix + key + ".");
          else if (typeof v === "string") flat[prefix + key] = v;
        });
      };
      walk(texts, "");
      if (isPlainObject(value)) walk(value, "");
      if (flat.locale) flat.dir = /^(ar|fa|he|ur)\b/.test(flat.locale) ? "rtl" : "ltr";
      return flat;
    });
  }

  // What the page set for every mount (Clerk.load's appearance), and the
  // frames (<clerk-mount> elements) with each one's own look.
  var globalLook = { css: "", classes: {} };
  var frames = new Map();
  // Dresses the frame a mount just appended to `host`: its look after the
  // global one (so the mount's wins), every element's cl- classes as its
  // parts (`cl-userButtonTrigger`: part "userButtonTrigger"), so page CSS
  // can style it from outside the shadow root with
  // `clerk-mount::part(userButtonTrigger)`, and the class names `elements`
  // asks for; all kept as the widget re-renders.
  function dress(host, look) {
    var frame = host.lastElementChild;
    var root = frame.shadowRoot;
    var state = frames.get(frame);
    if (!state) {
      state = { style: document.createElement("style") };
      state.mark = function () {
        var classes = Object.assign({}, globalLook.classes, state.look.classes);
        root.querySelectorAll("[class*=cl-]").forEach(function (node) {
          var keys = node.getAttribute("class").split(" ").filter(function (c) { return c.indexOf("cl-") === 0; })
            .map(function (c) { return c.slice(3); });
          var parts = keys.join(" ");
          if (node.getAttribute("part") !== parts) node.setAttribute("part", parts);
          keys.forEach(function (key) {
            (classes[key] || "").split(/\s+/).forEach(function (c) { if (c && !node.classList.contains(c)) node.classList.add(c); });
          });
        });
      };
      new MutationObserver(state.mark).observe(root, { childList: true, subtree: true, attributeFilter: ["class"] });
      root.append(state.style);
      frames.set(frame, state);
    }
    state.look = look;
    apply(state, frame);
  }
  function apply(state, frame) {
    state.style.textContent = globalLook.css + state.look.css;
    // Class names mean the page's own stylesheets: they are brought into
    // the shadow root (once, before the look, which stays last), so that
    // its classes apply there.
    var classes = Object.assign({}, globalLook.classes, state.look.classes);
    if (!state.adopted && Object.keys(classes).length) {
      state.adopted = true;
      document.querySelectorAll('link[rel~="stylesheet"], style').forEach(function (sheet) {
        frame.shadowRoot.insertBefore(sheet.cloneNode(true), state.style);
      });
    }
    state.mark();
  }

  // A call on the widget's module: at once when it is ready (a failure
  // throws), else as soon as it is (a failure rejects the promise returned;
  // nobody awaiting it makes it an unhandled rejection, as a throw would be
  // uncaught).
  function whenWasm(run) {
    if (wasm) { run(wasm); return Promise.resolve(); }
    return widget().then(run);
  }

  class Clerk {
    #defaults; #current; #status = "loading"; #statusListeners = []; #loading = null;
    // The class clerk-js's bundler users construct: `new Clerk(publishableKey,
    // { proxyUrl })`. The script tag's window.Clerk is one too.
    constructor(publishableKey, options) {
      if (publishableKey != null && typeof publishableKey !== "string") {
        throw new TypeError("new Clerk(publishableKey, options): publishableKey must be a string, not " + describe(publishableKey) + ".");
      }
      if (options != null && !isPlainObject(options)) {
        throw new TypeError("new Clerk(publishableKey, options): options must be an object, not " + describe(options) + ".");
      }
      this.#defaults = Object.assign({}, options, publishableKey ? { publishableKey: publishableKey } : {});
      // The options of the last good load (where the Frontend API is).
      this.#current = this.#defaults;
      var self = this;
      widget().catch(function () { self.#setStatus("error"); }); // reported there; calls reject with it
    }

    // clerk-js's `status`: "loading" until the first load, "ready" after a
    // good one, "error" when nothing could be loaded, "degraded" when a
    // reload failed and the last good state is still in use.
    #setStatus(next) {
      if (next === this.#status) return;
      this.#status = next;
      this.#statusListeners.slice().forEach(function (fn) {
        try { fn(next); } catch (e) { console.error("Clerk status listener threw", e); }
      });
    }

    #withDefaults(options) {
      if (options == null) return Object.assign({}, this.#defaults);
      // Anything else that is not an object goes to the widget as it is,
      // which rejects it with a TypeError.
      if (!isPlainObject(options)) return options;
      var merged = Object.assign({}, this.#defaults);
      if (ADDRESS.some(function (key) { return options[key] != null; })) {
        ADDRESS.forEach(function (key) { delete merged[key]; });
      }
      return Object.assign(merged, options);
    }

    load(options) {
      var self = this;
      var merged = this.#withDefaults(options);
      var look;
      var attempt = widget().then(function (m) {
        if (!isPlainObject(merged)) return m.load(merged);
        look = appearanceLook(merged.appearance, "Clerk.load(options): options.appearance");
        return localization(merged.localization, "Clerk.load(options): options.localization").then(function (texts) {
          return m.load(Object.assign({}, merged, { localization: texts }));
        });
      });
      this.#loading = attempt;
      attempt.then(function () {
        if (self.#loading === attempt) {
          self.#current = merged;
          globalLook = look || globalLook;
          frames.forEach(apply);
          self.#setStatus("ready");
        }
      }, function () {
        if (self.#loading === attempt) self.#setStatus(wasm && wasm.loaded() ? "degraded" : "error");
      });
      return attempt;
    }

    // Waits for the newest load. When it failed but an earlier one had
    // succeeded, the widget still holds that good state: calls go on with it.
    #ready() {
      var pending = this.#loading;
      return widget().then(function (m) {
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

    // A callback that returns a promise is awaited before signOut resolves.
    signOut(a, b) {
      var pending;
      var callback = typeof a === "function" ? function () { pending = a(); } : a;
      return this.#ready().then(function (m) { return m.signOut(callback, b); }).then(function () { return pending; });
    }

    signIn(identifier, password) {
      return this.#ready().then(function (m) { return m.signIn(identifier, password); });
    }

    getToken(options) { return this.#ready().then(function (m) { return m.getToken(options); }); }

    // clerk-js's `beforeEmit(session)` runs (and is awaited) before the
    // change; `redirectUrl` is followed after it, under the redirect rules.
    setActive(params) {
      var self = this;
      return this.#ready().then(function (m) {
        var before = params && params.beforeEmit;
        if (typeof before !== "function") return m;
        var id = params.session && (params.session.id || params.session);
        var next = id ? (self.client.sessions.filter(function (s) { return s.id === id; })[0] || null) : null;
        return Promise.resolve(before(next)).then(function () { return m; });
      }).then(function (m) {
        return m.setActive(params).then(function () {
          if (params && typeof params.redirectUrl === "string") m.navigate(params.redirectUrl);
        });
      });
    }

    // { skipInitialEmit: true }: not called with the state as it is now.
    addListener(fn, options) {
      if (typeof fn !== "function") throw new TypeError("Clerk.addListener() takes a function, not " + typeof fn + ".");
      var subscribe = function (m) {
        var subscribing = !!(options && options.skipInitialEmit);
        var unsubscribe = m.addListener(function (r) { if (!subscribing) fn(resources(r)); });
        subscribing = false;
        return unsubscribe;
      };
      if (wasm) return subscribe(wasm);
      var unsubscribe = null, cancelled = false;
      widget().then(function (m) { if (!cancelled) unsubscribe = subscribe(m); }, function () {});
      return function () { cancelled = true; if (unsubscribe) unsubscribe(); };
    }

    // Where sign-in and a full sign-out go, and going there (under the
    // redirect rules); "" before the WebAssembly is ready.
    buildSignInUrl() { return wasm ? wasm.buildSignInUrl() : ""; }
    buildAfterSignOutUrl() { return wasm ? wasm.buildAfterSignOutUrl() : ""; }
    redirectToSignIn() { return this.#ready().then(function (m) { m.navigate(m.buildSignInUrl()); }); }
    redirectToAfterSignOut() { return this.#ready().then(function (m) { m.navigate(m.buildAfterSignOutUrl()); }); }

    // clerk-js's events: on("status", fn, { notify }) / off("status", fn).
    on(event, fn, options) {
      if (event !== "status") throw new TypeError('Clerk.on() takes the event "status", not ' + describe(event) + ".");
      if (typeof fn !== "function") throw new TypeError("Clerk.on(event, handler) takes a function, not " + describe(fn) + ".");
      this.#statusListeners.push(fn);
      if (options && options.notify) fn(this.#status);
    }
    off(event, fn) {
      this.#statusListeners = this.#statusListeners.filter(function (listener) { return listener !== fn; });
    }

    mountUserButton(el, props) {
      var look = prepareMount(el, "Clerk.mountUserButton(el)", props, USER_BUTTON_PROPS);
      var items = menuItems(props && props.customMenuItems, "Clerk.mountUserButton(el, props): props.customMenuItems");
      if (items) props = Object.assign({}, props, { customMenuItems: items });
      var mode = props && props.userProfileMode;
      if (mode != null && mode !== "modal" && mode !== "navigation") {
        throw new TypeError('Clerk.mountUserButton(el, props): props.userProfileMode must be "modal" or "navigation", not ' + describe(mode) + ".");
      }
      // Until the WebAssembly is here, an empty box of the trigger's size
      // keeps its place (the widget keeps it until the client is loaded).
      var hold = !wasm && el.appendChild(document.createElement("clerk-mount"));
      if (hold) {
        hold.style.cssText = "display:inline-block;vertical-align:top;width:36px;height:36px";
        widget().catch(function () { hold.remove(); });
      }
      return whenWasm(function (m) {
        if (hold) hold.remove();
        m.mountUserButton(el, props);
        dress(el, look);
      });
    }
    unmountUserButton(el) {
      requireElement(el, "Clerk.unmountUserButton(el)");
      return whenWasm(function (m) { m.unmountUserButton(el); });
    }
    mountSignIn(el, props) {
      var look = prepareMount(el, "Clerk.mountSignIn(el)", props, SIGN_IN_PROPS);
      return whenWasm(function (m) { m.mountSignIn(el, props); dress(el, look); });
    }
    unmountSignIn(el) {
      requireElement(el, "Clerk.unmountSignIn(el)");
      return whenWasm(function (m) { m.unmountSignIn(el); });
    }
    mountUserProfile(el, props) {
      var look = prepareMount(el, "Clerk.mountUserProfile(el)", props, USER_PROFILE_PROPS);
      return whenWasm(function (m) { m.mountUserProfile(el, props); dress(el, look); });
    }
    unmountUserProfile(el) {
      requireElement(el, "Clerk.unmountUserProfile(el)");
      return whenWasm(function (m) { m.unmountUserProfile(el); });
    }
    openUserProfile(props) {
      var look = prepareProps(props, "Clerk.openUserProfile(props)", USER_PROFILE_PROPS);
      return whenWasm(function (m) { m.openUserProfile(props); dress(document.body, look); });
    }
    closeUserProfile() { return whenWasm(function (m) { m.closeUserProfile(); }); }

    get status() { return this.#status; }
    get loaded() { return !!wasm && wasm.loaded(); }
    get isSignedIn() { return !!(wasm && wasm.session()); }
    get version() { return wasm ? wasm.version() : undefined; }
    get publishableKey() { return this.#current.publishableKey; }
    get proxyUrl() { return this.#current.proxyUrl; }
    get frontendApi() { return this.#current.frontendApi; }
    get client() { return wasm ? view(wasm.client()) : undefined; }
    get session() { return wasm ? view(wasm.session()) : undefined; }
    get user() { return wasm ? view(wasm.user()) : undefined; }
  }
  // ---- end of core ----

  // The widget's module, next to this file. Under `trunk serve`/`trunk
  // build` the page also initialises it itself; two concurrent
  // initialisations would make two instances, so this waits for trunk's
  // instead of racing it.
  function loadWidget() {
    return import(base + "clerk-widget.js").then(function (module) {
      return new Promise(function (resolve) {
        if (document.readyState !== "loading") resolve();
        else document.addEventListener("DOMContentLoaded", resolve, { once: true });
      }).then(function () {
        var byTrunk = document.querySelector('link[rel="modulepreload"][href$="/clerk-widget.js"]');
        if (!byTrunk) return module.default({ module_or_path: base + "clerk-widget_bg.wasm" });
        if (window.wasmBindings) return;
        return new Promise(function (resolve) { addEventListener("TrunkApplicationStarted", resolve, { once: true }); });
      }).then(function () { return module; });
    });
  }

  var data = (script && script.dataset) || {};
  var tagOptions = {};
  [["clerkFrontendApi", "frontendApi"], ["clerkProxyUrl", "proxyUrl"], ["clerkPublishableKey", "publishableKey"],
    ["clerkAfterSignOutUrl", "afterSignOutUrl"], ["clerkSignInUrl", "signInUrl"],
    ["clerkLocalization", "localization"]].forEach(function (pair) {
    if (data[pair[0]]) tagOptions[pair[1]] = data[pair[0]];
  });
  // The one part of `appearance` a tag can say in a word.
  if (data.clerkBaseTheme) tagOptions.appearance = { baseTheme: data.clerkBaseTheme };
  var clerk = new Clerk(undefined, tagOptions);
  Object.defineProperty(clerk, "__rust", { value: true });
  window.Clerk = clerk;

  if (tagOptions.frontendApi || tagOptions.proxyUrl || tagOptions.publishableKey) {
    clerk.load().catch(function (error) { console.error("Clerk: loading failed:", error); });
  }
})();
