import "server-only";
import { randomInt } from "node:crypto";
import { db } from "@/lib/core/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { hashPassword } from "@/lib/auth/password";
import type { CreateUserInput, ResetPasswordInput, UpdateUserInput, UserSearch } from "./schemas";
import { unitRuleIssue } from "./schemas";
import { recordAudit } from "@/lib/audit/audit";
import { UserFacingError } from "@/lib/core/errors";
import { lastAudited, staleWriteError } from "@/lib/core/versioned-update";
import { endAllSessions } from "@/lib/auth/user-sessions";

type Tx = Prisma.TransactionClient;

export const USERS_PAGE_SIZE = 50;

/** Accounts matching the admin's search (username, name, or the unit's name or code), one page of them. */
export async function listUsers(search: UserSearch = { page: 1 }) {
  const q = search.q?.trim();
  const where: Prisma.UserWhereInput = q
    ? {
        OR: [
          { username: { contains: q, mode: "insensitive" } },
          { displayName: { contains: q, mode: "insensitive" } },
          { unit: { shortName: { contains: q } } },
          { unit: { name: { contains: q } } },
          { unit: { code: { equals: q.toLowerCase() } } },
        ],
      }
    : {};
  const [total, rows] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({
      where,
      orderBy: [{ role: "asc" }, { username: "asc" }],
      skip: (search.page - 1) * USERS_PAGE_SIZE,
      take: USERS_PAGE_SIZE,
      select: {
        username: true,
        displayName: true,
        role: true,
        active: true,
        lastSignInAt: true,
        mustChangePassword: true,
        unit: { select: { code: true, shortName: true } },
        _count: { select: { identities: true } },
      },
    }),
  ]);
  return { total, page: search.page, pages: Math.max(1, Math.ceil(total / USERS_PAGE_SIZE)), rows };
}

/** The unit a role may be bound to (see unitRuleIssue), looked up by code; refusals name the field. */
async function unitForRole(reader: Tx | typeof db, role: CreateUserInput["role"], unitCode: string) {
  const issue = unitRuleIssue(role, unitCode);
  if (issue) throw new UserFacingError(issue, { unitCode: [issue] });
  if (!unitCode) return null;
  const unit = await reader.unit.findUnique({ where: { code: unitCode }, select: { id: true, shortName: true } });
  if (!unit) throw new UserFacingError("单位不存在", { unitCode: ["请选择有效的单位"] });
  return unit;
}

export async function createUser(input: CreateUserInput, actorId: number | null): Promise<void> {
  const unit = await unitForRole(db, input.role, input.unitCode);
  const passwordHash = await hashPassword(input.password);
  await db.$transaction(async (tx) => {
    const exists = await tx.user.findUnique({ where: { username: input.username }, select: { id: true } });
    if (exists) throw new UserFacingError("用户名已存在", { username: ["该用户名已被使用"] });
    const user = await tx.user.create({
      data: {
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        unitId: unit?.id ?? null,
        passwordHash,
        // An initial password set by someone else must be replaced at first sign-in.
        mustChangePassword: actorId !== null,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId,
      action: "user.create",
      entity: "User",
      entityId: String(user.id),
      after: { username: input.username, displayName: input.displayName, role: input.role, unit: unit?.shortName ?? null },
    });
  });
}

async function accountOf(tx: Tx, username: string) {
  const user = await tx.user.findUnique({
    where: { username },
    select: { id: true, displayName: true, role: true, unitId: true, unit: { select: { code: true, shortName: true } } },
  });
  if (!user) throw new UserFacingError("用户不存在");
  return user;
}

/**
 * Changes an account's name, role and unit. The write is conditioned on the account still having
 * what the admin's form showed, in the same statement (User rows have no version column); a change
 * in between is refused naming who made it. An admin cannot change their own role.
 */
export async function updateUser(input: UpdateUserInput, actorId: number): Promise<void> {
  await db.$transaction(async (tx) => {
    const user = await accountOf(tx, input.username);
    if (user.id === actorId && input.role !== user.role) {
      throw new UserFacingError("不能修改自己的角色", { role: ["不能修改自己的角色"] });
    }
    const unit = await unitForRole(tx, input.role, input.unitCode);
    const wasUnit = input.wasUnitCode ? await tx.unit.findUnique({ where: { code: input.wasUnitCode }, select: { id: true } }) : null;
    const written = await tx.user.updateMany({
      where: { id: user.id, displayName: input.wasDisplayName, role: input.wasRole, unitId: wasUnit?.id ?? null },
      data: { displayName: input.displayName, role: input.role, unitId: unit?.id ?? null },
    });
    if (written.count === 0) {
      throw await staleWriteError(tx, {
        lastChange: lastAudited("User", String(user.id)),
        message: ({ who, when }) => `保存未成功：${who} 已于 ${when} 修改了该账号，请刷新后再试。`,
      });
    }
    await recordAudit(tx, {
      actorId,
      action: "user.update",
      entity: "User",
      entityId: String(user.id),
      before: { username: input.username, displayName: user.displayName, role: user.role, unit: user.unit?.shortName ?? null },
      after: { username: input.username, displayName: input.displayName, role: input.role, unit: unit?.shortName ?? null },
    });
  });
}

const PASSWORD_CLASSES = ["ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnpqrstuvwxyz", "23456789", "#%+=@!?"] as const;

/** 14 characters with every class (no look-alikes such as O/0, l/1), from the OS's random source; meets passwordSchema. */
export function temporaryPassword(length = 14): string {
  const all = PASSWORD_CLASSES.join("");
  const chars = PASSWORD_CLASSES.map((set) => set[randomInt(set.length)]!);
  while (chars.length < length) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join("");
}

/**
 * Sets a temporary password (generated, or the admin's) that must be changed at the next sign-in;
 * every session of the account ends at once. Returns the temporary password to show once; the
 * audit row records the reset, never the password.
 */
export async function resetPassword(input: ResetPasswordInput, actorId: number): Promise<string> {
  const password = input.mode === "set" ? input.password : temporaryPassword();
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { username: input.username }, select: { id: true, passwordHash: true } });
    if (!user) throw new UserFacingError("用户不存在");
    if (user.id === actorId) throw new UserFacingError("不能重置自己的密码，请在“修改密码”页面修改");
    // The old password joins the history, so the user cannot simply choose it again.
    await tx.passwordHistory.create({ data: { userId: user.id, passwordHash: user.passwordHash } });
    await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, mustChangePassword: true, sessionVersion: { increment: 1 } },
    });
    const sessionsEnded = await endAllSessions(tx, user.id);
    await recordAudit(tx, {
      actorId,
      action: "user.password_reset",
      entity: "User",
      entityId: String(user.id),
      after: { username: input.username, generated: input.mode === "generate", mustChangePassword: true, sessionsEnded },
    });
  });
  return password;
}

export async function setUserActive(username: string, active: boolean, actorId: number): Promise<void> {
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { username }, select: { id: true, active: true } });
    if (!user) throw new UserFacingError("用户不存在");
    if (user.id === actorId) throw new UserFacingError("不能停用自己的账号");
    await tx.user.update({
      where: { id: user.id },
      // Deactivating also ends every open session of the account.
      data: { active, sessionVersion: { increment: 1 } },
    });
    await recordAudit(tx, {
      actorId,
      action: active ? "user.activate" : "user.deactivate",
      entity: "User",
      entityId: String(user.id),
      before: { active: user.active },
      after: { active },
    });
  });
}
