import "server-only";
import { db } from "@/lib/core/db";
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
} from "@/lib/core/quarters";
import { REPORT_STATUS_LABELS } from "@/lib/status/status-rules";
import { formatChinaTime, formatIsoDate } from "@/lib/core/dates";
import type { ProgressQuery, ReviewInput, SaveReportInput } from "@/lib/reports/schemas";
import { StaleWriteError, UserFacingError } from "../core/errors";

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
      indicators: { select: { indicator: { select: { id: true, code: true, sortOrder: true } } } },
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
  const indicatorByCode = new Map(task.indicators.map(({ indicator }) => [indicator.code, indicator]));
  for (const figure of input.figures) {
    if (!indicatorByCode.has(figure.indicatorCode)) {
      throw new UserFacingError(`指标 ${figure.indicatorCode} 与任务 ${task.number} 无关`, {
        [`figure.${figure.indicatorCode}.value`]: ["该指标不属于本任务"],
      });
    }
  }
  const submit = input.intent === "submit";
  if (existing) {
    if (existing.version !== input.version) throw new StaleWriteError(staleMessage(existing.updatedBy.displayName, existing.updatedAt));
    if (!canEditReport(user, existing)) {
      throw new UserFacingError(`该报告${REPORT_STATUS_LABELS[existing.status]}，不能再修改`);
    }
  } else if (input.version !== 0) {
    throw new StaleWriteError("保存未成功：该报告已不存在，请刷新后重新填写。");
  }
  // The figures as stored (numeric(14,4)) and shown, in the catalogue's order; none when kept.
  const figures = options.keepFigures
    ? null
    : input.figures
        .map((figure) => ({ ...figure, indicator: indicatorByCode.get(figure.indicatorCode)!, value: new Prisma.Decimal(figure.value).toDecimalPlaces(4) }))
        .sort((a, b) => a.indicator.sortOrder - b.indicator.sortOrder);
  const before = existing ? snapshotOf(existing) : null;
  const after: ReportSnapshot = {
    ...(before ?? { reviewComment: null, figures: [], evidence: [] }),
    status: submit ? "SUBMITTED" : (existing?.status ?? "DRAFT"),
    progressState: input.progressState,
    percent: input.percent,
    progress: input.progress,
    problems: input.problems,
    nextSteps: input.nextSteps,
    ...(figures ? { figures: figures.map((figure) => ({ indicator: figure.indicatorCode, value: figure.value.toString(), period: figure.period, note: figure.note })) } : {}),
  };
  const now = new Date();
  const content = Prisma.sql`${input.progressState}::"ProgressState", ${input.percent}, ${input.progress}, ${input.problems}, ${input.nextSteps}, ${user.id}, ${now}`;
  const report = existing
    ? Prisma.sql`
        UPDATE "ProgressReport" SET ("progressState", percent, progress, problems, "nextSteps", "updatedById", "updatedAt") = (${content}),
               version = version + 1 ${submit ? Prisma.sql`, status = 'SUBMITTED', "submittedAt" = ${now}` : Prisma.empty}
        WHERE id = ${existing.id} AND version = ${input.version}
        RETURNING id, version, status`
    : Prisma.sql`
        INSERT INTO "ProgressReport" ("progressState", percent, progress, problems, "nextSteps", "updatedById", "updatedAt", "taskId", "unitId", year, quarter, status, "submittedAt", "createdAt")
        VALUES (${content}, ${task.id}, ${unitId}, ${input.quarter.year}, ${input.quarter.quarter}, ${after.status}::"ReportStatus", ${submit ? now : null}, ${now})
        RETURNING id, version, status`;
  const indicatorIds = figures?.map((figure) => figure.indicator.id);
  const figureWrites = figures
    ? Prisma.sql`,
      removed AS (
        DELETE FROM "ReportFigure" WHERE "reportId" IN (SELECT id FROM report) AND "indicatorId" <> ALL(${indicatorIds}::int[])
      ), written AS (
        INSERT INTO "ReportFigure" ("reportId", "indicatorId", value, period, note)
        SELECT report.id, f.* FROM report, unnest(
          ${indicatorIds}::int[], ${figures.map((figure) => figure.value.toString())}::numeric[],
          ${figures.map((figure) => figure.period)}::text[], ${figures.map((figure) => figure.note)}::text[]) AS f
        ON CONFLICT ("reportId", "indicatorId") DO UPDATE SET value = excluded.value, period = excluded.period, note = excluded.note
      )`
    : Prisma.empty;
  const action = submit ? (existing?.status === "RETURNED" ? "report.resubmit" : "report.submit") : "report.save";
  // One statement: the report, its figures, the revision and the audit row, all or nothing.
  const [saved] = await tx.$queryRaw<{ id: number; version: number; status: ReportRow["status"] }[]>`
    WITH report AS (${report}) ${figureWrites}, ${revisionAndAudit(action, user.id, now, before, after, input.requestId)}
    SELECT id, version, status FROM report`;
  if (!saved) {
    const latest = await loadReport(tx, { id: existing!.id });
    throw new StaleWriteError(staleMessage(latest?.updatedBy.displayName ?? "其他用户", latest?.updatedAt ?? now));
  }
  return saved;
}

