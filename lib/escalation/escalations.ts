import "server-only";
import { db } from "@/lib/core/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { SessionUser } from "@/lib/auth/accounts";
import { formatChineseDate, formatIsoDate } from "@/lib/core/dates";
import { AppError, UserFacingError } from "@/lib/core/errors";
import {
  chinaToday,
  compareQuarters,
  formatQuarter,
  quarterLabel,
  quarterOfDate,
  windowCloseDate,
  type Quarter,
} from "@/lib/core/quarters";
import { lastAudited, staleWriteError, updateVersioned, type StaleWrite } from "@/lib/core/versioned-update";
import { recordAudit } from "@/lib/audit/audit";
import { getWindowSetting } from "@/lib/admin/settings";
import { reportingCounts } from "@/lib/reminders/reminders";
import { REPORT_STATUS_LABELS } from "@/lib/status/status-rules";
import { notify, settleNotices, usersOfUnit } from "@/lib/notices/notify";
import {
  allowedNextSteps,
  canManageEscalation,
  canReadEscalation,
  canRespondEscalation,
  documentNumber,
  documentNumberPrefix,
  ESCALATION_STEPS,
  escalationScope,
  latenessText,
  nextStepRefusal,
  STEP_LABELS,
  stepLevel,
  subjectText,
  type EscalationStepName,
} from "./rules";
import type { CloseInput, EscalateInput, EscalationFilters, RespondInput } from "./schemas";
import type { NoticeFacts } from "./escalation-text";

/**
 * 督办 (the escalation ladder) in the database: 省生态环境厅 moves a lagging unit up from 催办 to
 * 挂牌督办 on a task, a quarter or both; each step is one Escalation row linked to the step it
 * follows. Moving up closes the open step ("升级为…") in the same transaction; the unit records
 * its 落实情况 on the open step; the reviewer closes it with the outcome. Every write is versioned,
 * audited and notified (urgent, to the unit's staff and 单位负责人) in one transaction; every read
 * is limited to what the viewer may see (rules.ts).
 */

type Tx = Prisma.TransactionClient;

/** The record a step's notices ask the unit to act on: acting on it (or closing it) settles them. */
const noticeSubject = (id: number) => `Escalation:${id}`;

const stepSelect = {
  id: true,
  step: true,
  reason: true,
  requiredAction: true,
  deadline: true,
  documentNumber: true,
  previousId: true,
  response: true,
  respondedAt: true,
  outcome: true,
  closedAt: true,
  createdAt: true,
  version: true,
  unitId: true,
  year: true,
  quarter: true,
  unit: { select: { code: true, shortName: true, name: true } },
  task: { select: { number: true, title: true, deadlineText: true, deadlineDate: true } },
  createdBy: { select: { displayName: true } },
  respondedBy: { select: { displayName: true } },
  closedBy: { select: { displayName: true } },
  next: { select: { id: true, step: true } },
} as const satisfies Prisma.EscalationSelect;
type StepRow = Prisma.EscalationGetPayload<{ select: typeof stepSelect }>;

export interface EscalationStep {
  id: number;
  step: EscalationStepName;
  unit: { code: string; shortName: string; name: string };
  task: { number: number; title: string; deadlineText: string; deadlineDate: string } | null;
  quarter: Quarter | null;
  /** "任务12“…”2026年第三季度推进情况". */
  subject: string;
  reason: string;
  requiredAction: string;
  /** 整改期限, "2026-12-16". */
  deadline: string;
  documentNumber: string | null;
  previousId: number | null;
  /** The step that followed this one when it was moved up. */
  next: { id: number; step: EscalationStepName } | null;
  response: string | null;
  respondedAt: Date | null;
  respondedBy: string | null;
  outcome: string | null;
  closedAt: Date | null;
  closedBy: string | null;
  createdAt: Date;
  createdBy: string;
  /** The China-time day of the step (成文日期). */
  day: string;
  version: number;
  open: boolean;
  /** Open past its 整改期限. */
  overdue: boolean;
}

const quarterOf = (row: { year: number | null; quarter: number | null }): Quarter | null =>
  row.year !== null && row.quarter !== null ? { year: row.year, quarter: row.quarter as Quarter["quarter"] } : null;

