import "server-only";
import { db } from "@/lib/core/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { SessionUser } from "@/lib/auth/session";
import { StaleWriteError, UserFacingError } from "@/lib/core/errors";
import { staleWriteError, updateVersioned, type StaleWrite } from "@/lib/core/versioned-update";
import { REPORT_STATUS_LABELS } from "@/lib/status/status-rules";
import { measureListFields, measureSnapshotOf, recordMeasureRevision, type MeasureListRow, type Tx } from "./measure-record";
import { reviewStageOnSubmit } from "@/lib/review/review-chain";
import type { MeasureInput, MeasureListInput } from "./schemas";

/**
 * Writes of a measure list (年度举措清单): the unit's staff save and submit it (to the task's
 * 牵头单位 first when the task has two review levels; its review is in review-measure-list.ts). Every write is a new version (WHERE version = $v), with a
 * MeasureListRevision and an AuditLog row in the same transaction. An accepted list may still be
 * changed, but only with a reason; the change is recorded with it and goes back to review.
 */

/** Offset that moves rows' positions out of the way before they are renumbered (positions are unique per parent). */
const PARKED = 100_000;

export function staleList(listId: number, message: StaleWrite["message"]): StaleWrite {
  return {
    message,
    lastChange: async (tx) => {
      const list = await tx.measureList.findUnique({
        where: { id: listId },
        select: { updatedAt: true, updatedBy: { select: { displayName: true } } },
      });
      return list ? { who: list.updatedBy.displayName, at: list.updatedAt } : null;
    },
  };
}

const saveStale: StaleWrite["message"] = ({ who, when }) =>
  `保存未成功：${who} 已于 ${when} 修改了该举措清单。您填写的内容仍在页面上，请刷新核对后再保存。`;

/** Whether `user` may change the list at all, and whether the change needs a reason (the list is accepted). */
export function measureListEditability(
  user: { role: SessionUser["role"]; unitId: number | null },
  list: { unitId: number; status: keyof typeof REPORT_STATUS_LABELS } | null,
): "editable" | "needs-reason" | "locked" | "forbidden" {
  if (user.role !== "STAFF" || user.unitId === null) return "forbidden";
  if (!list) return "editable";
  if (list.unitId !== user.unitId) return "forbidden";
  if (list.status === "DRAFT" || list.status === "RETURNED") return "editable";
  return list.status === "ACCEPTED" ? "needs-reason" : "locked";
}

/** The task the unit carries, checked; throws in Chinese otherwise. */
async function carriedTask(tx: Tx, user: SessionUser, taskNumber: number) {
  if (user.role !== "STAFF" || user.unitId === null) throw new UserFacingError("只有绑定单位的填报人可以填写举措清单", {}, "FORBIDDEN");
  const task = await tx.task.findUnique({
    where: { number: taskNumber },
    select: {
      id: true,
      number: true,
      reviewLevels: true,
      leadUnitId: true,
      indicators: { select: { indicator: { select: { id: true, code: true } } } },
      units: { where: { unitId: user.unitId }, select: { unitId: true } },
    },
  });
  if (!task) throw new UserFacingError(`任务 ${taskNumber} 不存在`, {}, "NOT_FOUND");
  if (task.units.length === 0)
    throw new UserFacingError(`${user.unitName ?? "本单位"}不承担任务 ${taskNumber}，不能为其填写举措`, {}, "FORBIDDEN");
  return task;
}

/** Creates or updates the unit's list for a task and year; `intent: "submit"` also submits it for review. */
export async function saveMeasureList(input: MeasureListInput, user: SessionUser) {
  try {
    return await db.$transaction((tx) => writeMeasureList(tx, input, user));
  } catch (error) {
    // Two first saves at once: the second insert hits the unique key of task, unit and year.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new StaleWriteError("保存未成功：同单位的其他人刚刚创建了这份举措清单。您填写的内容仍在页面上，请刷新对比后再保存。");
    }
    throw error;
  }
}

