import "server-only";
import { db } from "@/lib/core/db";
import { randomBytes } from "node:crypto";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/roles";
import { PASSWORD_CHANGE_REFUSALS, PASSWORD_HISTORY, type SignInRefusal } from "@/lib/auth/sign-in-policy";
import { checkPasswordUnderLimits, sleep } from "@/lib/auth/password-attempt";
import { createSession, endAllSessions, pruneSessions } from "@/lib/auth/user-sessions";
import { recordAudit } from "@/lib/audit/audit";
import { UserFacingError } from "@/lib/core/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  unitId: number | null;
  unitCode: string | null;
  unitName: string | null;
  sessionVersion: number;
  /** An admin-issued initial password must be changed before anything else. */
  mustChangePassword: boolean;
}

/** The columns a SessionUser is made of (every sign-in path reads the user with them). */
export const sessionUserSelect = {
  id: true,
  username: true,
  displayName: true,
  role: true,
  unitId: true,
  active: true,
  sessionVersion: true,
  mustChangePassword: true,
  unit: { select: { code: true, shortName: true } },
} as const;

export function toSessionUser(row: {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  unitId: number | null;
  sessionVersion: number;
  mustChangePassword: boolean;
  unit: { code: string; shortName: string } | null;
}): SessionUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    unitId: row.unitId,
    unitCode: row.unit?.code ?? null,
    unitName: row.unit?.shortName ?? null,
    sessionVersion: row.sessionVersion,
    mustChangePassword: row.mustChangePassword,
  };
}

export type SignInResult = { ok: true; user: SessionUser; sessionId: string } | { ok: false; refusal: SignInRefusal };

type Tx = Prisma.TransactionClient;

/** One sign-in attempt, by password or through the identity service: its row and its audit entry. */
export interface SignInAttemptRecord {
  /** The name the attempt was made under (what was typed, or the local account of an identity), at most 64 characters. */
  username: string;
  address: string;
  success: boolean;
  at: Date;
  /** The local account, when known. */
  actorId: number | null;
  action: string;
  facts: Record<string, string | number | boolean | null>;
}

/** Records a sign-in attempt (SignInAttempt row and audit entry) in the attempt's transaction. */
export async function recordSignInAttempt(tx: Tx, attempt: SignInAttemptRecord): Promise<void> {
  const username = attempt.username.slice(0, 64);
  await tx.signInAttempt.create({ data: { username, address: attempt.address, success: attempt.success, at: attempt.at } });
  await recordAudit(tx, {
    actorId: attempt.actorId,
    action: attempt.action,
    entity: "User",
    entityId: username,
    after: { address: attempt.address, ...attempt.facts },
  });
}

/**
 * What every successful sign-in does, whatever proved who the person is: notes the moment and opens
 * a server-side session (lib/auth/user-sessions.ts), whose id goes into the session cookie.
 */
export async function openSession(tx: Tx, userId: number, now: Date): Promise<string> {
  await tx.user.update({ where: { id: userId }, data: { lastSignInAt: now } });
  return createSession(tx, userId, now);
}

/** After a successful sign-in: sessions past their lifetime are removed (best effort). */
export async function afterSignIn(now: Date): Promise<void> {
  await pruneSessions(now).catch((error: unknown) => console.error("could not prune expired sessions", error));
}

/**
 * Checks a username and password under the sign-in limits (lib/auth/sign-in-policy.ts): failures
 * are counted per account × address (the lock), per address and per account; a success counts
 * against nothing and opens a server-side session (its id goes into the session cookie). Every
 * attempt is recorded and audited with its address; the reason given to the user never reveals
 * whether the account exists.
 */
export async function signIn(username: string, password: string, address: string, now = new Date(), wait = sleep): Promise<SignInResult> {
  const name = username.slice(0, 64);
  const row = await db.user.findUnique({ where: { username }, select: { ...sessionUserSelect, passwordHash: true } });
  const result = await checkPasswordUnderLimits(
    { username: name, address, now, wait },
    async () => {
      // Verify against a real hash even for unknown users so response time does not reveal them.
      const passwordOk = await verifyPassword(row?.passwordHash ?? (await dummyHash), password);
      if (!row) return { ok: false, reason: "unknown user" };
      if (!passwordOk) return { ok: false, reason: "wrong password" };
      return row.active ? { ok: true } : { ok: false, reason: "inactive" };
    },
    (tx, outcome) =>
      recordSignInAttempt(tx, {
        username: name,
        address,
        success: outcome.success,
        at: now,
        actorId: row?.id ?? null,
        action: outcome.action,
        facts: outcome.facts,
      }),
    (tx) => openSession(tx, row!.id, now),
  );
  if (!result.ok) return result;
  await afterSignIn(now);
  return { ok: true, user: toSessionUser(row!), sessionId: result.value };
}

