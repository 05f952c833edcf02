import "server-only";
import { db } from "@/lib/core/db";
import { hashPassword } from "@/lib/auth/password";
import type { CreateUserInput } from "./schemas";
import { recordAudit } from "@/lib/audit/audit";
import { UserFacingError } from "@/lib/core/errors";
import { ROLE_LABELS } from "@/lib/auth/roles";

export async function listUsers() {
  return db.user.findMany({
    orderBy: [{ role: "asc" }, { username: "asc" }],
    select: {
      username: true,
      displayName: true,
      role: true,
      active: true,
      lastSignInAt: true,
      unit: { select: { code: true, shortName: true } },
    },
  });
}

export async function createUser(input: CreateUserInput, actorId: number | null): Promise<void> {
  const unit = input.unitCode ? await db.unit.findUnique({ where: { code: input.unitCode }, select: { id: true, shortName: true } }) : null;
  if (input.unitCode && !unit) throw new UserFacingError("单位不存在", { unitCode: ["请选择有效的单位"] });
  if (input.role !== "STAFF" && input.role !== "REVIEWER" && unit) {
    throw new UserFacingError(`${ROLE_LABELS[input.role]}不绑定单位`, { unitCode: ["该角色不绑定单位"] });
  }
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
