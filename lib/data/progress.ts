import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { SessionUser } from "@/lib/auth/session";
import { canEditReport, reportReadScope, scopeAllows, type ReportScope } from "@/lib/auth/roles";
import {
  addQuarters,
  chinaToday,
  compareQuarters,
  formatQuarter,
  quarterOfDate,
  quartersOfTask,
  taskSpansQuarter,
  type Quarter,
} from "@/lib/domain/quarters";
import { REPORT_STATUS_LABELS } from "@/lib/domain/progress-status";
import { formatChinaTime, formatIsoDate } from "@/lib/domain/dates";
import type { ProgressQuery, ReviewInput, SaveReportInput } from "@/lib/schemas/progress";
import { recordAudit } from "./audit";
import { StaleWriteError, UserFacingError } from "./errors";

type Tx = Prisma.TransactionClient;

/** A report's indicator figures, in the catalogue's order. */
const figureFields = {
  orderBy: { indicator: { sortOrder: "asc" } },
  select: {
    value: true,
    period: true,
    note: true,
    indicator: { select: { code: true, name: true, measureUnit: true } },
  },
} satisfies Prisma.ProgressReport$figuresArgs;

/** What a report says and where it stands: shared by the detail and the list selections. */
const reportContentFields = {
  id: true,
  year: true,
  quarter: true,
  status: true,
  progressState: true,
  percent: true,
  progress: true,
  problems: true,
  nextSteps: true,
  version: true,
  updatedAt: true,
  submittedAt: true,
  reviewedAt: true,
  reviewComment: true,
  figures: figureFields,
} satisfies Prisma.ProgressReportSelect;

const reportFields = {
  ...reportContentFields,
  taskId: true,
  unitId: true,
  updatedBy: { select: { displayName: true } },
  reviewedBy: { select: { displayName: true } },
  evidence: {
    where: { removedAt: null },
    orderBy: { id: "asc" },
    select: { id: true, fileName: true, mediaType: true, size: true, sha256: true, uploadedAt: true },
  },
} satisfies Prisma.ProgressReportSelect;

type ReportRow = Prisma.ProgressReportGetPayload<{ select: typeof reportFields }>;


/** The report as it is kept in each revision and in the audit log. */
function snapshotOf(report: ReportRow) {
  return {
    status: report.status,
    progressState: report.progressState,
    percent: report.percent,
    progress: report.progress,
    problems: report.problems,
    nextSteps: report.nextSteps,
    reviewComment: report.reviewComment,
    figures: report.figures.map((figure) => ({
      indicator: figure.indicator.code,
      value: figure.value.toString(),
      period: figure.period,
      note: figure.note,
    })),
    evidence: report.evidence.map((file) => ({ id: file.id, fileName: file.fileName, sha256: file.sha256 })),
  };
}
export type ReportSnapshot = ReturnType<typeof snapshotOf>;

/** A stored year + quarter as a Quarter (the database checks quarter is 1–4). */
export function quarterOfRow(row: { year: number; quarter: number }): Quarter {
  return { year: row.year, quarter: row.quarter as Quarter["quarter"] };
}

function staleMessage(who: string, at: Date): string {
  return `保存未成功：${who} 已于 ${formatChinaTime(at)} 修改了该报告。您填写的内容仍在页面上，请核对后再保存。`;
}

/** Task, unit and quarter of a report the user wants to write, checked; throws in Chinese otherwise. */
async function reportingContext(tx: Tx, user: SessionUser, taskNumber: number, quarter: Quarter, today: string) {
  if (user.role !== "STAFF" || user.unitId === null) throw new UserFacingError("只有绑定单位的填报人可以填报进展");
  const task = await tx.task.findUnique({
    where: { number: taskNumber },
    select: {
      id: true,
      number: true,
      deadlineDate: true,
      indicators: { select: { indicator: { select: { id: true, code: true } } } },
      units: { where: { unitId: user.unitId }, select: { unitId: true } },
      // The unit's report for the quarter, if any, in the same statement.
      reports: { where: { unitId: user.unitId, year: quarter.year, quarter: quarter.quarter }, select: reportFields },
    },
  });
  if (!task) throw new UserFacingError(`任务 ${taskNumber} 不存在`);
  if (task.units.length === 0) throw new UserFacingError(`${user.unitName ?? "本单位"}不承担任务 ${taskNumber}，不能为其填报`);
  const deadline = formatIsoDate(task.deadlineDate);
  if (!taskSpansQuarter(deadline, quarter)) {
    const span = quartersOfTask(deadline);
    throw new UserFacingError(
      `任务 ${taskNumber} 的报告期为 ${formatQuarter(span[0]!)} 至 ${formatQuarter(span.at(-1)!)}，不含 ${formatQuarter(quarter)}`,
      { quarter: ["该任务不在此季度报告期内"] },
    );
  }
  if (compareQuarters(quarter, quarterOfDate(today)) > 0) {
    throw new UserFacingError(`${formatQuarter(quarter)} 尚未开始，不能提前填报`, { quarter: ["季度尚未开始"] });
  }
  return { task, unitId: user.unitId, existing: task.reports[0] ?? null };
}

