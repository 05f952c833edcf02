import "server-only";
import type { NextAuthOptions, User } from "next-auth";
import { headers } from "next/headers";
import CredentialsProvider from "next-auth/providers/credentials";
import { signInSchema } from "@/lib/auth/schemas";
import { signIn } from "@/lib/auth/accounts";
import { recordAudit } from "@/lib/audit/audit";
import { db } from "@/lib/core/db";
import { clientAddress } from "./client-address";
import { safeRedirectUrl } from "./safe-redirect";
import { REFUSAL_MESSAGES } from "./sign-in-policy";
import { SESSION_ABSOLUTE_SECONDS } from "./session-policy";
import { endSession } from "./user-sessions";
import { OIDC_PROVIDER_ID, oidcProvider, oidcSettings } from "./oidc";
import { signInWithIdentity } from "./oidc-sign-in";

/** The province's identity service, when configured (lib/auth/oidc.ts). */
const oidc = oidcSettings();

export const authOptions: NextAuthOptions = {
  // Sessions are signed JWT cookies naming a server-side session row (`sid`): any app instance can
  // serve any user, and signing out ends the session everywhere at once. The proxy slides the idle
  // timeout; getCurrentUser() re-checks the session and the user row on every request.
  session: { strategy: "jwt", maxAge: SESSION_ABSOLUTE_SECONDS },
  // The sign-in page also explains what went wrong with a sign-in through the identity service.
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "账号密码",
      credentials: { username: { label: "用户名", type: "text" }, password: { label: "密码", type: "password" } },
      async authorize(credentials, request) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const result = await signIn(parsed.data.username, parsed.data.password, clientAddress(request?.headers));
        if (!result.ok) {
          // A lock or a rate limit is said as such; a wrong password is the generic refusal.
          if (result.refusal === "invalid") return null;
          throw new Error(REFUSAL_MESSAGES[result.refusal]);
        }
        const user = result.user;
        return {
          id: String(user.id),
          name: user.displayName,
          role: user.role,
          sessionVersion: user.sessionVersion,
          sessionId: result.sessionId,
        };
      },
    }),
    ...(oidc ? [oidcProvider(oidc)] : []),
  ],
  callbacks: {
    /**
     * An identity-service sign-in becomes the linked local account's (lib/auth/oidc-sign-in.ts):
     * `user`, made from the claims, is filled in with that account and its new session (next-auth
     * hands this same object to the jwt callback), or the sign-in page is shown with the reason.
     */
    async signIn({ user, account, profile }) {
      if (account?.provider !== OIDC_PROVIDER_ID) return true;
      if (!oidc) return false;
      const result = await signInWithIdentity(profile, { settings: oidc, address: clientAddress(await headers()) });
      if (!result.ok) return `/login?error=${result.refusal}`;
      Object.assign(user, {
        id: String(result.user.id),
        name: result.user.displayName,
        role: result.user.role,
        sessionVersion: result.user.sessionVersion,
        sessionId: result.sessionId,
        via: "oidc",
      } satisfies User);
      return true;
    },
    async jwt({ token, user }) {
      if (user) {
        // Only a sign-in that opened a server-side session makes a cookie.
        if (!user.sessionId) throw new Error("a sign-in without a session");
        const now = Math.floor(Date.now() / 1000);
        token.uid = user.id;
        token.role = user.role;
        token.sv = user.sessionVersion;
        token.sid = user.sessionId;
        token.authTime = now;
        token.lastSeen = now;
        if (user.via) token.via = user.via;
      }
      return token;
    },
    async session({ session, token }) {
      session.user = {
        id: token.uid,
        name: token.name ?? "",
        role: token.role,
        sv: token.sv,
        sid: token.sid,
        authTime: token.authTime,
        lastSeen: token.lastSeen,
        via: token.via,
      };
      return session;
    },
    // callbackUrl and every other target next-auth redirects to: this site's own paths only.
    redirect({ url, baseUrl }) {
      return safeRedirectUrl(url, baseUrl);
    },
  },
  events: {
    // The cookie is cleared by next-auth; the session row goes too, so a copy of the cookie is dead.
    async signOut({ token }) {
      const sessionId = typeof token?.sid === "string" ? token.sid : null;
      if (!sessionId || !(await endSession(sessionId))) return;
      const userId = Number(token.uid);
      await db.$transaction((tx) =>
        recordAudit(tx, {
          actorId: Number.isSafeInteger(userId) ? userId : null,
          action: "auth.signout",
          entity: "User",
          entityId: String(token.uid),
          after: {},
        }),
      );
    },
  },
};
