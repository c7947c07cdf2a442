// Types of the module entry (clerk.mjs): the `Clerk` class, whose
// instances are the very API window.Clerk has (both are types.d.ts's
// `Clerk`).
import type { Clerk as ClerkApi, ClerkOptions } from "./types.js";

export type * from "./types.js";

export interface Clerk extends ClerkApi {}
/**
 * As `@clerk/clerk-js`: `const clerk = new Clerk(publishableKey, { proxyUrl }); await clerk.load();`.
 * Every instance drives the page's one widget (one per page, as with clerk-js).
 */
export declare class Clerk {
  constructor(publishableKey?: string, options?: ClerkOptions);
}