type ReportReader = Pick<Tx, "progressReport">;

async function loadReport(tx: ReportReader, where: Prisma.ProgressReportWhereUniqueInput) {
  return tx.progressReport.findUnique({ where, select: reportFields });
}

async function keepRevision(tx: Tx, reportId: number, action: string, actorId: number, before: ReportSnapshot | null, requestId?: string) {
  const report = await loadReport(tx, { id: reportId });
  if (!report) throw new Error(`report ${reportId} vanished inside its transaction`);
  const snapshot = snapshotOf(report);
  await tx.reportRevision.create({
    data: { reportId, version: report.version, action, status: report.status, snapshot, actorId, requestId },
  });
  await recordAudit(tx, {
    actorId,
    action,
    entity: "ProgressReport",
    entityId: String(reportId),
    before: before ?? null,
    after: { ...snapshot, version: report.version },
  });
  return report;
}

/**
 * Writes one report inside the caller's transaction: checks, optimistic concurrency, figures,
 * revision and audit row. Used alone (saveReport) and for a whole imported file at once.
 */
export async function writeReport(tx: Tx, input: SaveReportInput, user: SessionUser, today: string, options: { keepFigures?: boolean } = {}) {
  if (input.requestId) {
    // A retry of a request already applied (its answer was lost on the way): answer it again.
    const done = await tx.reportRevision.findUnique({
      where: { requestId: input.requestId },
      select: { version: true, status: true, actorId: true, snapshot: true, report: { select: { id: true } } },
    });
    const stored = done?.snapshot as ReportSnapshot | undefined;
    const same =
      stored &&
      stored.progress === input.progress &&
      stored.percent === input.percent &&
      stored.progressState === input.progressState &&
      stored.problems === input.problems &&
      stored.nextSteps === input.nextSteps;
    // Only the same request again: a different text under an old key goes on to the usual checks.
    if (done && same && done.actorId === user.id) return { id: done.report.id, status: done.status, version: done.version };
  }
  const { task, unitId, existing } = await reportingContext(tx, user, input.taskNumber, input.quarter, today);
  const indicatorIdByCode = new Map(task.indicators.map(({ indicator }) => [indicator.code, indicator.id]));
  for (const figure of input.figures) {
    if (!indicatorIdByCode.has(figure.indicatorCode)) {
      throw new UserFacingError(`指标 ${figure.indicatorCode} 与任务 ${task.number} 无关`, {
        [`figure.${figure.indicatorCode}.value`]: ["该指标不属于本任务"],
      });
    }
  }
  const key = { taskId: task.id, unitId, year: input.quarter.year, quarter: input.quarter.quarter };
  const submit = input.intent === "submit";
  const now = new Date();
  const content = {
    progressState: input.progressState,
    percent: input.percent,
    progress: input.progress,
    problems: input.problems,
    nextSteps: input.nextSteps,
    updatedById: user.id,
    updatedAt: now,
  };
  let reportId: number;
  if (!existing) {
    if (input.version !== 0) throw new StaleWriteError("保存未成功：该报告已不存在，请刷新后重新填写。");
    const created = await tx.progressReport.create({
      data: { ...key, ...content, status: submit ? "SUBMITTED" : "DRAFT", submittedAt: submit ? now : null },
      select: { id: true },
    });
    reportId = created.id;
  } else {
    if (existing.version !== input.version) throw new StaleWriteError(staleMessage(existing.updatedBy.displayName, existing.updatedAt));
    if (!canEditReport(user, existing)) {
      throw new UserFacingError(`该报告${REPORT_STATUS_LABELS[existing.status]}，不能再修改`);
    }
    const updated = await tx.progressReport.updateMany({
      where: { id: existing.id, version: input.version },
      data: {
        ...content,
        version: { increment: 1 },
        ...(submit ? { status: "SUBMITTED", submittedAt: now } : {}),
      },
    });
    if (updated.count === 0) {
      const latest = await loadReport(tx, { id: existing.id });
      throw new StaleWriteError(staleMessage(latest?.updatedBy.displayName ?? "其他用户", latest?.updatedAt ?? now));
    }
    reportId = existing.id;
    if (!options.keepFigures && existing.figures.length > 0) await tx.reportFigure.deleteMany({ where: { reportId } });
  }
  if (!options.keepFigures && input.figures.length > 0) await tx.reportFigure.createMany({
    data: input.figures.map((figure) => ({
      reportId,
      indicatorId: indicatorIdByCode.get(figure.indicatorCode)!,
      value: new Prisma.Decimal(figure.value),
      period: figure.period,
      note: figure.note,
    })),
  });
  const action = submit ? (existing?.status === "RETURNED" ? "report.resubmit" : "report.submit") : "report.save";
  const saved = await keepRevision(tx, reportId, action, user.id, existing ? snapshotOf(existing) : null, input.requestId);
  return { id: saved.id, status: saved.status, version: saved.version };
}

