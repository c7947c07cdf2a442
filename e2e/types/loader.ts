// A page's script written for the script tag: window.Clerk, typed by the
// loader's clerk.d.ts. Type-checked by e2e/npm-package.test.mjs.
import type {} from "clerk-widget/clerk.js";

window.addEventListener("load", async () => {
  await window.Clerk.load();
  if (window.Clerk.user) {
    const name: string | null = window.Clerk.user.fullName;
    console.log(name, window.Clerk.client?.signedInSessions.length);
    await window.Clerk.mountUserButton(document.getElementById("user-button")!);
  } else {
    window.Clerk.mountSignIn(document.getElementById("sign-in")!);
  }
});
// @ts-expect-error: status is read-only
window.Clerk.status = "ready";
