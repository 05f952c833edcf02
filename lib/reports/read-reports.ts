import "server-only";
import { db } from "@/lib/core/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { SessionUser } from "@/lib/auth/session";
import { canEditReport, canWithdrawReport, reportReadScope, scopeAllows, type ReportScope } from "@/lib/auth/roles";
import { addQuarters, chinaToday, type Quarter } from "@/lib/core/quarters";
import { UserFacingError } from "@/lib/core/errors";
import { REPORT_LIST_LIMIT, type ProgressQuery } from "./schemas";
import { loadReport, quarterOfRow, reportContentFields, reportFields } from "./report-record";
import { reportingContext } from "./save-report";
import { milestonesOfReport } from "./report-milestones";
import { taskHeadingSelect } from "@/lib/plan/tasks";
import { areaIndicatorName, figureArea } from "@/lib/indicators/observation-keys";

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
      task: { select: taskHeadingSelect },
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
      AND: [
        scopeWhere(scope!),
        { taskId: report.taskId, unitId: report.unitId, year: previousQuarter.year, quarter: previousQuarter.quarter },
      ],
    },
    select: reportFields,
  });
  return { report, previous, editable: canEditReport(user, report), withdrawable: canWithdrawReport(user, report) };
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
        ...taskHeadingSelect,
        indicators: {
          orderBy: { indicator: { sortOrder: "asc" } },
          select: {
            indicator: {
              select: {
                code: true,
                name: true,
                measureUnit: true,
                ownerUnitId: true,
                targets: { orderBy: { year: "asc" }, select: { year: true, text: true } },
              },
            },
          },
        },
      },
    });
    const report = context.existing;
    const previous = await loadReport(tx, { taskId_unitId_year_quarter: keyOf(before) });
    const milestones = await milestonesOfReport(tx, {
      taskId: context.task.id,
      unitId: context.unitId,
      quarter,
      reportId: report?.id ?? null,
    });
    const { unit } = context;
    return {
      task: {
        ...task,
        // Only the figures that become this unit's values (最多报一次), named for its area.
        indicators: task.indicators
          .filter(({ indicator }) => figureArea(unit, indicator) !== null)
          .map(({ indicator }) => ({
            indicator: { ...indicator, name: areaIndicatorName(indicator.name, unit.kind === "CITY" ? unit.shortName : null) },
          })),
      },
      report,
      previous,
      milestones,
      editable: !report || canEditReport(user, report),
      withdrawable: report !== null && canWithdrawReport(user, report),
    };
  });
}
export type ReportForm = Awaited<ReturnType<typeof getReportForm>>;