/** Creates or updates the unit's report; `intent: "submit"` also submits it for review. */
export async function saveReport(input: SaveReportInput, user: SessionUser, today = chinaToday()) {
  try {
    return await db.$transaction((tx) => writeReport(tx, input, user, today));
  } catch (error) {
    throw sameReportCreatedTwice(error) ?? error;
  }
}

/** Two people creating the same report at once: the second insert hits the unique key. */
export function sameReportCreatedTwice(error: unknown): StaleWriteError | null {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
    return new StaleWriteError("保存未成功：同单位的其他人刚刚创建了这份报告。您填写的内容仍在页面上，请刷新对比后再保存。");
  }
  return null;
}

/** Accept or return one or several submitted reports, all or none. */
export async function reviewReports(input: ReviewInput, reviewer: SessionUser): Promise<number> {
  if (reviewer.role !== "REVIEWER") throw new UserFacingError("只有审核人可以审核报告");
  const now = new Date();
  await db.$transaction(async (tx) => {
    for (const ref of input.reports) {
      const report = await tx.progressReport.findUnique({
        where: { id: ref.id },
        select: { ...reportFields, task: { select: { number: true } }, unit: { select: { shortName: true } } },
      });
      if (!report) throw new UserFacingError(`报告 ${ref.id} 不存在`);
      const name = `任务 ${report.task.number}（${report.unit.shortName}，${formatQuarter(quarterOfRow(report))}）`;
      if (report.version !== ref.version) {
        throw new StaleWriteError(`${name}的报告已于 ${formatChinaTime(report.updatedAt)} 被 ${report.updatedBy.displayName} 修改，请刷新后再审核。`);
      }
      if (report.status !== "SUBMITTED") {
        throw new UserFacingError(`${name}的报告${REPORT_STATUS_LABELS[report.status]}，只能审核待审核的报告`);
      }
      const updated = await tx.progressReport.updateMany({
        where: { id: report.id, version: ref.version, status: "SUBMITTED" },
        data: {
          status: input.decision === "accept" ? "ACCEPTED" : "RETURNED",
          reviewComment: input.comment || null,
          reviewedById: reviewer.id,
          reviewedAt: now,
          updatedById: reviewer.id,
          updatedAt: now,
          version: { increment: 1 },
        },
      });
      if (updated.count === 0) throw new StaleWriteError(`${name}的报告刚刚被他人处理，请刷新后再审核。`);
      await keepRevision(tx, report.id, input.decision === "accept" ? "report.accept" : "report.return", reviewer.id, snapshotOf(report));
    }
  });
  return input.reports.length;
}

function scopeWhere(scope: ReportScope): Prisma.ProgressReportWhereInput {
  return { ...(scope.unitId === null ? {} : { unitId: scope.unitId }), status: { in: [...scope.statuses] } };
}

