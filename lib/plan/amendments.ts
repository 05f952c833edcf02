import "server-only";
import { db } from "@/lib/core/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { formatChineseDate, formatIsoDate } from "@/lib/core/dates";
import { UserFacingError } from "@/lib/core/errors";
import { lastAudited, updateVersioned } from "@/lib/core/versioned-update";
import { recordAudit } from "@/lib/audit/audit";
import { z } from "@/lib/core/zod";
import type { AmendTaskInput } from "./schemas";

/**
 * 计划调整: the admin amends a task's deadline, responsible units or lead unit on the authority of
 * a document. The change is applied at once — reports, status and dashboards follow the amended
 * plan from the moment it is saved (the status snapshots are dropped by their triggers on Task and
 * TaskUnit) — and the effective date the document names is recorded with it, not scheduled: a
 * delayed application would leave the plan on screen disagreeing with the rows that drive it.
 *
 * A unit taken off a task keeps the reports it already made: they are the record of work done
 * under the plan as it stood (and may have been accepted and counted), so the office reads them on
 * as before; the unit simply owes no further report on the task.
 */

export type AmendmentKind = AmendTaskInput["kind"];

export const AMENDMENT_KIND_LABELS: Record<AmendmentKind, string> = {
  DEADLINE: "调整完成时限",
  UNITS: "调整责任单位",
  LEAD_UNIT: "调整牵头单位",
};

/** The plan's reporting starts in 2024Q3 and its horizon is 2035. */
const EARLIEST_DEADLINE = "2024-07-01";
const LATEST_DEADLINE = "2035-12-31";

type Tx = Prisma.TransactionClient;
type Json = Prisma.InputJsonObject;

const amendedTaskSelect = {
  id: true,
  deadlineText: true,
  deadlineDate: true,
  leadUnit: { select: { id: true, code: true, shortName: true } },
  units: { orderBy: { position: "asc" }, select: { position: true, unit: { select: { id: true, code: true, shortName: true } } } },
} as const satisfies Prisma.TaskSelect;
type AmendedTask = Prisma.TaskGetPayload<{ select: typeof amendedTaskSelect }>;

/** One amendment worked out against the task as it is: what it writes and what it records. */
interface PlannedChange {
  data: Prisma.TaskUncheckedUpdateManyInput;
  before: Json;
  after: Json;
  /** Writes beyond the task row (TaskUnit rows), run after the versioned update succeeded. */
  apply?: (tx: Tx) => Promise<void>;
  message: string;
}

const unchanged = () => new UserFacingError("调整后的内容与现行计划相同，未作调整。");

function deadlineChange(task: AmendedTask, input: Extract<AmendTaskInput, { kind: "DEADLINE" }>): PlannedChange {
  if (input.deadlineDate < EARLIEST_DEADLINE || input.deadlineDate > LATEST_DEADLINE) {
    throw new UserFacingError("完成时限须在 2024年7月1日 至 2035年12月31日 之间", {
      deadlineDate: ["完成时限须在 2024年7月1日 至 2035年12月31日 之间"],
    });
  }
  const before = { deadlineText: task.deadlineText, deadlineDate: formatIsoDate(task.deadlineDate) };
  if (before.deadlineDate === input.deadlineDate && before.deadlineText === input.deadlineText) throw unchanged();
  return {
    data: { deadlineDate: new Date(`${input.deadlineDate}T00:00:00Z`), deadlineText: input.deadlineText },
    before,
    after: { deadlineText: input.deadlineText, deadlineDate: input.deadlineDate },
    message: `已将完成时限调整为${input.deadlineText}（${formatChineseDate(input.deadlineDate)}）。`,
  };
}

