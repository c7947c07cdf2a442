// Both entries describe the same API: an instance of the module's class is
// a window.Clerk and the other way round.
import { Clerk } from "clerk-widget";
import type { Clerk as LoaderClerk } from "clerk-widget/clerk.js";

const fromModule: LoaderClerk = new Clerk();
const fromTag: Clerk = window.Clerk;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const same: Same<Clerk, typeof window.Clerk> = true;
console.log(fromModule, fromTag, same);