function queryWhere(query: Partial<ProgressQuery>): Prisma.ProgressReportWhereInput {
  const unitConditions: Prisma.ProgressReportWhereInput[] = [];
  if (query.unit) unitConditions.push({ unit: { code: query.unit } });
  if (query.city) unitConditions.push({ unit: { code: query.city, kind: "CITY" } });
  return {
    ...(query.quarter ? { year: query.quarter.year, quarter: query.quarter.quarter } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.task ? { task: { number: query.task } } : {}),
    ...(query.section ? { task: { number: query.task, section: { number: query.section } } } : {}),
    ...(unitConditions.length ? { AND: unitConditions } : {}),
  };
}

const listFields = {
  ...reportContentFields,
  task: { select: { number: true, title: true, section: { select: { number: true, title: true } } } },
  unit: { select: { code: true, shortName: true, kind: true } },
} satisfies Prisma.ProgressReportSelect;
export type ReportListItem = Prisma.ProgressReportGetPayload<{ select: typeof listFields }>;

export const REPORT_LIST_LIMIT = 1000;

/** Reports a reader may see, filtered; the one query behind the queue, the task history and the API. */
export async function listReports(
  scope: ReportScope,
  query: Partial<ProgressQuery>,
  order: "review" | "newest" = "newest",
): Promise<ReportListItem[]> {
  return db.progressReport.findMany({
    where: { AND: [scopeWhere(scope), queryWhere(query)] },
    orderBy:
      order === "review"
        ? [{ submittedAt: "asc" }, { id: "asc" }]
        : [{ year: "desc" }, { quarter: "desc" }, { unit: { sortOrder: "asc" } }],
    take: REPORT_LIST_LIMIT,
    select: listFields,
  });
}

export function scopeOf(user: SessionUser): ReportScope {
  const scope = reportReadScope(user);
  if (!scope) throw new UserFacingError("当前账号无权查看进展报告");
  return scope;
}

/** One report with its history and the same unit's report on the quarter before, if the reader may see them. */
export async function getReportDetail(id: number, user: SessionUser) {
  const scope = reportReadScope(user);
  const report = await db.progressReport.findUnique({
    where: { id },
    select: {
      ...reportFields,
      task: {
        select: {
          number: true,
          title: true,
          content: true,
          deadlineText: true,
          deadlineDate: true,
          section: { select: { number: true, title: true } },
        },
      },
      unit: { select: { code: true, shortName: true, kind: true } },
      revisions: {
        orderBy: { version: "desc" },
        select: { version: true, action: true, status: true, at: true, snapshot: true, actor: { select: { displayName: true } } },
      },
    },
  });
  if (!report || !scopeAllows(scope, report)) return null;
  const previousQuarter = addQuarters(quarterOfRow(report), -1);
  const previous = await db.progressReport.findFirst({
    where: {
      AND: [scopeWhere(scope!), { taskId: report.taskId, unitId: report.unitId, year: previousQuarter.year, quarter: previousQuarter.quarter }],
    },
    select: reportFields,
  });
  return { report, previous, editable: canEditReport(user, report) };
}
export type ReportDetail = NonNullable<Awaited<ReturnType<typeof getReportDetail>>>;

/** What the report form needs: the task, its indicators, the unit's report (if any) and last quarter's. */
export async function getReportForm(user: SessionUser, taskNumber: number, quarter: Quarter, today = chinaToday()) {
  return db.$transaction(async (tx) => {
    const context = await reportingContext(tx, user, taskNumber, quarter, today);
    const before = addQuarters(quarter, -1);
    const keyOf = (q: Quarter) => ({ taskId: context.task.id, unitId: context.unitId, year: q.year, quarter: q.quarter });
    const task = await tx.task.findUniqueOrThrow({
      where: { id: context.task.id },
      select: {
        number: true,
        title: true,
        content: true,
        deadlineText: true,
        deadlineDate: true,
        indicators: {
          orderBy: { indicator: { sortOrder: "asc" } },
          select: {
            indicator: {
              select: { code: true, name: true, measureUnit: true, targets: { orderBy: { year: "asc" }, select: { year: true, text: true } } },
            },
          },
        },
      },
    });
    const report = context.existing;
    const previous = await loadReport(tx, { taskId_unitId_year_quarter: keyOf(before) });
    return { task, report, previous, editable: !report || canEditReport(user, report) };
  });
}
export type ReportForm = Awaited<ReturnType<typeof getReportForm>>;
