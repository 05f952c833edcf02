import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Quarter } from "@/lib/core/quarters";
import type { StaleWrite } from "@/lib/core/versioned-update";
import { canEditReport, type Role } from "@/lib/auth/roles";
import { entrySnapshotOf, milestoneEntryFields } from "./report-milestones";

/** The shape of a stored report shared by every read and write: selections, snapshot, revision SQL. */
export type Tx = Prisma.TransactionClient;

/** A report's indicator figures, in the catalogue's order. */
const figureFields = {
  orderBy: { indicator: { sortOrder: "asc" } },
  select: {
    value: true,
    period: true,
    note: true,
    warning: true,
    indicator: { select: { code: true, name: true, measureUnit: true } },
  },
} satisfies Prisma.ProgressReport$figuresArgs;

/** What a report says and where it stands: shared by the detail and the list selections. */
export const reportContentFields = {
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
  /** Two-level review: LEAD while the task's 牵头单位 has it, FINAL (or null, before levels) for 省生态环境厅. */
  reviewStage: true,
  figures: figureFields,
  /** 沿用上季度: the accepted report this one carries forward, shown to the reviewer as a mark. */
  carriedFrom: { select: { id: true, year: true, quarter: true } },
} satisfies Prisma.ProgressReportSelect;

export const reportFields = {
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
  /** 节点: what the report records of its quarter's milestones (written onto them at submit). */
  milestoneEntries: milestoneEntryFields,
} satisfies Prisma.ProgressReportSelect;

export type ReportRow = Prisma.ProgressReportGetPayload<{ select: typeof reportFields }>;

/** The report as it is kept in each revision and in the audit log. */
export function snapshotOf(report: ReportRow) {
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
    milestones: report.milestoneEntries.map(entrySnapshotOf),
  };
}
export type ReportSnapshot = ReturnType<typeof snapshotOf> & {
  /** Set on the write that carries an accepted report forward: which one (its id and quarter). */
  carriedFrom?: { id: number; quarter: string };
};

/** The text a carried report copies from its accepted source (figures never: each measures its own period). */
export const carriedContentFields = {
  progressState: true,
  percent: true,
  progress: true,
  problems: true,
  nextSteps: true,
} satisfies Prisma.ProgressReportSelect;
export type CarriedContent = Prisma.ProgressReportGetPayload<{ select: typeof carriedContentFields }>;

/** Whether a report still says exactly what its carried source said: once edited, it is no longer "沿用上季度". */
export function sameCarriedContent(a: CarriedContent, b: CarriedContent): boolean {
  return (Object.keys(carriedContentFields) as (keyof CarriedContent)[]).every((key) => a[key] === b[key]);
}

/** A stored year + quarter as a Quarter (the database checks quarter is 1–4). */
export function quarterOfRow(row: { year: number; quarter: number }): Quarter {
  return { year: row.year, quarter: row.quarter as Quarter["quarter"] };
}
type ReportReader = Pick<Tx, "progressReport">;

export async function loadReport(tx: ReportReader, where: Prisma.ProgressReportWhereUniqueInput) {
  return tx.progressReport.findUnique({ where, select: reportFields });
}

/**
 * A stale write of a report, told who saved it last and when and shown the report as that person
 * left it (with whether `reader` may still change it), both from one read of the row.
 */
export function staleReport(reportId: number, reader: { role: Role; unitId: number | null }, message: StaleWrite["message"]): StaleWrite {
  let row: Promise<ReportRow | null> | undefined;
  const read = (tx: Tx) => (row ??= loadReport(tx, { id: reportId }));
  return {
    message,
    lastChange: async (tx) => {
      const report = await read(tx);
      return report ? { who: report.updatedBy.displayName, at: report.updatedAt } : null;
    },
    current: async (tx) => {
      const report = await read(tx);
      return report && { version: report.version, record: { ...snapshotOf(report), editable: canEditReport(reader, report) } };
    },
  };
}

/** Who last wrote a report and when, as the report names it: the one a stale write is told about. */
export function lastReportWriter(reportId: number): StaleWrite["lastChange"] {
  return async (tx) => {
    const report = await tx.progressReport.findUnique({
      where: { id: reportId },
      select: { updatedAt: true, updatedBy: { select: { displayName: true } } },
    });
    return report ? { who: report.updatedBy.displayName, at: report.updatedAt } : null;
  };
}

/**
 * The revision and the audit row of a report write, as statements that follow a `report` CTE
 * returning the written row's id, version and status (nothing is recorded when it returns none).
 * The evidence list is the one stored at the write (files are added and removed without a new
 * version). Times are the app's, in UTC like every timestamp Prisma writes, never the database
 * session's time zone.
 */
export function revisionAndAudit(
  action: string,
  actorId: number,
  at: Date,
  before: ReportSnapshot | null,
  after: ReportSnapshot,
  /** The idempotency key of the request that writes it, and the request's hash (requestHashOf). */
  request?: { id: string; hash: string },
) {
  const snapshot = Prisma.sql`${JSON.stringify(after)}::jsonb || jsonb_build_object('evidence', (
    SELECT coalesce(jsonb_agg(jsonb_build_object('id', e.id, 'fileName', e."fileName", 'sha256', e.sha256) ORDER BY e.id), '[]'::jsonb)
    FROM "EvidenceFile" e WHERE e."reportId" = report.id AND e."removedAt" IS NULL))`;
  return Prisma.sql`
    revision AS (
      INSERT INTO "ReportRevision" ("reportId", version, action, status, snapshot, "actorId", "requestId", "requestHash", at)
      SELECT id, version, ${action}, status, ${snapshot}, ${actorId}, ${request?.id ?? null}, ${request?.hash ?? null}, ${at} FROM report
    ), audit AS (
      INSERT INTO "AuditLog" ("actorId", action, entity, "entityId", before, after, at)
      SELECT ${actorId}, ${action}, 'ProgressReport', id::text, ${before === null ? null : JSON.stringify(before)}::jsonb,
             ${snapshot} || jsonb_build_object('version', version), ${at}
      FROM report
    )`;
}