/**
 * The revision and the audit row of a report write, as statements that follow a `report` CTE
 * returning the written row's id, version and status (nothing is recorded when it returns none).
 * The evidence list is the one stored at the write (files are added and removed without a new
 * version). Times are the app's, in UTC like every timestamp Prisma writes, never the database
 * session's time zone.
 */
function revisionAndAudit(action: string, actorId: number, at: Date, before: ReportSnapshot | null, after: ReportSnapshot, requestId?: string) {
  const snapshot = Prisma.sql`${JSON.stringify(after)}::jsonb || jsonb_build_object('evidence', (
    SELECT coalesce(jsonb_agg(jsonb_build_object('id', e.id, 'fileName', e."fileName", 'sha256', e.sha256) ORDER BY e.id), '[]'::jsonb)
    FROM "EvidenceFile" e WHERE e."reportId" = report.id AND e."removedAt" IS NULL))`;
  return Prisma.sql`
    revision AS (
      INSERT INTO "ReportRevision" ("reportId", version, action, status, snapshot, "actorId", "requestId", at)
      SELECT id, version, ${action}, status, ${snapshot}, ${actorId}, ${requestId ?? null}, ${at} FROM report
    ), audit AS (
      INSERT INTO "AuditLog" ("actorId", action, entity, "entityId", before, after, at)
      SELECT ${actorId}, ${action}, 'ProgressReport', id::text, ${before === null ? null : JSON.stringify(before)}::jsonb,
             ${snapshot} || jsonb_build_object('version', version), ${at}
      FROM report
    )`;
}

/** Creates or updates the unit's report; `intent: "submit"` also submits it for review. */
export async function saveReport(input: SaveReportInput, user: SessionUser, today = chinaToday()) {
  try {
    return await db.$transaction((tx) => writeReport(tx, input, user, today));
  } catch (error) {
    throw sameReportCreatedTwice(error) ?? error;
  }
}

function uniqueViolationInRawQuery(error: Prisma.PrismaClientKnownRequestError): boolean {
  const cause = (error.meta?.driverAdapterError as { cause?: { originalCode?: string } } | undefined)?.cause;
  return error.code === "P2010" && cause?.originalCode === "23505";
}

/** Two people creating the same report at once: the second insert hits the unique key. */
export function sameReportCreatedTwice(error: unknown): StaleWriteError | null {
  if (error instanceof Prisma.PrismaClientKnownRequestError && (error.code === "P2002" || uniqueViolationInRawQuery(error))) {
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
      const status = input.decision === "accept" ? "ACCEPTED" : "RETURNED";
      const before = snapshotOf(report);
      const after: ReportSnapshot = { ...before, status, reviewComment: input.comment || null };
      const [updated] = await tx.$queryRaw<{ id: number }[]>`
        WITH report AS (
          UPDATE "ProgressReport"
          SET status = ${status}::"ReportStatus", "reviewComment" = ${after.reviewComment}, "reviewedById" = ${reviewer.id}, "reviewedAt" = ${now},
              "updatedById" = ${reviewer.id}, "updatedAt" = ${now}, version = version + 1
          WHERE id = ${report.id} AND version = ${ref.version} AND status = 'SUBMITTED'
          RETURNING id, version, status
        ), ${revisionAndAudit(input.decision === "accept" ? "report.accept" : "report.return", reviewer.id, now, before, after)}
        SELECT id FROM report`;
      if (!updated) throw new StaleWriteError(`${name}的报告刚刚被他人处理，请刷新后再审核。`);
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
