import "server-only";
/**
 * Server-side sessions. The session cookie stays a signed next-auth JWT (any instance can read
 * it), but it names a "UserSession" row by its `sid` claim, and a request counts as signed in only
 * while that row exists (checked in the query that loads the user, lib/auth/accounts.ts). Signing
 * out deletes the row, so a copied cookie stops working at once; a password change deletes every
 * row of the user.
 */
import { randomBytes } from "node:crypto";
import { db } from "@/lib/core/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { SESSION_ABSOLUTE_SECONDS } from "./session-policy";

type Tx = Prisma.TransactionClient;

/** A new session of `userId`, valid for the absolute session lifetime; returns its id (the `sid`). */
export async function createSession(tx: Tx, userId: number, now: Date): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  await tx.userSession.create({
    data: { id, userId, createdAt: now, expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_SECONDS * 1000) },
  });
  return id;
}

/** Ends one session (sign-out); true when it was still open. */
export async function endSession(sessionId: string): Promise<boolean> {
  const { count } = await db.userSession.deleteMany({ where: { id: sessionId } });
  return count > 0;
}

/** Ends every session of a user (password change), inside the change's transaction. */
export async function endAllSessions(tx: Tx, userId: number): Promise<number> {
  const { count } = await tx.userSession.deleteMany({ where: { userId } });
  return count;
}

/**
 * Drops up to 100 sessions past their absolute lifetime, skipping rows another request holds:
 * cheap enough to run after every successful sign-in, which is what creates them.
 */
export async function pruneSessions(now: Date): Promise<void> {
  await db.$executeRaw`
    DELETE FROM "UserSession" WHERE "id" IN (
      SELECT "id" FROM "UserSession" WHERE "expiresAt" <= ${now} LIMIT 100 FOR UPDATE SKIP LOCKED)`;
}
