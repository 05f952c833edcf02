import "server-only";
import { db } from "@/lib/core/db";
import { formatChinaTime } from "@/lib/core/dates";
import { StaleWriteError, UserFacingError } from "@/lib/core/errors";
import { lastChangeOf, recordAudit } from "@/lib/audit/audit";
import type { SetLeadUnitInput } from "./schemas";

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
