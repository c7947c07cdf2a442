// The API of the widget, once for both entries: the `Clerk` class of the
// module entry (clerk.mjs, typed by clerk.d.mts) and the script tag's
// window.Clerk (clerk.js, typed by clerk.d.ts) are the `Clerk` below.
// The resources follow clerk-js's types over Clerk's Frontend API JSON.

export interface ClerkError extends Error {
  name: "ClerkError";
  /**
   * Clerk's error code, e.g. "network_error", "session_not_found", "form_password_incorrect";
   * "invalid_configuration" for an unusable load option; "widget_load_failed" when the wasm could not be fetched.
   */
  code: string;
  /** The HTTP status when the server answered, else null. */
  status: number | null;
  longMessage: string | null;
  /** As clerk-js's ClerkAPIResponseError: every error the server sent (one, made here, for a network failure or a timeout). */
  errors: ClerkAPIError[];
  /** The server's `clerk_trace_id`, when it sent one. */
  clerkTraceId: string | null;
  /** Always true: `isClerkAPIResponseError(err)` from `@clerk/shared` holds. */
  clerkError: true;
}

export interface ClerkAPIError {
  code: string;
  message: string;
  longMessage: string | null;
  /** The keys of the server's meta that clerk-js reads, camelCased: `paramName`, `sessionId`, `emailAddresses`, `identifiers`. */
  meta: Record<string, unknown>;
}

/** clerk-js's `status`: "loading" until the first load, "ready" after a good one, "error" when nothing could be loaded, "degraded" when a reload failed and the last good state is still in use. */
export type ClerkStatus = "loading" | "ready" | "degraded" | "error";

/** Clerk's `appearance` (see the README's element list). */
export interface Appearance {
  /** "light" (the default), "dark", or "auto" (follows prefers-color-scheme). */
  baseTheme?: "light" | "dark" | "auto";
  /** Become --clerk-* custom properties, which page CSS may also set on the host element. */
  variables?: {
    colorPrimary?: string;
    colorDanger?: string;
    colorText?: string;
    colorTextSecondary?: string;
    colorBackground?: string;
    colorNeutral?: string;
    colorInputBackground?: string;
    colorInputText?: string;
    fontFamily?: string;
    fontSize?: string;
    borderRadius?: string;
    spacingUnit?: string;
  };
  /**
   * Per element key (its `cl-` class without the prefix, also its `part`): a style object, or class names,
   * which the page's own stylesheets (brought into the shadow root) then style.
   */
  elements?: Record<string, string | Record<string, string | number>>;
}

/** Clerk's nested texts by key (`{ userButton: { action__signOut: "Log out" } }`); `locale` names the language. */
export interface Localization {
  locale?: string;
  [key: string]: string | Localization | undefined;
}

/** `new Clerk(publishableKey, options)`: where the Frontend API is, before `load()`. */
export interface ClerkOptions {
  proxyUrl?: string;
  /** Ours: the Frontend API's origin, for a server without a publishable key. */
  frontendApi?: string;
}

export interface LoadOptions {
  frontendApi?: string;
  proxyUrl?: string;
  publishableKey?: string;
  afterSignOutUrl?: string;
  /** Where signing the current one of several accounts out goes; else `afterSignOutUrl`, else the instance's. */
  afterMultiSessionSingleSignOutUrl?: string;
  signInUrl?: string;
  /** The looks of every mount; a mount's own `appearance` is merged over it. */
  appearance?: Appearance;
  /**
   * Clerk's `localization`: a shipped locale ("fr-FR", "ar-SA"; "en-US" is built in), or Clerk's nested
   * object of texts by key, over English or over the shipped locale its `locale` names.
   */
  localization?: "en-US" | "fr-FR" | "ar-SA" | Localization;
  /** Deadline of each request in ms (default 15000); past it, calls reject with code "network_error". */
  requestTimeoutMs?: number;
  /**
   * Origins navigation may go to besides the page's own: strings (`*` matches any run of characters,
   * e.g. "https://*.example.com") or RegExps tested against the target's origin. Other targets go to "/".
   */
  allowedRedirectOrigins?: Array<string | RegExp>;
  /** Protocols besides http: and https: that navigation may use (never javascript:, data:, vbscript:, blob:). */
  allowedRedirectProtocols?: string[];
}

export interface SignOutOptions {
  sessionId?: string;
  redirectUrl?: string;
}