async function unitsChange(tx: Tx, task: AmendedTask, input: Extract<AmendTaskInput, { kind: "UNITS" }>): Promise<PlannedChange> {
  const wanted = [...new Set(input.unitCodes)];
  if (wanted.length === 0) throw new UserFacingError("任务至少要有一个责任单位", { unitCodes: ["请至少选择一个责任单位"] });
  const found = await tx.unit.findMany({ where: { code: { in: wanted } }, select: { id: true, code: true, shortName: true } });
  if (found.length !== wanted.length) throw new UserFacingError("所选单位中有不存在的单位", { unitCodes: ["请从列表中选择单位"] });
  const current = task.units.map((assignment) => assignment.unit);
  const removed = current.filter((unit) => !wanted.includes(unit.code));
  const added = found.filter((unit) => !current.some((existing) => existing.code === unit.code));
  if (removed.length === 0 && added.length === 0) throw unchanged();
  if (task.leadUnit && removed.some((unit) => unit.id === task.leadUnit?.id)) {
    throw new UserFacingError(`${task.leadUnit.shortName}是该任务的牵头单位，不能移出责任单位；请先调整牵头单位。`, {
      unitCodes: ["不能移出牵头单位"],
    });
  }
  const keptReports = removed.length
    ? await tx.progressReport.groupBy({
        by: ["unitId"],
        where: { taskId: task.id, unitId: { in: removed.map((unit) => unit.id) } },
        _count: { _all: true },
      })
    : [];
  const reportsOf = new Map(keptReports.map((row) => [row.unitId, row._count._all]));
  const nextPosition = Math.max(0, ...task.units.map((assignment) => assignment.position)) + 1;
  const afterUnits = [...current.filter((unit) => !removed.includes(unit)), ...added];
  const parts = [
    added.length ? `增加 ${added.map((unit) => unit.shortName).join("、")}` : "",
    removed.length
      ? `移出 ${removed.map((unit) => (reportsOf.get(unit.id) ? `${unit.shortName}（已有 ${reportsOf.get(unit.id)} 份进展报告，予以保留）` : unit.shortName)).join("、")}`
      : "",
  ].filter(Boolean);
  return {
    data: {},
    before: { units: current.map((unit) => unit.shortName) },
    after: { units: afterUnits.map((unit) => unit.shortName) },
    apply: async (writer) => {
      if (removed.length) {
        await writer.taskUnit.deleteMany({ where: { taskId: task.id, unitId: { in: removed.map((unit) => unit.id) } } });
      }
      if (added.length) {
        await writer.taskUnit.createMany({
          data: added.map((unit, index) => ({ taskId: task.id, unitId: unit.id, position: nextPosition + index })),
        });
      }
    },
    message: `已调整责任单位：${parts.join("；")}。`,
  };
}

function leadUnitChange(task: AmendedTask, input: Extract<AmendTaskInput, { kind: "LEAD_UNIT" }>): PlannedChange {
  let lead: { id: number; shortName: string } | null = null;
  if (input.unitCode) {
    lead = task.units.map((assignment) => assignment.unit).find((unit) => unit.code === input.unitCode) ?? null;
    if (!lead) throw new UserFacingError("牵头单位必须是该任务的责任单位之一", { unitCode: ["请选择该任务的责任单位"] });
  }
  if ((lead?.id ?? null) === (task.leadUnit?.id ?? null)) throw unchanged();
  return {
    data: { leadUnitId: lead?.id ?? null },
    before: { leadUnit: task.leadUnit?.shortName ?? null },
    after: { leadUnit: lead?.shortName ?? null },
    message: lead ? `已将牵头单位调整为${lead.shortName}。` : "已取消牵头单位。",
  };
}

/**
 * Applies one amendment in one transaction: the task (versioned: a stale version is refused,
 * naming who changed the task), its TaskUnit rows, the PlanAmendment record and the audit row.
 * Returns the confirmation for the admin.
 */