export async function writeMeasureList(tx: Tx, input: MeasureListInput, user: SessionUser) {
  const task = await carriedTask(tx, user, input.taskNumber);
  const unitId = user.unitId!;
  const existing = await tx.measureList.findUnique({
    where: { taskId_unitId_year: { taskId: task.id, unitId, year: input.year } },
    select: measureListFields,
  });
  if (existing && existing.version !== input.version) throw await staleWriteError(tx, staleList(existing.id, saveStale));
  if (!existing && input.version !== 0) throw new StaleWriteError("保存未成功：该举措清单已不存在，请刷新后重新填写。");
  const editability = measureListEditability(user, existing);
  if (editability === "locked") throw new UserFacingError(`该举措清单${REPORT_STATUS_LABELS[existing!.status]}，审核完成前不能修改`);
  const changingAccepted = editability === "needs-reason";
  if (changingAccepted && input.reason === "") {
    throw new UserFacingError("该举措清单已通过审核，修改须填写修改原因", { reason: ["请填写修改原因（将记入修改历史）"] });
  }
  const indicatorIdByCode = new Map(task.indicators.map(({ indicator }) => [indicator.code, indicator.id]));
  const indicatorErrors: Record<string, string[]> = {};
  input.measures.forEach((measure, m) =>
    measure.milestones.forEach((milestone, n) => {
      if (milestone.indicator !== null && !indicatorIdByCode.has(milestone.indicator)) {
        indicatorErrors[`m.${m}.ms.${n}.indicator`] = ["该指标不属于本任务"];
      }
    }),
  );
  if (Object.keys(indicatorErrors).length > 0) throw new UserFacingError("未保存：所选指标不属于本任务", indicatorErrors);

  const submit = input.intent === "submit";
  const now = new Date();
  const status = submit ? "SUBMITTED" : existing && !changingAccepted ? existing.status : "DRAFT";
  const fields = {
    role: input.role,
    status,
    reviewStage: submit ? reviewStageOnSubmit(task, unitId) : null,
    updatedById: user.id,
    updatedAt: now,
    ...(submit ? { submittedAt: now } : {}),
  };
  const version = await updateVersioned(
    tx,
    "measureList",
    {
      where: existing ? { id: existing.id } : { taskId: task.id, unitId, year: input.year },
      version: input.version,
      create: { ...fields, taskId: task.id, unitId, year: input.year },
    },
    fields,
    staleList(existing?.id ?? 0, saveStale),
  );
  const list =
    existing ??
    (await tx.measureList.findUniqueOrThrow({
      where: { taskId_unitId_year: { taskId: task.id, unitId, year: input.year } },
      select: measureListFields,
    }));
  await syncMeasures(tx, list.id, existing?.measures ?? [], input.measures, indicatorIdByCode);
  const written = await tx.measureList.findUniqueOrThrow({ where: { id: list.id }, select: measureListFields });
  const action = changingAccepted
    ? "measureList.change"
    : submit
      ? existing?.status === "RETURNED"
        ? "measureList.resubmit"
        : "measureList.submit"
      : "measureList.save";
  await recordMeasureRevision(tx, {
    listId: list.id,
    version,
    action,
    actorId: user.id,
    reason: changingAccepted ? input.reason : null,
    before: existing ? measureSnapshotOf(existing) : null,
    after: measureSnapshotOf(written),
    at: now,
  });
  return { id: list.id, version, status, reviewStage: fields.reviewStage };
}

type StoredMeasure = MeasureListRow["measures"][number];

/**
 * Makes the list's measures and milestones what the form says, keeping the rows the form names by
 * id (a milestone's status, its report and its completion checks stay with it) and removing the
 * ones the user took out.
 */
async function syncMeasures(
  tx: Tx,
  listId: number,
  stored: StoredMeasure[],
  measures: MeasureInput[],
  indicatorIdByCode: Map<string, number>,
) {
  const storedById = new Map(stored.map((measure) => [measure.id, measure]));
  const foreign = measures.some(
    (measure) =>
      (measure.id !== null && !storedById.has(measure.id)) ||
      measure.milestones.some(
        (milestone) => milestone.id !== null && !storedById.get(measure.id ?? 0)?.milestones.some((row) => row.id === milestone.id),
      ),
  );
  if (foreign) throw new StaleWriteError("保存未成功：页面上的举措或节点已被他人删除或移动，请刷新后再保存。");
  const keptMeasures = new Set(measures.flatMap((measure) => (measure.id === null ? [] : [measure.id])));
  await tx.measure.deleteMany({ where: { listId, id: { notIn: [...keptMeasures] } } });
  await tx.measure.updateMany({ where: { listId }, data: { position: { increment: PARKED } } });
  for (const [index, measure] of measures.entries()) {
    const data = {
      position: index + 1,
      text: measure.text,
      responsible: measure.responsible,
      fundsPlanned: measure.fundsPlanned,
      fundsSpent: measure.fundsSpent,
      fundsSource: measure.fundsSource || null,
    };
    const measureId = measure.id === null ? (await tx.measure.create({ data: { ...data, listId }, select: { id: true } })).id : measure.id;
    if (measure.id !== null) await tx.measure.update({ where: { id: measure.id }, data });
    const keptMilestones = measure.milestones.flatMap((milestone) => (milestone.id === null ? [] : [milestone.id]));
    await tx.milestone.deleteMany({ where: { measureId, id: { notIn: keptMilestones } } });
    await tx.milestone.updateMany({ where: { measureId }, data: { position: { increment: PARKED } } });
    for (const [position, milestone] of measure.milestones.entries()) {
      const fields = {
        position: position + 1,
        title: milestone.title,
        plannedDate: new Date(`${milestone.plannedDate}T00:00:00Z`),
        deliverable: milestone.deliverable,
        indicatorId: milestone.indicator === null ? null : indicatorIdByCode.get(milestone.indicator)!,
        targetValue: milestone.targetValue,
      };
      if (milestone.id === null) await tx.milestone.create({ data: { ...fields, measureId } });
      else await tx.milestone.update({ where: { id: milestone.id }, data: fields });
    }
  }
}