export interface UserButtonProps {
  showName?: boolean;
  defaultOpen?: boolean;
  afterSignOutUrl?: string;
  signInUrl?: string;
  userProfileUrl?: string;
  afterSwitchSessionUrl?: string;
  /** What "Manage account" does: open the account panel as a modal (the default), or go to `userProfileUrl`. */
  userProfileMode?: "modal" | "navigation";
  appearance?: Appearance;
  customMenuItems?: CustomMenuItem[];
}

interface MenuItemIcon {
  /** Called with the row's icon box when the row appears (fill it). */
  mountIcon?: (el: HTMLElement) => void;
  /** Called with the same box when the row goes (the menu closes). */
  unmountIcon?: (el: HTMLElement) => void;
}

/**
 * One row of `customMenuItems`: an action (`onClick`; a throw or a rejected promise is shown in the menu,
 * which stays open; else the menu closes), a link (`href`, under the redirect rules), or a built-in row
 * placed here by its label. Rows come in the order given; "Manage account" leads and "Sign out" ends the
 * list unless it places them. Labels are unique.
 */
export type CustomMenuItem =
  | ({ label: string; onClick: () => unknown; href?: never } & MenuItemIcon)
  | ({ label: string; href: string; onClick?: never } & MenuItemIcon)
  | { label: "manageAccount" | "signOut" };

export interface SignInProps {
  afterSignInUrl?: string;
  appearance?: Appearance;
}

/** Props of `mountUserProfile` / `openUserProfile`. */
export interface UserProfileProps {
  appearance?: Appearance;
}

// The resources are clerk-js's objects: views over the Frontend API's JSON
// with camelCase names, Dates for the `..._at` times, and the nested
// resources as views. Every other field the server sent is there too, in
// camelCase; the wire's snake_case names stay readable (not enumerable).

export interface PublicUserData {
  firstName: string | null;
  lastName: string | null;
  imageUrl: string;
  hasImage: boolean;
  identifier: string;
  userId?: string | null;
}

export interface EmailAddressResource {
  id: string;
  emailAddress: string;
  verification: { status: string; strategy: string | null } | null;
  [field: string]: unknown;
}

export interface UserResource {
  object: "user";
  id: string;
  firstName: string | null;
  lastName: string | null;
  /** "First Last", or whichever exists; null without either. */
  readonly fullName: string | null;
  username: string | null;
  imageUrl: string;
  hasImage: boolean;
  primaryEmailAddressId: string | null;
  readonly primaryEmailAddress: EmailAddressResource | null;
  emailAddresses: EmailAddressResource[];
  publicMetadata: Record<string, unknown>;
  unsafeMetadata: Record<string, unknown>;
  lastSignInAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** Saves the names (the current user only); resolves with the user as it is now. */
  update(params: { firstName?: string; lastName?: string }): Promise<UserResource>;
  /** Changes the password; `signOutOfOtherSessions` ends the user's sessions on every other device. */
  updatePassword(params: {
    newPassword: string;
    currentPassword?: string;
    signOutOfOtherSessions?: boolean;
  }): Promise<UserResource>;
  /** The user's signed-in sessions on every device, with where each was last used. */
  getSessions(): Promise<SessionWithActivitiesResource[]>;
  /** Reads the user again from the server. */
  reload(): Promise<UserResource>;
  [field: string]: unknown;
}

export interface SessionActivity {
  id: string;
  browserName: string | null;
  browserVersion: string | null;
  /** The operating system, e.g. "macOS", "Windows", "Android". */
  deviceType: string | null;
  ipAddress: string | null;
  city: string | null;
  country: string | null;
  isMobile: boolean;
  [field: string]: unknown;
}

/** A session of `user.getSessions()`, on this or another device. */
export interface SessionWithActivitiesResource {
  object: "session";
  id: string;
  status: SessionResource["status"];
  lastActiveAt: Date;
  expireAt: Date;
  abandonAt: Date;
  latestActivity: SessionActivity | null;
  /** Signs this session out wherever it is; resolves with it as it is now. */
  revoke(): Promise<SessionWithActivitiesResource>;
  [field: string]: unknown;
}

export interface TokenResource {
  getRawString(): string;
  /** The decoded JWT. */
  readonly jwt: { claims: { sid: string; sub: string; iat: number; exp: number; [claim: string]: unknown } };
}

export interface SessionResource {
  object: "session";
  id: string;
  status: "active" | "pending" | "ended" | "removed" | "revoked" | "expired" | "abandoned" | "replaced";
  lastActiveAt: Date;
  expireAt: Date;
  abandonAt: Date;
  createdAt: Date;
  updatedAt: Date;
  lastActiveToken: TokenResource | null;
  user: UserResource | null;
  publicUserData: PublicUserData | null;
  /** The current session's JWT (as `Clerk.getToken`); rejects for another session. */
  getToken(options?: { skipCache?: boolean }): Promise<string | null>;
  /** Signs this session out (as `Clerk.signOut({ sessionId })`). */
  end(): Promise<void>;
  remove(): Promise<void>;
  /** Makes it the current session (as `Clerk.setActive`). */
  touch(): Promise<void>;
  [field: string]: unknown;
}