export async function amendTask(input: AmendTaskInput, actorId: number): Promise<string> {
  const entityId = String(input.taskNumber);
  return db.$transaction(async (tx) => {
    const task = await tx.task.findUnique({ where: { number: input.taskNumber }, select: amendedTaskSelect });
    if (!task) throw new UserFacingError(`任务 ${input.taskNumber} 不存在`, {}, "NOT_FOUND");
    const change =
      input.kind === "DEADLINE"
        ? deadlineChange(task, input)
        : input.kind === "UNITS"
          ? await unitsChange(tx, task, input)
          : leadUnitChange(task, input);
    await updateVersioned(tx, "task", { where: { id: task.id }, version: input.version }, change.data, {
      lastChange: lastAudited("Task", entityId),
      message: ({ who, when }) => `调整未保存：${who} 已于 ${when} 修改了该任务，请刷新后再试。`,
    });
    await change.apply?.(tx);
    const record = { reason: input.reason, authority: input.authority, effectiveDate: input.effectiveDate };
    await tx.planAmendment.create({
      data: {
        taskId: task.id,
        kind: input.kind,
        before: change.before,
        after: change.after,
        ...record,
        effectiveDate: new Date(`${input.effectiveDate}T00:00:00Z`),
        createdById: actorId,
      },
    });
    await recordAudit(tx, {
      actorId,
      action: "task.amend",
      entity: "Task",
      entityId,
      before: { ...change.before, version: input.version },
      after: { ...change.after, ...record, version: input.version + 1 },
    });
    return `${change.message}调整自 ${formatChineseDate(input.effectiveDate)} 起生效（保存即已执行）。`;
  });
}

/** One side of a stored amendment (PlanAmendment.before/after): the part of the plan it changed. */
const amendedPlanSchema = z.object({
  deadlineText: z.string().optional(),
  deadlineDate: z.string().optional(),
  units: z.array(z.string()).optional(),
  leadUnit: z.string().nullable().optional(),
});
export type AmendedPlan = z.infer<typeof amendedPlanSchema>;
const readSide = (value: Prisma.JsonValue): AmendedPlan => amendedPlanSchema.catch({}).parse(value);

export interface AmendmentView {
  id: number;
  kind: AmendmentKind;
  before: AmendedPlan;
  after: AmendedPlan;
  reason: string;
  authority: string;
  effectiveDate: string;
  createdAt: Date;
  createdBy: string;
}

/** A task's amendments, oldest first (the order they were made in). */
export async function listTaskAmendments(taskNumber: number): Promise<AmendmentView[]> {
  const rows = await db.planAmendment.findMany({
    where: { task: { number: taskNumber } },
    orderBy: { id: "asc" },
    select: {
      id: true,
      kind: true,
      before: true,
      after: true,
      reason: true,
      authority: true,
      effectiveDate: true,
      createdAt: true,
      createdBy: { select: { displayName: true } },
    },
  });
  return rows.map((row) => ({
    ...row,
    before: readSide(row.before),
    after: readSide(row.after),
    effectiveDate: formatIsoDate(row.effectiveDate),
    createdBy: row.createdBy.displayName,
  }));
}

/** What an amendment changed, in words: "2027年底前（2027年12月31日） → 2026年底前（2026年12月31日）". */
export function amendmentChangeText({ kind, before, after }: Pick<AmendmentView, "kind" | "before" | "after">): string {
  if (kind === "DEADLINE") {
    const text = (side: AmendedPlan) => (side.deadlineDate ? `${side.deadlineText ?? ""}（${formatChineseDate(side.deadlineDate)}）` : "—");
    return `${text(before)} → ${text(after)}`;
  }
  if (kind === "LEAD_UNIT") return `${before.leadUnit ?? "未指定"} → ${after.leadUnit ?? "未指定"}`;
  const old = before.units ?? [];
  const now = after.units ?? [];
  const added = now.filter((unit) => !old.includes(unit));
  const removed = old.filter((unit) => !now.includes(unit));
  return [added.length ? `增加 ${added.join("、")}` : "", removed.length ? `移出 ${removed.join("、")}` : ""].filter(Boolean).join("；");
}

/** How many amendments each task has had (task number → count), for the admin's list. */
export async function countAmendmentsByTask(): Promise<Map<number, number>> {
  const rows = await db.$queryRaw<{ number: number; count: number }[]>`
    SELECT t.number, COUNT(*)::int AS count FROM "PlanAmendment" a JOIN "Task" t ON t.id = a."taskId" GROUP BY t.number`;
  return new Map(rows.map((row) => [row.number, row.count]));
}