function toStep(row: StepRow, today: string): EscalationStep {
  const task = row.task ? { ...row.task, deadlineDate: formatIsoDate(row.task.deadlineDate) } : null;
  const quarter = quarterOf(row);
  const deadline = formatIsoDate(row.deadline);
  const open = row.closedAt === null;
  return {
    id: row.id,
    step: row.step,
    unit: row.unit,
    task,
    quarter,
    subject: subjectText({ task, quarter }),
    reason: row.reason,
    requiredAction: row.requiredAction,
    deadline,
    documentNumber: row.documentNumber,
    previousId: row.previousId,
    next: row.next,
    response: row.response,
    respondedAt: row.respondedAt,
    respondedBy: row.respondedBy?.displayName ?? null,
    outcome: row.outcome,
    closedAt: row.closedAt,
    closedBy: row.closedBy?.displayName ?? null,
    createdAt: row.createdAt,
    createdBy: row.createdBy.displayName,
    day: chinaToday(row.createdAt),
    version: row.version,
    open,
    overdue: open && deadline < today,
  };
}

function scopeWhere(viewer: SessionUser): Prisma.EscalationWhereInput | null {
  const scope = escalationScope(viewer);
  if (scope === "none") return null;
  return scope.unitId === null ? {} : { unitId: scope.unitId };
}

/** The steps the viewer may see under the ledger's filters, open ones first, newest first. */
export async function listEscalations(viewer: SessionUser, filters: EscalationFilters = {}, limit = 500): Promise<EscalationStep[]> {
  const scope = scopeWhere(viewer);
  if (!scope) return [];
  const rows = await db.escalation.findMany({
    where: {
      AND: [
        scope,
        filters.level ? { step: filters.level } : {},
        filters.state === "open" ? { closedAt: null } : filters.state === "closed" ? { closedAt: { not: null } } : {},
        filters.unit ? { unit: { code: filters.unit } } : {},
        filters.task ? { task: { number: filters.task } } : {},
      ],
    },
    // Open steps first (NULL closedAt sorts first descending), then the newest.
    orderBy: [{ closedAt: { sort: "desc", nulls: "first" } }, { id: "desc" }],
    take: limit,
    select: stepSelect,
  });
  const today = chinaToday();
  return rows.map((row) => toStep(row, today));
}

export interface EscalationDetail extends EscalationStep {
  /** Every step of its ladder, first to last (this one included). */
  ladder: EscalationStep[];
  /** How late the subject was on the step's day (for the page and the Word notice). */
  lateness: string;
  /** The reviewer's e-mail for the contact line, when they gave one. */
  contactEmail: string | null;
  canRespond: boolean;
  canManage: boolean;
  /** The levels the reviewer may move this step up to (empty unless open). */
  nextSteps: EscalationStepName[];
}

/** The ids of a step's ladder: back along previousId, forward along the steps that follow. */
async function ladderIds(id: number): Promise<number[]> {
  const rows = await db.$queryRaw<{ id: number }[]>`
    WITH RECURSIVE back AS (
      SELECT id, "previousId" FROM "Escalation" WHERE id = ${id}
      UNION SELECT e.id, e."previousId" FROM "Escalation" e JOIN back b ON e.id = b."previousId"
    ), forth AS (
      SELECT id FROM "Escalation" WHERE id = ${id}
      UNION SELECT e.id FROM "Escalation" e JOIN forth f ON e."previousId" = f.id
    )
    SELECT id FROM back UNION SELECT id FROM forth`;
  return rows.map((row) => row.id);
}

