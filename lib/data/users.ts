import "server-only";
import { db } from "@/lib/db";
import { randomBytes } from "node:crypto";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/roles";

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  unitId: number | null;
  unitCode: string | null;
  unitName: string | null;
  sessionVersion: number;
}

const sessionUserSelect = {
  id: true,
  username: true,
  displayName: true,
  role: true,
  unitId: true,
  active: true,
  sessionVersion: true,
  unit: { select: { code: true, shortName: true } },
} as const;

function toSessionUser(row: {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  unitId: number | null;
  sessionVersion: number;
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
  };
}

/** Checks a username and password; null for an unknown user, a wrong password or a disabled account. */
export async function verifyCredentials(username: string, password: string): Promise<SessionUser | null> {
  const row = await db.user.findUnique({
    where: { username },
    select: { ...sessionUserSelect, passwordHash: true },
  });
  // Verify against a real hash even for unknown users so response time does not reveal them.
  const ok = await verifyPassword(row?.passwordHash ?? (await dummyHash), password);
  if (!row || !ok || !row.active) return null;
  await db.user.update({ where: { id: row.id }, data: { lastSignInAt: new Date() } });
  return toSessionUser(row);
}

/** The signed-in user as stored now (role, unit and active flag may have changed since sign-in). */
export async function findActiveSessionUser(id: number): Promise<SessionUser | null> {
  const row = await db.user.findUnique({ where: { id }, select: sessionUserSelect });
  return row && row.active ? toSessionUser(row) : null;
}

// A hash of a random string nobody knows; only used to spend the same time on unknown users.
const dummyHash = hashPassword(randomBytes(24).toString("base64"));
