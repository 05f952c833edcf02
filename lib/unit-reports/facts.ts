import "server-only";
import { db } from "@/lib/core/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { chinaToday } from "@/lib/core/quarters";
import { formatIsoDate } from "@/lib/core/dates";
import type { UnitReportFacts } from "./unit-report-text";

/**
 * What the system already knows of a unit's year, for the draft of its annual report: its latest
 * accepted quarterly report per task, its measures and milestones, the accepted indicator values
 * its reports carried and the 需协调事项 it raised. Five queries whatever the volume.
 */
export async function unitReportFacts(unit: { id: number; name: string }, year: number): Promise<UnitReportFacts> {
  const yearStart = new Date(`${year}-01-01T00:00:00+08:00`);
  const yearEnd = new Date(`${year + 1}-01-01T00:00:00+08:00`);
  const today = chinaToday();
  const asOf = today < `${year + 1}-01-01` ? today : `${year}-12-31`;
  const [tasksCarried, reports, lists, observations, coordination] = await Promise.all([
    db.taskUnit.count({ where: { unitId: unit.id } }),
    db.$queryRaw<
      { number: number; title: string; quarter: number; percent: number; progress: string; problems: string; nextSteps: string }[]
    >(Prisma.sql`
      SELECT DISTINCT ON (t.number) t.number, t.title, r.quarter, r.percent, r.progress, r.problems, r."nextSteps"
      FROM "ProgressReport" r JOIN "Task" t ON t.id = r."taskId"
      WHERE r."unitId" = ${unit.id} AND r.year = ${year} AND r.status = 'ACCEPTED'
      ORDER BY t.number, r.quarter DESC`),
    db.measureList.findMany({
      where: { unitId: unit.id, year },
      select: {
        task: { select: { number: true } },
        measures: {
          select: {
            milestones: {
              orderBy: { plannedDate: "asc" },
              select: { title: true, plannedDate: true, status: true, checks: { where: { passed: true }, select: { id: true }, take: 1 } },
            },
          },
        },
      },
      orderBy: { task: { number: "asc" } },
    }),
    db.indicatorObservation.findMany({
      where: { status: "ACCEPTED", year, sourceReport: { unitId: unit.id } },
      select: { value: true, quarter: true, indicator: { select: { name: true, measureUnit: true } } },
      orderBy: [{ indicator: { code: "asc" } }, { quarter: "asc" }],
    }),
    db.coordinationIssue.findMany({
      where: { raisedByUnitId: unit.id, createdAt: { gte: yearStart, lt: yearEnd } },
      select: { title: true, status: true, toLeadership: true, addressedToUnit: { select: { shortName: true } } },
      orderBy: { createdAt: "asc" },
    }),
  ]);

  const reportsAccepted = reports.length ? await db.progressReport.count({ where: { unitId: unit.id, year, status: "ACCEPTED" } }) : 0;
  const milestones = {
    total: 0,
    done: 0,
    verified: 0,
    late: 0,
    dropped: 0,
    overdue: 0,
    notable: [] as UnitReportFacts["milestones"]["notable"],
  };
  let measures = 0;
  const concerns: UnitReportFacts["milestones"]["notable"] = [];
  for (const list of lists) {
    for (const measure of list.measures) {
      measures += 1;
      for (const milestone of measure.milestones) {
        milestones.total += 1;
        const plannedDate = formatIsoDate(milestone.plannedDate);
        const verified = milestone.checks.length > 0;
        if (milestone.status === "DONE") {
          milestones.done += 1;
          if (verified) milestones.verified += 1;
          milestones.notable.push({ title: milestone.title, task: list.task.number, plannedDate, state: verified ? "verified" : "done" });
        } else if (milestone.status === "LATE") {
          milestones.late += 1;
          concerns.push({ title: milestone.title, task: list.task.number, plannedDate, state: "late" });
        } else if (milestone.status === "DROPPED") {
          milestones.dropped += 1;
        } else if (plannedDate < asOf) {
          milestones.overdue += 1;
          concerns.push({ title: milestone.title, task: list.task.number, plannedDate, state: "overdue" });
        }
      }
    }
  }
  milestones.notable.sort((a, b) => Number(b.state === "verified") - Number(a.state === "verified"));
  milestones.notable = [...milestones.notable.slice(0, 3), ...concerns.slice(0, 3)];

  return {
    year,
    unitName: unit.name,
    tasksCarried,
    reportsAccepted,
    tasks: reports,
    measures,
    milestones,
    indicators: observations.map((row) => ({
      name: row.indicator.name,
      value: row.value.toString(),
      measureUnit: row.indicator.measureUnit,
      period: row.quarter ? `${year}年第${"一二三四"[row.quarter - 1]}季度` : `${year}年`,
    })),
    coordination: coordination.map((item) => ({
      title: item.title,
      addressedTo: item.toLeadership ? "省领导" : (item.addressedToUnit?.shortName ?? "有关单位"),
      open: item.status !== "CLOSED",
    })),
  };
}
