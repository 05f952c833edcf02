import "server-only";
import { db } from "@/lib/core/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { reportReadScope } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/session";
import { quarterOfRow } from "@/lib/reports/report-record";

/** Accepted reports shown per task on an indicator's page; the task page has them all. */
export const REPORTS_PER_TASK = 8;

/**
 * The accepted reports a reader may see: every unit's for the reviewer and leaders, the own unit's
 * for staff, none for roles that read no reports (then the condition matches nothing).
 */
function acceptedReportsFor(reader: SessionUser): Prisma.ProgressReportWhereInput {
  const scope = reportReadScope(reader);
  if (!scope?.statuses.includes("ACCEPTED")) return { id: { in: [] } };
  return { status: "ACCEPTED", ...(scope.unitId === null ? {} : { unitId: scope.unitId }) };
}

/**
 * The tasks whose work moves an indicator, each with its latest accepted reports (newest quarter
 * first, then the units in the official order) and how many there are in all, with the figure a
 * report gave for this indicator. One query whatever the number of tasks and reports.
 */
export async function listIndicatorTasks(indicatorId: number, reader: SessionUser) {
  const accepted = acceptedReportsFor(reader);
  const rows = await db.indicatorTask.findMany({
    where: { indicatorId },
    orderBy: { task: { number: "asc" } },
    select: {
      task: {
        select: {
          number: true,
          title: true,
          deadlineText: true,
          _count: { select: { reports: { where: accepted } } },
          reports: {
            where: accepted,
            orderBy: [{ year: "desc" }, { quarter: "desc" }, { unit: { sortOrder: "asc" } }],
            take: REPORTS_PER_TASK,
            select: {
              id: true,
              year: true,
              quarter: true,
              progressState: true,
              percent: true,
              unit: { select: { shortName: true } },
              figures: { where: { indicatorId }, select: { value: true, period: true } },
            },
          },
        },
      },
    },
  });
  return rows.map(({ task: { _count, reports, ...task } }) => ({
    ...task,
    acceptedCount: _count.reports,
    reports: reports.map(({ figures, year, quarter, ...report }) => ({
      ...report,
      quarter: quarterOfRow({ year, quarter }),
      figure: figures[0] ? { value: figures[0].value.toString(), period: figures[0].period } : null,
    })),
  }));
}
export type IndicatorTaskItem = Awaited<ReturnType<typeof listIndicatorTasks>>[number];