/** One step with its ladder, or null when it does not exist or the viewer may not see it (404). */
export async function getEscalation(viewer: SessionUser, id: number): Promise<EscalationDetail | null> {
  const row = await db.escalation.findUnique({
    where: { id },
    select: { ...stepSelect, createdBy: { select: { displayName: true, contact: { select: { email: true } } } } },
  });
  if (!row || !canReadEscalation(viewer, row)) return null;
  const today = chinaToday();
  const [ladderRows, { windowDays }] = await Promise.all([
    ladderIds(id).then((ids) => db.escalation.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" }, select: stepSelect })),
    getWindowSetting(),
  ]);
  const step = toStep(row, today);
  const manage = canManageEscalation(viewer);
  return {
    ...step,
    ladder: ladderRows.map((ladderRow) => toStep(ladderRow, today)),
    lateness: latenessText({
      day: step.day,
      quarter: step.quarter,
      windowClose: step.quarter ? windowCloseDate(step.quarter, windowDays) : null,
      task: step.task,
    }),
    contactEmail: row.createdBy.contact?.email ?? null,
    canRespond: canRespondEscalation(viewer, { unitId: row.unitId, closed: !step.open }),
    canManage: manage,
    nextSteps: manage && step.open ? allowedNextSteps({ step: step.step, closed: false }) : [],
  };
}

/**
 * The next 文号 of a kind and year, race-safe: the kind's numbering is locked for the rest of the
 * transaction (two reviewers issuing 函告 at once take turns), then the highest number issued so
 * far is read. Numbers are never reused: a step is never deleted.
 */
async function nextDocumentNumber(tx: Tx, step: EscalationStepName, year: number): Promise<string | null> {
  const prefix = documentNumberPrefix(step, year);
  if (!prefix) return null;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`Escalation number ${prefix}`}))`;
  const [row] = await tx.$queryRaw<{ last: number | null }[]>`
    SELECT max(substring("documentNumber" FROM '〕([0-9]+)号$')::int) AS last
    FROM "Escalation" WHERE "documentNumber" LIKE ${`${prefix}%`}`;
  return documentNumber(step, year, (row?.last ?? 0) + 1);
}

const staleStep = (id: number): StaleWrite => ({
  lastChange: lastAudited("Escalation", String(id)),
  message: ({ who, when }) => `未保存：${who} 已于 ${when} 更新了该督办事项，请刷新后再试。`,
});

const subjectAudit = (subject: { task: number | null; quarter: Quarter | null }) => ({
  task: subject.task,
  quarter: subject.quarter ? formatQuarter(subject.quarter) : null,
});

/**
 * Moves a unit up the ladder on a subject (or starts a ladder): the step must be above the
 * subject's open step, which it closes and links to; 函告, 通报 and 挂牌督办 get the next 文号 of
 * their kind and year. The unit's staff and 单位负责人 are notified, urgent. Returns the new step.
 */
export async function escalate(
  input: EscalateInput,
  user: SessionUser,
  now = new Date(),
): Promise<{ id: number; documentNumber: string | null }> {
  if (!canManageEscalation(user)) throw new AppError("FORBIDDEN", "只有省生态环境厅审核人可以督办");
  const day = chinaToday(now);
  if (input.deadline < day) throw new UserFacingError("整改期限不能早于今天", { deadline: ["整改期限不能早于今天"] });
  if (input.quarter && compareQuarters(input.quarter, quarterOfDate(day)) > 0) {
    throw new UserFacingError("季度不能晚于本季度", { quarter: ["季度不能晚于本季度"] });
  }
  return db.$transaction(async (tx) => {
    const unit = await tx.unit.findUnique({ where: { code: input.unit }, select: { id: true, shortName: true } });
    if (!unit) throw new UserFacingError("督办对象不存在", { unit: ["请从列表中选择督办对象"] });
    let task: { id: number; number: number; title: string } | null = null;
    if (input.task !== undefined) {
      const found = await tx.task.findUnique({
        where: { number: input.task },
        select: { id: true, number: true, title: true, units: { where: { unitId: unit.id }, select: { unitId: true } } },
      });
      if (!found) throw new UserFacingError(`任务 ${input.task} 不存在`, { task: [`任务 ${input.task} 不存在`] });
      if (found.units.length === 0) {
        const message = `${unit.shortName}不是任务 ${input.task} 的责任单位`;
        throw new UserFacingError(message, { task: [message] });
      }
      task = found;
    }
    // One ladder move per unit at a time: the open step read below stays the open step until commit.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('Escalation ladder'), ${unit.id})`;
    const subject = {
      unitId: unit.id,
      taskId: task?.id ?? null,
      year: input.quarter?.year ?? null,
      quarter: input.quarter?.quarter ?? null,
    };
    const open = await tx.escalation.findFirst({
      where: { ...subject, closedAt: null },
      orderBy: { id: "desc" },
      select: { id: true, step: true, version: true },
    });
    // The form was loaded on a step that has since been closed or moved up by someone else.
    if (input.previousId !== undefined && open?.id !== input.previousId) throw await staleWriteError(tx, staleStep(input.previousId));
    const refusal = nextStepRefusal(open ? { step: open.step, closed: false } : null, input.step);
    if (refusal) throw new UserFacingError(refusal, { step: [refusal] });

    const number = await nextDocumentNumber(tx, input.step, Number(day.slice(0, 4)));
    const label = STEP_LABELS[input.step];
    if (open) {
      const outcome = `升级为${label}${number ? `（${number}）` : ""}`;
      const version = input.previousVersion ?? open.version;
      await updateVersioned(
        tx,
        "escalation",
        { where: { id: open.id, closedAt: null }, version },
        { closedAt: now, closedById: user.id, outcome },
        staleStep(open.id),
      );
      await recordAudit(tx, {
        actorId: user.id,
        action: "escalation.close",
        entity: "Escalation",
        entityId: String(open.id),
        before: { level: open.step, version },
        after: { level: open.step, closingNote: outcome, version: version + 1 },
      });
      await settleNotices(tx, noticeSubject(open.id));
    }
    const created = await tx.escalation.create({
      data: {
        ...subject,
        step: input.step,
        reason: input.reason,
        requiredAction: input.requiredAction,
        deadline: new Date(`${input.deadline}T00:00:00Z`),
        documentNumber: number,
        previousId: open?.id ?? null,
        createdById: user.id,
        createdAt: now,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "escalation.raise",
      entity: "Escalation",
      entityId: String(created.id),
      after: {
        unit: unit.shortName,
        ...subjectAudit({ task: task?.number ?? null, quarter: input.quarter ?? null }),
        level: input.step,
        documentNumber: number,
        reason: input.reason,
        requiredAction: input.requiredAction,
        rectifyBy: input.deadline,
        previousId: open?.id ?? null,
      },
    });
    const about = subjectText({ task, quarter: input.quarter ?? null });
    await notify(tx, await usersOfUnit(tx, unit.id, ["STAFF", "UNIT_LEAD"]), {
      kind: `escalation.${input.step.toLowerCase()}`,
      title: `【${label}${number ? ` ${number}` : ""}】${about}`,
      body: `省生态环境厅对${unit.shortName}${about}${label}：${input.reason}\n整改要求：${input.requiredAction}\n整改期限：${formatChineseDate(input.deadline)}前，请在平台上填报落实情况。`,
      href: `/escalations/${created.id}`,
      urgent: true,
      dedupeKey: `escalation:${created.id}`,
      subject: noticeSubject(created.id),
    });
    return { id: created.id, documentNumber: number };
  });
}

