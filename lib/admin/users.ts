import "server-only";
import { db } from "@/lib/core/db";
import { hashPassword } from "@/lib/auth/password";
import type { CreateUserInput, SetLeadUnitInput } from "@/lib/admin/schemas";
import { lastChangeOf, recordAudit } from "../audit/audit";
import { StaleWriteError, UserFacingError } from "../core/errors";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { formatChinaTime } from "@/lib/core/dates";

/** Marks (or clears, with an empty code) a task's 牵头单位; refuses a stale version. */
export async function setTaskLeadUnit(input: SetLeadUnitInput, actorId: number): Promise<void> {
  const entityId = String(input.taskNumber);
  const stale = await db.$transaction(async (tx) => {
    const task = await tx.task.findUnique({
      where: { number: input.taskNumber },
      select: {
        id: true,
        version: true,
        leadUnit: { select: { code: true, shortName: true } },
        units: { select: { unit: { select: { id: true, code: true, shortName: true } } } },
      },
    });
    if (!task) throw new UserFacingError(`任务 ${input.taskNumber} 不存在`);
    let leadUnit: { id: number; code: string; shortName: string } | null = null;
    if (input.unitCode) {
      leadUnit = task.units.map((assignment) => assignment.unit).find((unit) => unit.code === input.unitCode) ?? null;
      if (!leadUnit) {
        throw new UserFacingError("牵头单位必须是该任务的责任单位之一", { unitCode: ["请选择该任务的责任单位"] });
      }
    }
    const updated = await tx.task.updateMany({
      where: { id: task.id, version: input.version },
      data: { leadUnitId: leadUnit?.id ?? null, version: { increment: 1 } },
    });
    if (updated.count === 0) return true;
    await recordAudit(tx, {
      actorId,
      action: "task.setLeadUnit",
      entity: "Task",
      entityId,
      before: { leadUnit: task.leadUnit?.shortName ?? null, version: task.version },
      after: { leadUnit: leadUnit?.shortName ?? null, version: task.version + 1 },
    });
    return false;
  });
  if (stale) {
    const change = await lastChangeOf("Task", entityId);
    const who = change?.actor?.displayName ?? "其他用户";
    const when = change ? formatChinaTime(change.at) : "刚才";
    throw new StaleWriteError(`保存未成功：${who} 已于 ${when} 修改了该任务，请刷新后再试。`);
  }
}

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
  const unit = input.unitCode
    ? await db.unit.findUnique({ where: { code: input.unitCode }, select: { id: true, shortName: true } })
    : null;
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
