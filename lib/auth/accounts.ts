import "server-only";
import { db } from "@/lib/core/db";
import { randomBytes } from "node:crypto";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/roles";
import { afterFailure, PASSWORD_HISTORY, RATE_WINDOW_MINUTES, rateLimited, type SignInRefusal } from "@/lib/auth/sign-in-policy";
import { recordAudit } from "@/lib/audit/audit";
import { UserFacingError } from "@/lib/core/errors";

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

const sessionUserSelect = {
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

function toSessionUser(row: {
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

export type SignInResult = { ok: true; user: SessionUser } | { ok: false; refusal: SignInRefusal };

/**
 * Checks a username and password under the sign-in limits: rate limits per account and address,
 * a lock after consecutive failures. Every attempt is recorded and audited (success, failure,
 * lock, rate limit); the reason given to the user never reveals whether the account exists.
 */
export async function signIn(username: string, password: string, address: string, now = new Date()): Promise<SignInResult> {
  const since = new Date(now.getTime() - RATE_WINDOW_MINUTES * 60_000);
  const [byAccount, byAddress, row] = await Promise.all([
    db.signInAttempt.count({ where: { username, at: { gte: since } } }),
    db.signInAttempt.count({ where: { address, at: { gte: since } } }),
    db.user.findUnique({
      where: { username },
      select: { ...sessionUserSelect, passwordHash: true, failedSignIns: true, lockedUntil: true },
    }),
  ]);
  const record = async (success: boolean, action: string, after: Record<string, unknown>) =>
    db.$transaction(async (tx) => {
      await tx.signInAttempt.create({ data: { username: username.slice(0, 64), address, success, at: now } });
      await recordAudit(tx, {
        actorId: row?.id ?? null,
        action,
        entity: "User",
        entityId: username.slice(0, 64),
        after: { address, ...after },
      });
    });

  if (rateLimited({ byAccount, byAddress })) {
    await record(false, "auth.rate_limited", { byAccount, byAddress });
    return { ok: false, refusal: "rate_limited" };
  }
  if (row?.lockedUntil && row.lockedUntil > now) {
    await record(false, "auth.locked", { lockedUntil: row.lockedUntil.toISOString() });
    return { ok: false, refusal: "locked" };
  }
  // Verify against a real hash even for unknown users so response time does not reveal them.
  const passwordOk = await verifyPassword(row?.passwordHash ?? (await dummyHash), password);
  if (!row || !passwordOk || !row.active) {
    if (row && !passwordOk) {
      const next = afterFailure(row.failedSignIns, now);
      await db.user.update({ where: { id: row.id }, data: { failedSignIns: next.failures, lockedUntil: next.lockedUntil } });
      if (next.lockedUntil) {
        await record(false, "auth.lockout", { lockedUntil: next.lockedUntil.toISOString() });
        return { ok: false, refusal: "locked" };
      }
    }
    await record(false, "auth.signin_failed", { reason: !row ? "unknown user" : !passwordOk ? "wrong password" : "inactive" });
    return { ok: false, refusal: "invalid" };
  }
  await db.user.update({ where: { id: row.id }, data: { lastSignInAt: now, failedSignIns: 0, lockedUntil: null } });
  await record(true, "auth.signin", {});
  return { ok: true, user: toSessionUser(row) };
}

/** Checks a username and password; null for an unknown user, a wrong password or a disabled account. */
export async function verifyCredentials(username: string, password: string, address = "direct"): Promise<SessionUser | null> {
  const result = await signIn(username, password, address);
  return result.ok ? result.user : null;
}

/**
 * Changes the user's own password: the current one must be right, the new one must meet the
 * policy and differ from the last few; every session of the user ends (session version bump).
 */
export async function changePassword(userId: number, current: string, next: string): Promise<void> {
  const row = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      passwordHash: true,
      passwordHistory: { orderBy: { createdAt: "desc" }, take: PASSWORD_HISTORY - 1, select: { id: true, passwordHash: true } },
    },
  });
  if (!(await verifyPassword(row.passwordHash, current))) throw new UserFacingError("当前密码不正确", { current: ["当前密码不正确"] });
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
    await recordAudit(tx, {
      actorId: userId,
      action: "auth.password_change",
      entity: "User",
      entityId: String(userId),
      after: { signedOutEverywhere: true },
    });
  });
}

/** The signed-in user as stored now (role, unit and active flag may have changed since sign-in). */
export async function findActiveSessionUser(id: number): Promise<SessionUser | null> {
  const row = await db.user.findUnique({ where: { id }, select: sessionUserSelect });
  return row && row.active ? toSessionUser(row) : null;
}

// A hash of a random string nobody knows; only used to spend the same time on unknown users.
const dummyHash = hashPassword(randomBytes(24).toString("base64"));