/** Loads a step for a write, refusing a step the user may not see (404) or one already closed. */
async function openStepFor(tx: Tx, user: SessionUser, id: number, closedMessage: string) {
  const row = await tx.escalation.findUnique({
    where: { id },
    select: {
      id: true,
      unitId: true,
      step: true,
      closedAt: true,
      response: true,
      createdById: true,
      unit: { select: { shortName: true } },
    },
  });
  if (!row || !canReadEscalation(user, row)) throw new AppError("NOT_FOUND", "该督办事项不存在");
  if (row.closedAt) throw new UserFacingError(closedMessage);
  return row;
}

/** The unit's 落实情况 on an open step (again, while it is open); tells the reviewer who raised it. */
export async function respondToEscalation(input: RespondInput, user: SessionUser, now = new Date()): Promise<void> {
  await db.$transaction(async (tx) => {
    const row = await openStepFor(tx, user, input.escalationId, "该督办事项已办结，不能再填报落实情况");
    if (!canRespondEscalation(user, { unitId: row.unitId, closed: false })) {
      throw new AppError("FORBIDDEN", "只有被督办单位的填报人可以填报落实情况");
    }
    await updateVersioned(
      tx,
      "escalation",
      { where: { id: row.id }, version: input.version },
      { response: input.response, respondedAt: now, respondedById: user.id },
      staleStep(row.id),
    );
    await recordAudit(tx, {
      actorId: user.id,
      action: "escalation.respond",
      entity: "Escalation",
      entityId: String(row.id),
      before: { response: row.response, version: input.version },
      after: { response: input.response, version: input.version + 1 },
    });
    await settleNotices(tx, noticeSubject(row.id));
    await notify(tx, [row.createdById], {
      kind: "escalation.responded",
      title: `${row.unit.shortName}已填报${STEP_LABELS[row.step]}落实情况`,
      body: input.response,
      href: `/escalations/${row.id}`,
    });
  });
}

