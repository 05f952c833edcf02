import "server-only";
import { db } from "@/lib/core/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { formatChineseDate, formatIsoDate } from "@/lib/core/dates";
import { UserFacingError } from "@/lib/core/errors";
import { lastAudited, updateVersioned } from "@/lib/core/versioned-update";
import { recordAudit } from "@/lib/audit/audit";
import { z } from "@/lib/core/zod";
import { chinaToday } from "@/lib/core/quarters";
import type { AmendTaskInput } from "./schemas";

/**
 * 计划调整: the admin amends a task's deadline, responsible units or lead unit on the authority of
 * a document, from the effective date the document names. An amendment effective on or before
 * the day it is entered is applied at once; one effective later is recorded as 待生效 and applied
 * by the daily job (applyDueAmendments, run with the status snapshot's preparation soon after
 * midnight China time) on its date, so reports, measures, status and dashboards follow the plan as
 * amended from that day and not before. Applying writes the task (status snapshots are dropped by
 * their triggers on Task and TaskUnit). A pending amendment can be withdrawn (撤销) before its date;
 * one the plan has outgrown meanwhile (the same change made by hand, a lead unit no longer among
 * the responsible units) is not applied and says why.
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
  reviewLevels: true,
  deadlineText: true,
  deadlineDate: true,
  leadUnit: { select: { id: true, code: true, shortName: true } },
  units: { orderBy: { position: "asc" }, select: { position: true, unit: { select: { id: true, code: true, shortName: true } } } },
} as const satisfies Prisma.TaskSelect;
type AmendedTask = Prisma.TaskGetPayload<{ select: typeof amendedTaskSelect }>;

/** One amendment worked out against the task as it is: what it writes and what it records. */
/** What working out an amendment needs besides the task: the change as the admin asked for it. */
type Request<Kind extends AmendmentKind> = Omit<
  Extract<AmendTaskInput, { kind: Kind }>,
  "version" | "reason" | "authority" | "effectiveDate"
>;
type AmendmentRequest = Request<"DEADLINE"> | Request<"UNITS"> | Request<"LEAD_UNIT">;

interface PlannedChange {
  data: Prisma.TaskUncheckedUpdateManyInput;
  before: Json;
  after: Json;
  /** Writes beyond the task row (TaskUnit rows), run after the versioned update succeeded. */
  apply?: (tx: Tx) => Promise<void>;
  message: string;
}

const unchanged = () => new UserFacingError("调整后的内容与现行计划相同，未作调整。");

function deadlineChange(task: AmendedTask, input: Request<"DEADLINE">): PlannedChange {
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

async function unitsChange(tx: Tx, task: AmendedTask, input: Request<"UNITS">): Promise<PlannedChange> {
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

function leadUnitChange(task: AmendedTask, input: Request<"LEAD_UNIT">): PlannedChange {
  let lead: { id: number; shortName: string } | null = null;
  if (input.unitCode) {
    lead = task.units.map((assignment) => assignment.unit).find((unit) => unit.code === input.unitCode) ?? null;
    if (!lead) throw new UserFacingError("牵头单位必须是该任务的责任单位之一", { unitCode: ["请选择该任务的责任单位"] });
  }
  if ((lead?.id ?? null) === (task.leadUnit?.id ?? null)) throw unchanged();
  if (!lead && task.reviewLevels === 2) {
    throw new UserFacingError("该任务实行两级审核，需要牵头单位；请先在任务页改为一级审核，再取消牵头单位。", {
      unitCode: ["两级审核的任务须有牵头单位"],
    });
  }
  return {
    data: { leadUnitId: lead?.id ?? null },
    before: { leadUnit: task.leadUnit?.shortName ?? null },
    after: { leadUnit: lead?.shortName ?? null },
    message: lead ? `已将牵头单位调整为${lead.shortName}。` : "已取消牵头单位。",
  };
}

/** The stored request of a pending amendment (PlanAmendment.after.request). */
const storedRequestSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("DEADLINE"), deadlineDate: z.string(), deadlineText: z.string() }),
  z.object({ kind: z.literal("UNITS"), unitCodes: z.array(z.string()) }),
  z.object({ kind: z.literal("LEAD_UNIT"), unitCode: z.string() }),
]);