export interface ClientResource {
  object: "client";
  id: string;
  sessions: SessionResource[];
  readonly signedInSessions: SessionResource[];
  readonly activeSessions: SessionResource[];
  lastActiveSessionId: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** Signs every session of this browser out (as `Clerk.signOut()`). */
  signOut(): Promise<void>;
  removeSessions(): Promise<void>;
  [field: string]: unknown;
}

export interface Resources {
  client: ClientResource | null;
  /** undefined while a sign-out runs, null when signed out. */
  session: SessionResource | null | undefined;
  user: UserResource | null | undefined;
}

export interface Clerk {
  readonly loaded: boolean;
  readonly status: ClerkStatus;
  /** Whether a session is active. */
  readonly isSignedIn: boolean;
  /** This widget's version ("clerk-rs-…"); undefined until the WebAssembly is ready. */
  readonly version: string | undefined;
  /** The Frontend API address options of the last good load. */
  readonly publishableKey: string | undefined;
  readonly proxyUrl: string | undefined;
  readonly frontendApi: string | undefined;
  readonly client: ClientResource | null | undefined;
  readonly session: SessionResource | null | undefined;
  readonly user: UserResource | null | undefined;
  load(options?: LoadOptions): Promise<void>;
  /** Resolves when the server has ended the session(s); rejects with a ClerkError, never hangs. */
  signOut(options?: SignOutOptions): Promise<void>;
  /** A callback that returns a promise is awaited before `signOut` resolves. */
  signOut(callback?: () => void | Promise<unknown>, options?: SignOutOptions): Promise<void>;
  signIn(identifier: string, password: string): Promise<void>;
  /** The current session's JWT, renewed when it has less than 20 s left (always with skipCache); null when signed out. */
  getToken(options?: { skipCache?: boolean }): Promise<string | null>;
  /** `beforeEmit` runs (and is awaited) with the new session before the change; `redirectUrl` is followed after it, under the redirect rules. */
  setActive(params: {
    session: string | SessionResource | null;
    redirectUrl?: string;
    beforeEmit?: (session: SessionResource | null) => void | Promise<unknown>;
  }): Promise<void>;
  /** Returns a function that removes the listener. With `skipInitialEmit`, it is not called with the state as it is now. */
  addListener(listener: (resources: Resources) => void, options?: { skipInitialEmit?: boolean }): () => void;
  /** Where sign-in happens: `load`'s `signInUrl`, else the instance's display config; "" before the WebAssembly is ready. */
  buildSignInUrl(): string;
  /** Where signing every account out goes, by the rule `signOut` follows; "" before the WebAssembly is ready. */
  buildAfterSignOutUrl(): string;
  /** Go there, under the redirect rules. */
  redirectToSignIn(): Promise<void>;
  redirectToAfterSignOut(): Promise<void>;
  /** Calls `handler` with each new status (and at once with `notify`). */
  on(event: "status", handler: (status: ClerkStatus) => void, options?: { notify?: boolean }): void;
  off(event: "status", handler: (status: ClerkStatus) => void): void;
  // The mounts throw a TypeError at once for wrong arguments. Each returns
  // a promise that settles when the call has taken effect: at once when
  // the WebAssembly is ready (where a failure throws), else once it is
  // (where a failure rejects it).
  /** Appends a <clerk-mount> element to `el` (its children stay) and renders the UserButton in it. */
  mountUserButton(el: Element, props?: UserButtonProps): Promise<void>;
  /** Removes it again, restoring `el`; does nothing when nothing is mounted there. */
  unmountUserButton(el: Element): Promise<void>;
  mountSignIn(el: Element, props?: SignInProps): Promise<void>;
  unmountSignIn(el: Element): Promise<void>;
  /** Mounts the account panel (profile, password, active devices) in `el`. Its code loads on first use. */
  mountUserProfile(el: Element, props?: UserProfileProps): Promise<void>;
  unmountUserProfile(el: Element): Promise<void>;
  /** Opens the account panel as a modal dialog over the page (what "Manage account" does by default). */
  openUserProfile(props?: UserProfileProps): Promise<void>;
  /** Closes the dialog `openUserProfile` opened; nothing when it is not open. */
  closeUserProfile(): Promise<void>;
}