/** Closes an open step with its outcome (办结), telling the unit. */
export async function closeEscalation(input: CloseInput, user: SessionUser, now = new Date()): Promise<void> {
  if (!canManageEscalation(user)) throw new AppError("FORBIDDEN", "只有省生态环境厅审核人可以办结督办事项");
  await db.$transaction(async (tx) => {
    const row = await openStepFor(tx, user, input.escalationId, "该督办事项已办结");
    await updateVersioned(
      tx,
      "escalation",
      { where: { id: row.id }, version: input.version },
      { outcome: input.outcome, closedAt: now, closedById: user.id },
      staleStep(row.id),
    );
    await recordAudit(tx, {
      actorId: user.id,
      action: "escalation.close",
      entity: "Escalation",
      entityId: String(row.id),
      before: { level: row.step, version: input.version },
      after: { level: row.step, closingNote: input.outcome, version: input.version + 1 },
    });
    await settleNotices(tx, noticeSubject(row.id));
    await notify(tx, await usersOfUnit(tx, row.unitId, ["STAFF", "UNIT_LEAD"]), {
      kind: "escalation.closed",
      title: `${STEP_LABELS[row.step]}事项已办结`,
      body: input.outcome,
      href: `/escalations/${row.id}`,
    });
  });
}

export interface OpenByLevel {
  step: EscalationStepName;
  open: number;
  /** Open past the 整改期限. */
  overdue: number;
}

/** Open steps per level (one aggregate), every level listed, for the dashboard; one unit's when given. */
export async function openStepsByLevel(unitCode?: string): Promise<OpenByLevel[]> {
  const today = chinaToday();
  const rows = await db.$queryRaw<{ step: EscalationStepName; open: number; overdue: number }[]>`
    SELECT e.step::text AS step, count(*)::int AS open, count(*) FILTER (WHERE e.deadline < ${today}::date)::int AS overdue
    FROM "Escalation" e JOIN "Unit" u ON u.id = e."unitId"
    WHERE e."closedAt" IS NULL ${unitCode ? Prisma.sql`AND u.code = ${unitCode}` : Prisma.empty}
    GROUP BY e.step`;
  const byStep = new Map(rows.map((row) => [row.step, row]));
  return ESCALATION_STEPS.map((step) => ({ step, open: byStep.get(step)?.open ?? 0, overdue: byStep.get(step)?.overdue ?? 0 }));
}

export interface BriefEscalation {
  id: number;
  step: EscalationStepName;
  unit: string;
  task: number | null;
  quarter: Quarter | null;
  documentNumber: string | null;
  deadline: string;
  /** The unit had recorded its 落实情况 by the end of the period. */
  responded: boolean;
}

/** Steps open at `until` (raised by then, closed after or not at all), highest level first, in the units' order. */
export async function openStepsAt(until: Date): Promise<BriefEscalation[]> {
  const rows = await db.$queryRaw<
    (Omit<BriefEscalation, "quarter" | "deadline"> & { year: number | null; quarter: number | null; deadline: Date })[]
  >`
    SELECT e.id, e.step::text AS step, u."shortName" AS unit, t.number AS task, e.year, e.quarter, e."documentNumber", e.deadline,
           (e."respondedAt" IS NOT NULL AND e."respondedAt" <= ${until}) AS responded
    FROM "Escalation" e
    JOIN "Unit" u ON u.id = e."unitId"
    LEFT JOIN "Task" t ON t.id = e."taskId"
    WHERE e."createdAt" <= ${until} AND (e."closedAt" IS NULL OR e."closedAt" > ${until})
    ORDER BY u."sortOrder", e.id`;
  return rows
    .map(({ year, quarter, deadline, ...row }) => ({ ...row, quarter: quarterOf({ year, quarter }), deadline: formatIsoDate(deadline) }))
    .sort((a, b) => stepLevel(b.step) - stepLevel(a.step));
}

