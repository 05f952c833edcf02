import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/core/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { SessionUser } from "@/lib/auth/session";
import { canEditReport } from "@/lib/auth/roles";
import {
  chinaToday,
  compareQuarters,
  formatQuarter,
  quarterOfDate,
  quartersOfTask,
  taskSpansQuarter,
  type Quarter,
} from "@/lib/core/quarters";
import { formatIsoDate } from "@/lib/core/dates";
import { StaleWriteError, UserFacingError } from "@/lib/core/errors";
import { staleWriteError, versionedUpdateSql, writtenOrStale, type StaleWrite } from "@/lib/core/versioned-update";
import { REPORT_STATUS_LABELS } from "@/lib/status/status-rules";
import { reviewStageOnSubmit } from "@/lib/review/review-chain";
import { settleNotices } from "@/lib/notices/notify";
import { SUBJECTS } from "@/lib/notices/notice-rules";
import type { SaveReportInput } from "./schemas";
import { figureArea, parsePeriod } from "@/lib/indicators/observation-keys";
import { checkValues, type ValueToCheck } from "@/lib/indicators/quality";
import {
  carriedContentFields,
  quarterOfRow,
  reportFields,
  revisionAndAudit,
  sameCarriedContent,
  snapshotOf,
  staleReport,
  type ReportRow,
  type ReportSnapshot,
  type Tx,
} from "./report-record";
import {
  checkMilestoneEntries,
  mergedEntries,
  milestonesOfReport,
  storeMilestoneEntries,
  writeMilestonesOfReport,
} from "./report-milestones";

const staleMessage: StaleWrite["message"] = ({ who, when }) =>
  `保存未成功：${who} 已于 ${when} 修改了该报告。您填写的内容仍在页面上，请核对后再保存。`;

