import type { Role } from "@/lib/auth/roles";

declare module "next-auth" {
  interface User {
    id: string;
    role: Role;
    sessionVersion: number;
  }
  interface Session {
    user: { id: string; name: string; role: Role; sv: number; authTime: number; lastSeen: number };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid: string;
    role: Role;
    /** Must equal the user's sessionVersion; bumping it signs the user out everywhere. */
    sv: number;
    authTime: number;
    lastSeen: number;
  }
}