function requestOf(input: AmendTaskInput): Json {
  if (input.kind === "DEADLINE") return { kind: input.kind, deadlineDate: input.deadlineDate, deadlineText: input.deadlineText };
  if (input.kind === "UNITS") return { kind: input.kind, unitCodes: input.unitCodes };
  return { kind: input.kind, unitCode: input.unitCode };
}

async function plannedChange(tx: Tx, task: AmendedTask, request: AmendmentRequest): Promise<PlannedChange> {
  if (request.kind === "DEADLINE") return deadlineChange(task, request);
  if (request.kind === "UNITS") return unitsChange(tx, task, request);
  return leadUnitChange(task, request);
}

const dayOf = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);
const pendingWhere = { appliedAt: null, cancelledAt: null, applyError: null } as const;
const staleTask = (entityId: string) => ({
  lastChange: lastAudited("Task", entityId),
  message: ({ who, when }: { who: string; when: string }) => `调整未保存：${who} 已于 ${when} 修改了该任务，请刷新后再试。`,
});

/**
 * Records one amendment in one transaction — the task (versioned: a stale version is refused,
 * naming who changed the task), the PlanAmendment record and the audit row — and applies it at
 * once (its TaskUnit rows too) when it takes effect by `today`. Returns the confirmation for the
 * admin. A second pending amendment of the same kind is refused: it would be judged against a
 * plan that is about to change.
 */
export async function amendTask(input: AmendTaskInput, actorId: number, today = chinaToday(), now = new Date()): Promise<string> {
  const entityId = String(input.taskNumber);
  return db.$transaction(async (tx) => {
    const task = await tx.task.findUnique({ where: { number: input.taskNumber }, select: amendedTaskSelect });
    if (!task) throw new UserFacingError(`任务 ${input.taskNumber} 不存在`, {}, "NOT_FOUND");
    const waiting = await tx.planAmendment.findFirst({
      where: { taskId: task.id, kind: input.kind, ...pendingWhere },
      select: { effectiveDate: true },
    });
    if (waiting) {
      throw new UserFacingError(
        `该任务已有一项待生效的${AMENDMENT_KIND_LABELS[input.kind]}（${formatChineseDate(formatIsoDate(waiting.effectiveDate))}起生效）。请先撤销该项调整，再重新录入。`,
      );
    }
    const change = await plannedChange(tx, task, input);
    const applyNow = input.effectiveDate <= today;
    await updateVersioned(tx, "task", { where: { id: task.id }, version: input.version }, applyNow ? change.data : {}, staleTask(entityId));
    if (applyNow) await change.apply?.(tx);
    const record = { reason: input.reason, authority: input.authority, effectiveDate: input.effectiveDate };
    await tx.planAmendment.create({
      data: {
        taskId: task.id,
        kind: input.kind,
        before: change.before,
        after: { ...change.after, request: requestOf(input) },
        ...record,
        effectiveDate: dayOf(input.effectiveDate),
        appliedAt: applyNow ? now : null,
        createdById: actorId,
      },
    });
    await recordAudit(tx, {
      actorId,
      action: "task.amend",
      entity: "Task",
      entityId,
      before: { ...change.before, version: input.version },
      after: { ...change.after, ...record, pending: !applyNow, version: input.version + 1 },
    });
    const from = formatChineseDate(input.effectiveDate);
    if (applyNow) return `${change.message}调整自 ${from} 起生效（已执行）。`;
    const what = amendmentChangeText({ kind: input.kind, before: readSide(change.before), after: readSide(change.after) });
    return `已登记${AMENDMENT_KIND_LABELS[input.kind]}：${what}。将于 ${from} 起自动执行，此前仍按现行计划（待生效）。`;
  });
}

/**
 * Applies every pending amendment whose effective date has come, oldest date first, each in its
 * own transaction. Each is claimed by a conditional update, so several instances running the
 * daily job apply it once; a stale task (edited in the same moment) rolls the claim back and the
 * next run retries. One the plan has outgrown is kept with the reason (applyError), audited.
 * Returns how many were applied.
 */