/** What the Word notice of a step says: the step, the facts, the earlier steps of its ladder and the reviewer to contact. */
export function noticeFactsOf(detail: EscalationDetail): NoticeFacts {
  const index = detail.ladder.findIndex((step) => step.id === detail.id);
  return {
    step: detail.step,
    documentNumber: detail.documentNumber,
    unit: detail.unit,
    subject: detail.subject,
    reason: detail.reason,
    requiredAction: detail.requiredAction,
    deadline: detail.deadline,
    lateness: detail.lateness,
    day: detail.day,
    earlier: detail.ladder
      .slice(0, Math.max(index, 0))
      .map((step) => ({ step: step.step, day: step.day, documentNumber: step.documentNumber })),
    contact: { name: detail.createdBy, email: detail.contactEmail },
  };
}

/** The open step on a subject, if any: a new step there must be above it. */
export async function openStepOn(subject: { unit: string; task?: number; quarter?: Quarter }) {
  return db.escalation.findFirst({
    where: {
      unit: { code: subject.unit },
      ...(subject.task !== undefined ? { task: { number: subject.task } } : { taskId: null }),
      year: subject.quarter?.year ?? null,
      quarter: subject.quarter?.quarter ?? null,
      closedAt: null,
    },
    orderBy: { id: "desc" },
    select: { id: true, step: true, documentNumber: true },
  });
}

/**
 * The reason a new step's form starts with (the reviewer edits it): the 催办 or 通报 it escalates
 * from (/reminders' "升级督办"), and the subject's reports as they stand today. Also the unit and
 * quarter of that 催办.
 */
export async function draftReason(
  from: { unit?: string; task?: number; quarter?: Quarter; reminder?: number },
  today = chinaToday(),
): Promise<{ unit?: string; quarter?: Quarter; reason: string }> {
  const reminder = from.reminder
    ? await db.reminder.findUnique({
        where: { id: from.reminder },
        select: { year: true, quarter: true, level: true, message: true, createdAt: true, unit: { select: { code: true } } },
      })
    : null;
  const unitCode = reminder?.unit.code ?? from.unit;
  const quarter = reminder ? quarterOf(reminder)! : from.quarter;
  const parts: string[] = [];
  if (reminder) {
    const how = reminder.level === "CIRCULATE" ? "通报" : "催办";
    parts.push(
      `我厅已于${formatChineseDate(chinaToday(reminder.createdAt))}就${quarterLabel(quarter!)}进展报告报送进行${how}（“${reminder.message}”）。`,
    );
  }
  const unit = unitCode ? await db.unit.findUnique({ where: { code: unitCode }, select: { id: true } }) : null;
  if (unit && quarter) {
    if (from.task !== undefined) {
      const report = await db.progressReport.findFirst({
        where: { unitId: unit.id, task: { number: from.task }, year: quarter.year, quarter: quarter.quarter },
        select: { status: true },
      });
      const state = report && report.status !== "DRAFT" ? `状态为“${REPORT_STATUS_LABELS[report.status]}”` : "尚未报送";
      parts.push(`截至${formatChineseDate(today)}，任务${from.task}${quarterLabel(quarter)}进展报告${state}。`);
    } else {
      const [count] = await reportingCounts(quarter, quarter, unit.id);
      if (count && count.submitted < count.owed) {
        parts.push(
          `截至${formatChineseDate(today)}，${quarterLabel(quarter)}应报送进展报告${count.owed}份，已报送${count.submitted}份，尚缺${count.owed - count.submitted}份。`,
        );
      }
    }
  }
  return { unit: unitCode, quarter, reason: parts.join("") };
}
