import type { Role } from "@/lib/auth/roles";

declare module "next-auth" {
  interface User {
    id: string;
    role: Role;
    sessionVersion: number;
    /** The server-side session opened by this sign-in (UserSession). */
    sessionId: string;
    /** Signed in through the identity service (lib/auth/oidc.ts) rather than with the password. */
    via?: "oidc";
  }
  interface Session {
    user: { id: string; name: string; role: Role; sv: number; sid?: string; authTime: number; lastSeen: number; via?: "oidc" };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid: string;
    role: Role;
    /** Must equal the user's sessionVersion; bumping it signs the user out everywhere. */
    sv: number;
    /** The UserSession row this cookie belongs to; deleted on sign-out, which ends the session.
     *  Absent from a cookie issued before server-side sessions, which therefore counts as signed out. */
    sid?: string;
    authTime: number;
    lastSeen: number;
    /** "oidc": signed in through the identity service, which needs no local password (no forced change). */
    via?: "oidc";
  }
}