/** Checks a username and password; null for an unknown user, a wrong password or a disabled account. */
export async function verifyCredentials(username: string, password: string, address = "direct"): Promise<SessionUser | null> {
  const result = await signIn(username, password, address);
  return result.ok ? result.user : null;
}

/**
 * Changes the user's own password: the current one must be right — checked under the same limits
 * as signing in, from the request's address, each wrong one counted and audited — and the new one
 * must meet the policy and differ from the last few; every session of the user ends.
 */
export async function changePassword(
  userId: number,
  current: string,
  next: string,
  address = "direct",
  now = new Date(),
  wait = sleep,
): Promise<void> {
  const row = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      username: true,
      passwordHash: true,
      passwordHistory: { orderBy: { createdAt: "desc" }, take: PASSWORD_HISTORY - 1, select: { id: true, passwordHash: true } },
    },
  });
  const result = await checkPasswordUnderLimits(
    { username: row.username, address, now, wait },
    async () => ((await verifyPassword(row.passwordHash, current)) ? { ok: true } : { ok: false, reason: "wrong current password" }),
    async (tx, outcome) => {
      // The change itself is audited below; what is recorded here is a refused current password.
      if (outcome.success) return;
      const action = outcome.action === "auth.signin_failed" ? "auth.password_change_failed" : outcome.action;
      await recordAudit(tx, {
        actorId: userId,
        action,
        entity: "User",
        entityId: row.username,
        after: { address, during: "password change", ...outcome.facts },
      });
    },
    async () => {},
  );
  if (!result.ok) {
    const message = PASSWORD_CHANGE_REFUSALS[result.refusal];
    throw new UserFacingError(message, { current: [message] });
  }
  const previous = [row.passwordHash, ...row.passwordHistory.map((entry) => entry.passwordHash)];
  for (const hash of previous) {
    if (await verifyPassword(hash, next)) {
      throw new UserFacingError(`新密码不能与最近 ${PASSWORD_HISTORY} 次使用过的密码相同`, {
        password: [`不能与最近 ${PASSWORD_HISTORY} 次的密码相同`],
      });
    }
  }
  const passwordHash = await hashPassword(next);
  await db.$transaction(async (tx) => {
    await tx.passwordHistory.create({ data: { userId, passwordHash: row.passwordHash } });
    await tx.user.update({ where: { id: userId }, data: { passwordHash, mustChangePassword: false, sessionVersion: { increment: 1 } } });
    const sessionsEnded = await endAllSessions(tx, userId);
    await recordAudit(tx, {
      actorId: userId,
      action: "auth.password_change",
      entity: "User",
      entityId: String(userId),
      after: { address, signedOutEverywhere: true, sessionsEnded },
    });
  });
}

/** An active user as stored now, by id (role, unit and active flag may have changed since sign-in). */
export async function findActiveSessionUser(id: number): Promise<SessionUser | null> {
  const row = await db.user.findUnique({ where: { id }, select: sessionUserSelect });
  return row && row.active ? toSessionUser(row) : null;
}

/**
 * The user of an open session: the session row (not signed out, within its lifetime) and the
 * user it belongs to, active, in one query (one statement with the relation joins).
 */
export async function findSessionUser(id: number, sessionId: string, now = new Date()): Promise<SessionUser | null> {
  const session = await db.userSession.findUnique({
    where: { id: sessionId },
    select: { userId: true, expiresAt: true, user: { select: sessionUserSelect } },
  });
  if (!session || session.userId !== id || session.expiresAt <= now || !session.user.active) return null;
  return toSessionUser(session.user);
}

// A hash of a random string nobody knows; only used to spend the same time on unknown users.
const dummyHash = hashPassword(randomBytes(24).toString("base64"));
