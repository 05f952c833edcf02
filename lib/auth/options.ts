import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { signInSchema } from "@/lib/auth/schemas";
import { signIn } from "@/lib/auth/accounts";
import { clientAddress, REFUSAL_MESSAGES } from "./sign-in-policy";
import { SESSION_ABSOLUTE_SECONDS } from "./session-policy";

export const authOptions: NextAuthOptions = {
  // Sessions are signed JWT cookies: no server memory, so any app instance can serve any user.
  // The proxy slides the idle timeout; requireUser() re-checks the user row on every request.
  session: { strategy: "jwt", maxAge: SESSION_ABSOLUTE_SECONDS },
  pages: { signIn: "/login" },
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
        return { id: String(user.id), name: user.displayName, role: user.role, sessionVersion: user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        const now = Math.floor(Date.now() / 1000);
        token.uid = user.id;
        token.role = user.role;
        token.sv = user.sessionVersion;
        token.authTime = now;
        token.lastSeen = now;
      }
      return token;
    },
    async session({ session, token }) {
      session.user = {
        id: token.uid,
        name: token.name ?? "",
        role: token.role,
        sv: token.sv,
        authTime: token.authTime,
        lastSeen: token.lastSeen,
      };
      return session;
    },
  },
};
