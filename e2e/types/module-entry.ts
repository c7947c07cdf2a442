// A bundler app written against @clerk/clerk-js's documented API, importing
// the module entry of the installed package. Type-checked by
// e2e/npm-package.test.mjs with `tsc --strict`; each @ts-expect-error line
// must be an error, so the check fails when the types become too loose.
import { Clerk, type ClerkAPIError, type UserResource, type SessionWithActivitiesResource } from "clerk-widget";

const clerk = new Clerk("pk_test_MTI3LjAuMC4xOjMwMDAk", { proxyUrl: "/" });
await clerk.load({ afterSignOutUrl: "/", appearance: { baseTheme: "dark", variables: { colorPrimary: "#0b7a3e" } } });

const status: "loading" | "ready" | "degraded" | "error" = clerk.status;
const loaded: boolean = clerk.loaded;
if (clerk.isSignedIn && clerk.user) {
  const user: UserResource = clerk.user;
  const first: string | null = user.firstName;
  const email: string | undefined = user.primaryEmailAddress?.emailAddress;
  const created: Date = user.createdAt;
  const token: string | null = (await clerk.session?.getToken()) ?? null;
  const claims = clerk.session?.lastActiveToken?.jwt.claims;
  const sessions: SessionWithActivitiesResource[] = await user.getSessions();
  const browser: string | null | undefined = sessions[0]?.latestActivity?.browserName;
  await sessions[0]?.revoke();
  await user.update({ firstName: "Ada" });
  await user.updatePassword({ currentPassword: "old", newPassword: "new", signOutOfOtherSessions: true });
  const again: UserResource = await user.reload();
  console.log(status, loaded, first, email, created, token, claims?.sid, browser, again.fullName);
}
await clerk.mountUserButton(document.createElement("div"), {
  showName: true,
  userProfileMode: "modal",
  customMenuItems: [
    { label: "Help", onClick: () => console.log("help"), mountIcon: (el) => { el.textContent = "?"; } },
    { label: "Billing", href: "/billing" },
    { label: "signOut" },
  ],
});
clerk.addListener(({ session }) => console.log(session?.id), { skipInitialEmit: true });
clerk.on("status", (next) => console.log(next), { notify: true });
try {
  await clerk.signOut(() => Promise.resolve(), { redirectUrl: "/" });
} catch (err) {
  const first = (err as { errors: ClerkAPIError[] }).errors[0];
  console.log(first?.code, first?.longMessage);
}
const signInUrl: string = clerk.buildSignInUrl();
console.log(signInUrl);

// @ts-expect-error: getters are read-only
clerk.isSignedIn = true;
// @ts-expect-error: the publishable key is a string
new Clerk(42);
// @ts-expect-error: userProfileMode is "modal" or "navigation"
clerk.mountUserButton(document.createElement("div"), { userProfileMode: "popup" });
// @ts-expect-error: baseTheme is "light", "dark" or "auto"
clerk.mountSignIn(document.createElement("div"), { appearance: { baseTheme: "sepia" } });
// @ts-expect-error: a custom row is an action or a link, not both
clerk.mountUserButton(document.createElement("div"), { customMenuItems: [{ label: "Help", href: "/h", onClick: () => {} }] });
// @ts-expect-error: on() knows only "status"
clerk.on("loaded", () => {});
