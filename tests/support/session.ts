/**
 * Sessions for integration tests that call route handlers directly. Outside a Next request there
 * are no cookies for next-auth to read, so a test file replaces `getServerSession` with the one
 * below (the claims a signed session cookie would carry); everything after it — the account
 * re-read from the database, the session version, expiry, the permission check and the audit of
 * a denial — runs for real.
 *
 *   vi.mock("next-auth", async (importOriginal) => ({
 *     ...(await importOriginal<typeof import("next-auth")>()),
 *     getServerSession: (await import("../support/session")).getFakeServerSession,
 *   }));
 */
import type { Session } from "next-auth";
import type { seededPrisma } from "./database";

let current: Session | null = null;

export async function getFakeServerSession(): Promise<Session | null> {
  return current;
}

/** The next requests carry a fresh session of `username`. */
export async function signInAs(db: ReturnType<typeof seededPrisma>, username: string): Promise<void> {
  const user = await db.user.findUniqueOrThrow({
    where: { username },
    select: { id: true, displayName: true, role: true, sessionVersion: true },
  });
  const now = Math.floor(Date.now() / 1000);
  // The server-side session a real sign-in opens (lib/auth/user-sessions.ts), named by the cookie.
  const sid = `test-${user.id}-${now}-${Math.random().toString(36).slice(2)}`;
  await db.userSession.create({ data: { id: sid, userId: user.id, expiresAt: new Date((now + 3600) * 1000) } });
  current = {
    expires: new Date((now + 3600) * 1000).toISOString(),
    user: { id: String(user.id), name: user.displayName, role: user.role, sv: user.sessionVersion, sid, authTime: now, lastSeen: now },
  };
}

export function signOut(): void {
  current = null;
}
