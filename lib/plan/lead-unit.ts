import "server-only";
import { db } from "@/lib/core/db";
import { UserFacingError } from "@/lib/core/errors";
import { lastAudited, updateVersioned } from "@/lib/core/versioned-update";
import { recordAudit } from "@/lib/audit/audit";
import type { SetLeadUnitInput } from "./schemas";

/**
 * Names a task's 牵头单位 where the plan left it open, and sets its review levels; refuses a stale
 * version. Changing or clearing a lead unit once named is an amendment of the plan (计划调整,
 * lib/plan/amendments.ts: reason, document, effective date, history) and is refused here.
 */
export async function setTaskLeadUnit(
  input: Omit<SetLeadUnitInput, "reviewLevels"> & { reviewLevels?: number },
  actorId: number,
): Promise<void> {
  const entityId = String(input.taskNumber);
  await db.$transaction(async (tx) => {
    const task = await tx.task.findUnique({
      where: { number: input.taskNumber },
      select: {
        id: true,
        version: true,
        reviewLevels: true,
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
    // Not given (a caller that only sets the lead unit): the task keeps its levels.
    const reviewLevels = input.reviewLevels ?? task.reviewLevels;
    if (reviewLevels === 2 && !leadUnit) {
      throw new UserFacingError("两级审核需要先指定牵头单位", { reviewLevels: ["请先选择牵头单位，或改为一级审核"] });
    }
    // A stale form is refused below by the versioned write, naming who changed the task.
    if (task.version === input.version && task.leadUnit && task.leadUnit.code !== (leadUnit?.code ?? "")) {
      throw new UserFacingError(
        `${task.leadUnit.shortName}已是该任务的牵头单位。更换或取消牵头单位属于计划调整，请在“计划调整”中填写调整原因、依据文件和生效日期。`,
        { unitCode: ["更换牵头单位请使用计划调整"] },
      );
    }
    await updateVersioned(
      tx,
      "task",
      { where: { id: task.id }, version: input.version },
      { leadUnitId: leadUnit?.id ?? null, reviewLevels },
      {
        lastChange: lastAudited("Task", entityId),
        message: ({ who, when }) => `保存未成功：${who} 已于 ${when} 修改了该任务，请刷新后再试。`,
      },
    );
    await recordAudit(tx, {
      actorId,
      action: "task.setLeadUnit",
      entity: "Task",
      entityId,
      before: { leadUnit: task.leadUnit?.shortName ?? null, reviewLevels: task.reviewLevels, version: input.version },
      after: { leadUnit: leadUnit?.shortName ?? null, reviewLevels, version: input.version + 1 },
    });
  });
}

/** How many review levels a task's reports go through (the admin's form shows it). */
export async function getTaskReviewLevels(taskNumber: number): Promise<number> {
  const task = await db.task.findUnique({ where: { number: taskNumber }, select: { reviewLevels: true } });
  return task?.reviewLevels ?? 1;
}