export async function applyDueAmendments(today = chinaToday(), now = new Date()): Promise<number> {
  const due = await db.planAmendment.findMany({
    where: { ...pendingWhere, effectiveDate: { lte: dayOf(today) } },
    orderBy: [{ effectiveDate: "asc" }, { id: "asc" }],
    select: { id: true, after: true, createdById: true, task: { select: { number: true } } },
  });
  let applied = 0;
  for (const amendment of due) {
    const entityId = String(amendment.task.number);
    const done = await db.$transaction(async (tx) => {
      const claimed = await tx.planAmendment.updateMany({ where: { id: amendment.id, ...pendingWhere }, data: { appliedAt: now } });
      if (claimed.count === 0) return false;
      const task = await tx.task.findUniqueOrThrow({
        where: { number: amendment.task.number },
        select: { ...amendedTaskSelect, version: true },
      });
      const stored = storedRequestSchema.safeParse((amendment.after as { request?: unknown } | null)?.request);
      let change: PlannedChange;
      try {
        if (!stored.success) throw new UserFacingError("调整记录不完整，无法执行");
        change = await plannedChange(tx, task, { ...stored.data, taskNumber: amendment.task.number });
      } catch (error) {
        if (!(error instanceof UserFacingError)) throw error;
        await tx.planAmendment.update({ where: { id: amendment.id }, data: { appliedAt: null, applyError: error.message } });
        await recordAudit(tx, {
          actorId: amendment.createdById,
          action: "task.amend_failed",
          entity: "Task",
          entityId,
          before: { version: task.version },
          after: { amendment: amendment.id, applyError: error.message },
        });
        return false;
      }
      await updateVersioned(tx, "task", { where: { id: task.id }, version: task.version }, change.data, staleTask(entityId));
      await change.apply?.(tx);
      await recordAudit(tx, {
        actorId: amendment.createdById,
        action: "task.amend_applied",
        entity: "Task",
        entityId,
        before: { ...change.before, version: task.version },
        after: { ...change.after, amendment: amendment.id, version: task.version + 1 },
      });
      return true;
    });
    if (done) applied += 1;
  }
  return applied;
}

/** Withdraws (撤销) a pending amendment before its date; an applied or withdrawn one is refused. */
export async function cancelAmendment(input: { taskNumber: number; amendmentId: number }, actorId: number, now = new Date()) {
  return db.$transaction(async (tx) => {
    const amendment = await tx.planAmendment.findFirst({
      where: { id: input.amendmentId, task: { number: input.taskNumber } },
      select: { id: true, kind: true, effectiveDate: true, before: true, after: true },
    });
    if (!amendment) throw new UserFacingError("该调整记录不存在", {}, "NOT_FOUND");
    const cancelled = await tx.planAmendment.updateMany({ where: { id: amendment.id, ...pendingWhere }, data: { cancelledAt: now } });
    if (cancelled.count === 0) throw new UserFacingError("该调整已执行或已撤销，无法撤销。请刷新页面查看最新状态。", {}, "CONFLICT");
    const effectiveDate = formatIsoDate(amendment.effectiveDate);
    await recordAudit(tx, {
      actorId,
      action: "task.amend_cancel",
      entity: "Task",
      entityId: String(input.taskNumber),
      before: { amendment: amendment.id, effectiveDate, pending: true },
      after: { amendment: amendment.id, cancelled: true },
    });
    const what = amendmentChangeText({ kind: amendment.kind, before: readSide(amendment.before), after: readSide(amendment.after) });
    return `已撤销待生效的${AMENDMENT_KIND_LABELS[amendment.kind]}（${what}，原定 ${formatChineseDate(effectiveDate)} 生效）。`;
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
const readSide = (value: unknown): AmendedPlan => amendedPlanSchema.catch({}).parse(value);

/** Where an amendment stands: applied to the plan, waiting for its date, withdrawn, or outgrown by the plan. */
export type AmendmentState = "APPLIED" | "PENDING" | "CANCELLED" | "NOT_APPLIED";

export const AMENDMENT_STATE_LABELS: Record<AmendmentState, string> = {
  APPLIED: "已执行",
  PENDING: "待生效",
  CANCELLED: "已撤销",
  NOT_APPLIED: "未执行",
};

export interface AmendmentView {
  id: number;
  kind: AmendmentKind;
  state: AmendmentState;
  appliedAt: Date | null;
  /** Why it was not applied (state NOT_APPLIED). */
  applyError: string | null;
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
      appliedAt: true,
      cancelledAt: true,
      applyError: true,
      createdAt: true,
      createdBy: { select: { displayName: true } },
    },
  });
  return rows.map(({ cancelledAt, ...row }) => ({
    ...row,
    state: row.appliedAt ? "APPLIED" : cancelledAt ? "CANCELLED" : row.applyError ? "NOT_APPLIED" : "PENDING",
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