/** Task, unit and quarter of a report the user wants to write, checked; throws in Chinese otherwise. */
export async function reportingContext(tx: Tx, user: SessionUser, taskNumber: number, quarter: Quarter, today: string) {
  if (user.role !== "STAFF" || user.unitId === null) throw new UserFacingError("只有绑定单位的填报人可以填报进展");
  const task = await tx.task.findUnique({
    where: { number: taskNumber },
    select: {
      id: true,
      number: true,
      deadlineDate: true,
      reviewLevels: true,
      leadUnitId: true,
      indicators: {
        select: {
          indicator: {
            select: { id: true, code: true, name: true, sortOrder: true, ownerUnitId: true, ownerUnit: { select: { shortName: true } } },
          },
        },
      },
      units: { where: { unitId: user.unitId }, select: { unit: { select: { id: true, code: true, kind: true, shortName: true } } } },
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
  return { task, unitId: user.unitId, unit: task.units[0]!.unit, existing: task.reports[0] ?? null };
}

/**
 * Everything a report request asks for, as one SHA-256: the intent (save or submit), task,
 * quarter, the version it is based on, state, percent, every text and every figure (value, period,
 * note) and every milestone entry. Kept on the revision the request wrote, so that a request sent again under its
 * idempotency key is recognised as the same only if it is the same in full.
 */
export function requestHashOf(input: SaveReportInput, options: { keepFigures?: boolean } = {}): string {
  const figures = options.keepFigures
    ? null
    : [...input.figures]
        .sort((a, b) => (a.indicatorCode < b.indicatorCode ? -1 : a.indicatorCode > b.indicatorCode ? 1 : 0))
        .map((figure) => [figure.indicatorCode, figure.value, figure.period, figure.note]);
  const canonical = [
    input.intent,
    input.taskNumber,
    formatQuarter(input.quarter),
    input.version,
    input.progressState,
    input.percent,
    input.progress,
    input.problems,
    input.nextSteps,
    figures,
    // Milestone entries, when the request records any (a request without them hashes as before).
    ...(input.milestones.length > 0
      ? [input.milestones.map((entry) => [entry.milestoneId, entry.outcome, entry.doneDate, entry.reason, entry.newDate])]
      : []),
  ];
  return createHash("sha256").update(JSON.stringify(canonical)).digest("hex");
}

/** The idempotency key of a request and its hash (requestHashOf, or a batch's hash for each report of the batch). */
export interface RequestKey {
  id: string;
  hash: string;
}

/** The key a single form request is recorded under, if it sent one. */
function requestKeyOf(input: SaveReportInput, options: WriteOptions): RequestKey | undefined {
  if (options.request) return options.request;
  return input.requestId ? { id: input.requestId, hash: requestHashOf(input, options) } : undefined;
}

/**
 * The answer already given to this very request (same idempotency key, same user, same request in
 * full), or null when the key is new. A different request under a used key is a client fault: it is
 * refused, changing nothing, rather than guessed at (today's form uses a new key for every
 * different request, and a reused key once answered "已提交" for a save that had stayed a draft).
 */
export async function answeredBefore(tx: Tx, request: RequestKey | undefined, user: SessionUser) {
  if (!request) return null;
  const done = await tx.reportRevision.findUnique({
    where: { requestId: request.id },
    select: { version: true, status: true, actorId: true, requestHash: true, report: { select: { id: true } } },
  });
  if (!done) return null;
  if (done.actorId !== user.id || done.requestHash !== request.hash) {
    throw new UserFacingError(
      "未保存：这次请求与先前用同一请求标识发送的请求内容不同，为免误操作未作任何更改。请刷新页面，核对报告后再保存。",
      {},
      "CONFLICT",
    );
  }
  return { id: done.report.id, status: done.status, version: done.version };
}

export interface WriteOptions {
  /** Leave the stored figures as they are (an import without figure columns, a carried report). */
  keepFigures?: boolean;
  /** The key to record instead of the input's own: one per report of a batch (bulk submit, carry forward). */
  request?: RequestKey;
  /** 沿用上季度: the accepted report whose text this write copies; recorded on the report and audited as such. */
  carriedFrom?: { id: number; year: number; quarter: number };
}

/**
 * Which accepted report the written report carries forward: the one being carried now, or the one
 * it already carried while its text still says exactly that (an edited report is the unit's own).
 */
async function carriedFromOf(tx: Tx, existing: ReportRow | null, input: SaveReportInput, options: WriteOptions) {
  if (options.carriedFrom) return options.carriedFrom.id;
  if (!existing?.carriedFrom) return null;
  const source = await tx.progressReport.findUnique({ where: { id: existing.carriedFrom.id }, select: carriedContentFields });
  return source && sameCarriedContent(source, input) ? existing.carriedFrom.id : null;
}

/**
 * Writes one report inside the caller's transaction: checks, optimistic concurrency, figures,
 * revision and audit row. Used alone (saveReport) and for a whole imported file at once.
 */
export async function writeReport(tx: Tx, input: SaveReportInput, user: SessionUser, today: string, options: WriteOptions = {}) {
  // A retry of a request already applied (its answer was lost on the way): answer it again.
  const request = requestKeyOf(input, options);
  const answered = await answeredBefore(tx, request, user);
  if (answered) return answered;
  const { task, unitId, unit, existing } = await reportingContext(tx, user, input.taskNumber, input.quarter, today);
  const indicatorByCode = new Map(task.indicators.map(({ indicator }) => [indicator.code, indicator]));
  const warnings = options.keepFigures
    ? new Map<string, string>()
    : await checkFigures(tx, input.figures, unit, task.number, indicatorByCode);
  const submit = input.intent === "submit";
  if (existing) {
    // Someone saved, submitted or reviewed since this form was loaded: name them, whatever the
    // report's state is now. (The write below stays conditioned on the version all the same.)
    if (existing.version !== input.version) throw await staleWriteError(tx, staleReport(existing.id, user, staleMessage));
    if (!canEditReport(user, existing)) {
      throw new UserFacingError(`该报告${REPORT_STATUS_LABELS[existing.status]}，不能再修改`);
    }
  } else if (input.version !== 0) {
    throw new StaleWriteError("保存未成功：该报告已不存在，请刷新后重新填写。");
  }
  // The milestones the request records: only the quarter's (and the report's own), each checked.
  const due =
    input.milestones.length > 0
      ? await milestonesOfReport(tx, { taskId: task.id, unitId, quarter: input.quarter, reportId: existing?.id ?? null })
      : [];
  checkMilestoneEntries(input.milestones, due, today);
  // The figures as stored (numeric(14,4)) and shown, in the catalogue's order; none when kept.
  const figures = options.keepFigures
    ? null
    : input.figures
        .map((figure) => ({
          ...figure,
          indicator: indicatorByCode.get(figure.indicatorCode)!,
          value: new Prisma.Decimal(figure.value).toDecimalPlaces(4),
        }))
        .sort((a, b) => a.indicator.sortOrder - b.indicator.sortOrder);
  const carriedFromId = await carriedFromOf(tx, existing, input, options);
  const before = existing ? snapshotOf(existing) : null;
  const after: ReportSnapshot = {
    ...(before ?? { reviewComment: null, figures: [], evidence: [], milestones: [] }),
    status: submit ? "SUBMITTED" : (existing?.status ?? "DRAFT"),
    progressState: input.progressState,
    percent: input.percent,
    progress: input.progress,
    problems: input.problems,
    nextSteps: input.nextSteps,
    ...(figures
      ? {
          figures: figures.map((figure) => ({
            indicator: figure.indicatorCode,
            value: figure.value.toString(),
            period: figure.period,
            note: figure.note,
          })),
        }
      : {}),
    milestones: mergedEntries(before?.milestones ?? [], input.milestones, due),
    ...(options.carriedFrom
      ? { carriedFrom: { id: options.carriedFrom.id, quarter: formatQuarter(quarterOfRow(options.carriedFrom)) } }
      : {}),
  };
  const stage = reviewStageOnSubmit(task, unitId);
  const now = new Date();
  const content = Prisma.sql`${input.progressState}::"ProgressState", ${input.percent}, ${input.progress}, ${input.problems}, ${input.nextSteps}, ${carriedFromId}::int, ${user.id}, ${now}`;
  const returning = Prisma.sql`id, version, status`;
  const report = existing
    ? versionedUpdateSql(
        "ProgressReport",
        { id: existing.id, version: input.version },
        Prisma.sql`("progressState", percent, progress, problems, "nextSteps", "carriedFromId", "updatedById", "updatedAt") = (${content})
                   ${submit ? Prisma.sql`, status = 'SUBMITTED', "submittedAt" = ${now}, "reviewStage" = ${stage}::"ReviewStage"` : Prisma.empty}`,
        { returning },
      )
    : Prisma.sql`
        INSERT INTO "ProgressReport" ("progressState", percent, progress, problems, "nextSteps", "carriedFromId", "updatedById", "updatedAt", "taskId", "unitId", year, quarter, status, "submittedAt", "reviewStage", "createdAt")
        VALUES (${content}, ${task.id}, ${unitId}, ${input.quarter.year}, ${input.quarter.quarter}, ${after.status}::"ReportStatus", ${submit ? now : null},
                ${submit ? stage : null}::"ReviewStage", ${now})
        RETURNING ${returning}`;
  const indicatorIds = figures?.map((figure) => figure.indicator.id);
  const figureWrites = figures
    ? Prisma.sql`,
      removed AS (
        DELETE FROM "ReportFigure" WHERE "reportId" IN (SELECT id FROM report) AND "indicatorId" <> ALL(${indicatorIds}::int[])
      ), written AS (
        INSERT INTO "ReportFigure" ("reportId", "indicatorId", value, period, note, warning)
        SELECT report.id, f.* FROM report, unnest(
          ${indicatorIds}::int[], ${figures.map((figure) => figure.value.toString())}::numeric[],
          ${figures.map((figure) => figure.period)}::text[], ${figures.map((figure) => figure.note)}::text[],
          ${figures.map((figure) => warnings.get(figure.indicatorCode) ?? null)}::text[]) AS f
        ON CONFLICT ("reportId", "indicatorId") DO UPDATE SET value = excluded.value, period = excluded.period, note = excluded.note, warning = excluded.warning
      )`
    : Prisma.empty;
  const action = options.carriedFrom
    ? "report.carry_forward"
    : submit
      ? existing?.status === "RETURNED"
        ? "report.resubmit"
        : "report.submit"
      : "report.save";
  // One statement: the report, its figures, the revision and the audit row, all or nothing.
  const [saved] = await tx.$queryRaw<{ id: number; version: number; status: ReportRow["status"] }[]>`
    WITH report AS (${report}) ${figureWrites}, ${revisionAndAudit(action, user.id, now, before, after, request)}
    SELECT id, version, status FROM report`;
  // Only the update can return nothing (an insert either returns its row or hits the unique key).
  const written = await writtenOrStale(
    tx,
    saved,
    existing ? staleReport(existing.id, user, staleMessage) : { lastChange: async () => null, message: staleMessage },
  );
  await storeMilestoneEntries(tx, written.id, input.milestones);
  // 最多报一次: a submitted report's milestone entries are the milestones' state.
  if (submit) await writeMilestonesOfReport(tx, { id: written.id, quarter: input.quarter }, user.id);
  // Submitted: the reminders that it was due (or overdue, or returned) expect nothing more.
  if (submit) await settleNotices(tx, [SUBJECTS.owedReport(unitId, task.id, input.quarter), `ProgressReport:${written.id}`]);
  return written;
}

type TaskIndicator = Awaited<ReturnType<typeof reportingContext>>["task"]["indicators"][number]["indicator"];

/**
 * A report's figures against the task and the data-quality rules: each must be one of the task's
 * indicators whose value this unit gives (a city's own, or the province's from the owning unit),
 * within the indicator's possible range. Returns the warnings (far jumps) by indicator code; an
 * impossible value throws, naming the field.
 */
async function checkFigures(
  tx: Tx,
  inputs: SaveReportInput["figures"],
  unit: { id: number; code: string; kind: "PROVINCIAL" | "CITY" },
  taskNumber: number,
  indicatorByCode: Map<string, TaskIndicator>,
): Promise<Map<string, string>> {
  const toCheck: (ValueToCheck & { code: string })[] = [];
  for (const figure of inputs) {
    const field = `figure.${figure.indicatorCode}.value`;
    const indicator = indicatorByCode.get(figure.indicatorCode);
    if (!indicator)
      throw new UserFacingError(`指标 ${figure.indicatorCode} 与任务 ${taskNumber} 无关`, { [field]: ["该指标不属于本任务"] });
    const area = figureArea(unit, indicator);
    if (area === null) {
      throw new UserFacingError(`“${indicator.name}”的全省数值由${indicator.ownerUnit.shortName}填报，本单位无需填写`, {
        [field]: [`由${indicator.ownerUnit.shortName}填报`],
      });
    }
    const period = parsePeriod(figure.period)!;
    toCheck.push({ code: figure.indicatorCode, indicatorId: indicator.id, area, ...period, value: figure.value });
  }
  const checks = await checkValues(tx, toCheck);
  const errors = Object.fromEntries(
    toCheck.flatMap((figure, index) => (checks[index]!.error ? [[`figure.${figure.code}.value`, [checks[index]!.error]]] : [])),
  );
  if (Object.keys(errors).length > 0) throw new UserFacingError("未保存：有指标数值超出合理范围，请修改标红的数值", errors);
  return new Map(toCheck.flatMap((figure, index) => (checks[index]!.warning ? [[figure.code, checks[index]!.warning]] : [])));
}

/** Creates or updates the unit's report; `intent: "submit"` also submits it for review. */
export async function saveReport(input: SaveReportInput, user: SessionUser, today = chinaToday()) {
  try {
    return await db.$transaction((tx) => writeReport(tx, input, user, today));
  } catch (error) {
    const createdTwice = isUniqueViolation(error);
    if (!createdTwice && !(error instanceof StaleWriteError)) throw error;
    // The same request sent twice at once (a retry overtaking its first attempt): the one that
    // landed answers both. Read after the refused transaction, so the other one's commit is seen.
    const answered = await db.$transaction((tx) => answeredBefore(tx, requestKeyOf(input, {}), user));
    if (answered) return answered;
    if (createdTwice) throw await createdMeanwhile(input, user);
    throw error;
  }
}

function uniqueViolationInRawQuery(error: Prisma.PrismaClientKnownRequestError): boolean {
  const cause = (error.meta?.driverAdapterError as { cause?: { originalCode?: string } } | undefined)?.cause;
  return error.code === "P2010" && cause?.originalCode === "23505";
}

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && (error.code === "P2002" || uniqueViolationInRawQuery(error));
}

const CREATED_TWICE = "保存未成功：同单位的其他人刚刚创建了这份报告。您填写的内容仍在页面上，请刷新对比后再保存。";

/** Two people creating the same report at once: the second insert hits the unique key. */
export function sameReportCreatedTwice(error: unknown): StaleWriteError | null {
  return isUniqueViolation(error) ? new StaleWriteError(CREATED_TWICE) : null;
}

/** The refusal of a first save that someone else's first save beat: naming them, with their version to compare. */
async function createdMeanwhile(input: SaveReportInput, user: SessionUser): Promise<StaleWriteError> {
  const report =
    user.unitId === null
      ? null
      : await db.progressReport.findFirst({
          where: { task: { number: input.taskNumber }, unitId: user.unitId, year: input.quarter.year, quarter: input.quarter.quarter },
          select: { id: true },
        });
  if (!report) return new StaleWriteError(CREATED_TWICE);
  return db.$transaction((tx) =>
    staleWriteError(
      tx,
      staleReport(
        report.id,
        user,
        ({ who, when }) => `保存未成功：在您之前，${who} 已于 ${when} 保存了这份报告。您填写的内容仍在页面上，请核对后再保存。`,
      ),
    ),
  );
}
