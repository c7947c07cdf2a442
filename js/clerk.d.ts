// Types of the classic-script loader (clerk.js): window.Clerk, an instance
// of the same `Clerk` the module entry exports. Reference it from a page's
// TypeScript with `import type {} from "clerk-widget/clerk.js"` (or a
// triple-slash `types` reference).
import type { Clerk } from "./types.js";

export * from "./types.js";

declare global {
  interface Window {
    Clerk: Clerk;
  }
}
