import "server-only";
import { db } from "@/lib/core/db";
import { assessAllIndicators } from "@/lib/indicators/observations";
import { PROVINCE } from "@/lib/indicators/observation-keys";
import { reportingCounts } from "@/lib/reminders/reminders";
import type { TaskStatus } from "@/lib/status/status-rules";
import { taskStatuses, countByStatus } from "./dashboard";
import { coordinationInPeriod } from "@/lib/coordination/coordination";
import { openStepsAt } from "@/lib/escalation/escalations";
import { addDays, addQuarters, formatQuarter, quarterLabel, type Quarter } from "@/lib/core/quarters";

/**
 * 本季度变化: what happened between the close of the previous quarter's reporting window and the
 * close of this one's (or now, while it is open):
 *
 * - reports received (submitted), accepted and returned, per section and per unit, from the
 *   reports' revisions (every submit, withdrawal and review keeps one, with its time: a report
 *   returned and accepted since still counts as returned) and the reports' own submission and
 *   review times;
 * - tasks whose status changed, from the status snapshots of the two moments. A past moment's
 *   snapshot is kept a week only; when it is gone, currentSnapshot() derives it again from the
 *   report history (reports accepted and submitted by the end of that day), which is the same as
 *   the snapshot of that day except for a report withdrawn and resubmitted since (its submission
 *   time is the latest one);
 * - indicator values accepted (reviewedAt in the period; demo figures are not news);
 * - 催办/通报 sent (Reminder rows created in the period);
 * - units still owing reports for the last closed quarter;
 * - 需协调事项 raised and closed in the period, and those still open at its end;
 * - 督办 steps (催办 … 挂牌督办) still open at its end.
 *
 * A bounded number of queries whatever the data: each list is one aggregate in Postgres.
 */

export interface ReportTally {
  received: number;
  accepted: number;
  returned: number;
}

export interface SectionTally extends ReportTally {
  section: number;
  title: string;
}

export interface UnitTally extends ReportTally {
  unit: string;
  /** Reports accepted and returned, as task numbers with the quarter they report on. */
  acceptedTasks: BriefReport[];
  returnedTasks: BriefReport[];
}

export interface BriefReport {
  task: number;
  quarter: Quarter;
}

export interface StatusChange {
  number: number;
  title: string;
  before: TaskStatus;
  now: TaskStatus;
}

export interface AcceptedValue {
  indicator: string;
  /** The indicator named for its area: "抚州市细颗粒物（PM2.5）平均浓度", "森林覆盖率（全省）". */
  label: string;
  /** 全省, or the city's Chinese name. */
  area: string;
  value: string;
  measureUnit: string;
  /** "2026年" or "2026年第三季度". */
  period: string;
  reviewedAt: Date;
}

export interface SentReminder {
  unit: string;
  level: "REMIND" | "CIRCULATE";
  quarter: Quarter;
  createdAt: Date;
}

export interface LateUnit {
  unit: string;
  owed: number;
  submitted: number;
}

/** The instants a brief covers: after `since`, up to and including `until`. */
export interface BriefPeriod {
  since: Date;
  until: Date;
  /** The China-time days the period runs over, first and last. */
  firstDay: string;
  lastDay: string;
}

interface ReportEventRow {
  section: number | null;
  sectionTitle: string | null;
  unit: string | null;
  received: number;
  accepted: number;
  returned: number;
  acceptedTasks: { task: number; year: number; quarter: number }[] | null;
  returnedTasks: { task: number; year: number; quarter: number }[] | null;
}

const asQuarter = (row: { year: number; quarter: number }): Quarter => ({ year: row.year, quarter: row.quarter as Quarter["quarter"] });
const reportsOf = (rows: ReportEventRow["acceptedTasks"]): BriefReport[] =>
  (rows ?? []).map((row) => ({ task: row.task, quarter: asQuarter(row) }));

/**
 * Reports with a submission, an acceptance or a return in the period, counted once each per
 * kind, per section and per unit in one grouping-sets query over the revisions.
 */
async function reportEvents(period: BriefPeriod): Promise<{ sections: SectionTally[]; units: UnitTally[]; totals: ReportTally }> {
  const rows = await db.$queryRaw<ReportEventRow[]>`
    WITH happened AS (
      SELECT v."reportId", v.status FROM "ReportRevision" v
      WHERE v.at > ${period.since} AND v.at <= ${period.until} AND v.status <> 'DRAFT'
      UNION ALL
      -- Reports written without revisions (history loaded from elsewhere) count by their own times.
      SELECT r.id, 'SUBMITTED' FROM "ProgressReport" r WHERE r."submittedAt" > ${period.since} AND r."submittedAt" <= ${period.until}
      UNION ALL
      SELECT r.id, r.status FROM "ProgressReport" r
      WHERE r.status IN ('ACCEPTED', 'RETURNED') AND r."reviewedAt" > ${period.since} AND r."reviewedAt" <= ${period.until}
    ), events AS (
      SELECT "reportId",
             bool_or(status = 'SUBMITTED') AS received,
             bool_or(status = 'ACCEPTED') AS accepted,
             bool_or(status = 'RETURNED') AS returned
      FROM happened GROUP BY "reportId"
    )
    SELECT s.number AS section, s.title AS "sectionTitle", u."shortName" AS unit,
           count(*) FILTER (WHERE e.received)::int AS received,
           count(*) FILTER (WHERE e.accepted)::int AS accepted,
           count(*) FILTER (WHERE e.returned)::int AS returned,
           CASE WHEN GROUPING(u."shortName") = 0 THEN
             jsonb_agg(jsonb_build_object('task', t.number, 'year', r.year, 'quarter', r.quarter) ORDER BY t.number, r.year, r.quarter) FILTER (WHERE e.accepted)
           END AS "acceptedTasks",
           CASE WHEN GROUPING(u."shortName") = 0 THEN
             jsonb_agg(jsonb_build_object('task', t.number, 'year', r.year, 'quarter', r.quarter) ORDER BY t.number, r.year, r.quarter) FILTER (WHERE e.returned)
           END AS "returnedTasks",
           min(u."sortOrder") AS "sortOrder"
    FROM events e
    JOIN "ProgressReport" r ON r.id = e."reportId"
    JOIN "Task" t ON t.id = r."taskId"
    JOIN "Section" s ON s.id = t."sectionId"
    JOIN "Unit" u ON u.id = r."unitId"
    GROUP BY GROUPING SETS ((s.number, s.title), (u."shortName"), ())
    ORDER BY s.number NULLS LAST, "sortOrder"`;
  const tally = (row: ReportEventRow): ReportTally => ({ received: row.received, accepted: row.accepted, returned: row.returned });
  const total = rows.find((row) => row.section === null && row.unit === null);
  return {
    sections: rows.filter((row) => row.section !== null).map((row) => ({ section: row.section!, title: row.sectionTitle!, ...tally(row) })),
    units: rows
      .filter((row) => row.unit !== null)
      .map((row) => ({
        unit: row.unit!,
        ...tally(row),
        acceptedTasks: reportsOf(row.acceptedTasks),
        returnedTasks: reportsOf(row.returnedTasks),
      })),
    totals: total ? tally(total) : { received: 0, accepted: 0, returned: 0 },
  };
}

/** Names written for the province ("全省…") read for the value's own area. */
function areaLabel(name: string, area: string): string {
  if (name.startsWith("全省")) return `${area}${name.slice(2)}`;
  return `${name}（${area}）`;
}

/** Indicator values accepted in the period, with the area and the period in Chinese. */
async function acceptedValues(period: BriefPeriod): Promise<AcceptedValue[]> {
  const rows = await db.$queryRaw<(Omit<AcceptedValue, "period" | "value" | "label"> & { value: string; year: number; quarter: number })[]>`
    SELECT i.name AS indicator, i."measureUnit",
           CASE WHEN o.area = ${PROVINCE} THEN '全省' ELSE coalesce(u."shortName", '（未知地区）') END AS area,
           o.value::text AS value, o.year, o.quarter, o."reviewedAt"
    FROM "IndicatorObservation" o
    JOIN "Indicator" i ON i.id = o."indicatorId"
    LEFT JOIN "Unit" u ON u.code = o.area
    WHERE o.status = 'ACCEPTED' AND NOT o.demo AND o."reviewedAt" > ${period.since} AND o."reviewedAt" <= ${period.until}
    ORDER BY i."sortOrder", (o.area <> ${PROVINCE}), u."sortOrder", o.year, o.quarter`;
  return rows.map(({ year, quarter, value, ...row }) => ({
    ...row,
    label: areaLabel(row.indicator, row.area),
    // Decimal(14,4) as text, without trailing zeros: 30.2000 → 30.2.
    value: value.includes(".") ? value.replace(/\.?0+$/, "") : value,
    period: quarter ? quarterLabel(asQuarter({ year, quarter })) : `${year}年`,
  }));
}

async function sentReminders(period: BriefPeriod): Promise<SentReminder[]> {
  const rows = await db.$queryRaw<(Omit<SentReminder, "quarter"> & { year: number; quarter: number })[]>`
    SELECT u."shortName" AS unit, m.level::text AS level, m.year, m.quarter, m."createdAt"
    FROM "Reminder" m JOIN "Unit" u ON u.id = m."unitId"
    WHERE m."createdAt" > ${period.since} AND m."createdAt" <= ${period.until}
    ORDER BY m."createdAt", u."sortOrder"`;
  return rows.map(({ year, quarter, ...row }) => ({ ...row, quarter: asQuarter({ year, quarter }) }));
}

/** Units owing reports for the quarter (fewer submitted than owed), in the official order. */
async function lateUnits(quarter: Quarter): Promise<LateUnit[]> {
  const [counts, units] = await Promise.all([
    reportingCounts(quarter, quarter),
    db.unit.findMany({ orderBy: { sortOrder: "asc" }, select: { id: true, shortName: true } }),
  ]);
  const late = new Map(counts.filter((count) => count.submitted < count.owed).map((count) => [count.unitId, count]));
  return units.flatMap((unit) => {
    const count = late.get(unit.id);
    return count ? [{ unit: unit.shortName, owed: count.owed, submitted: count.submitted }] : [];
  });
}

/** The first instant after a China-time day. */
const endOfDay = (day: string) => new Date(`${addDays(day, 1)}T00:00:00+08:00`);

export async function quarterBrief(quarter?: Quarter, nowText?: string) {
  const now = await taskStatuses(quarter ? formatQuarter(quarter) : undefined, nowText);
  const before = await taskStatuses(formatQuarter(addQuarters(now.moment.collecting, -1)), nowText);
  const period: BriefPeriod = {
    since: endOfDay(before.moment.today),
    until: now.moment.asOf,
    firstDay: addDays(before.moment.today, 1),
    lastDay: now.moment.today,
  };
  const previous = new Map(before.tasks.map((task) => [task.number, task.status]));
  const statusChanges: StatusChange[] = now.tasks.flatMap((task) => {
    const was = previous.get(task.number);
    return was !== undefined && was !== task.status ? [{ number: task.number, title: task.title, before: was, now: task.status }] : [];
  });
  const year = (today: string) => Number(today.slice(0, 4));
  const [reports, values, reminders, late, indicatorsNow, indicatorsBefore, coordination, escalations] = await Promise.all([
    reportEvents(period),
    acceptedValues(period),
    sentReminders(period),
    lateUnits(now.moment.lastClosed),
    assessAllIndicators(year(now.moment.today), now.moment.asOf),
    assessAllIndicators(year(before.moment.today), before.moment.asOf),
    coordinationInPeriod(period),
    openStepsAt(period.until),
  ]);
  const verdictBefore = new Map(indicatorsBefore.map((item) => [item.indicator.code, item.assessment.verdict]));
  const verdictChanges = indicatorsNow
    .filter((item) => verdictBefore.get(item.indicator.code) !== item.assessment.verdict)
    .map((item) => ({
      code: item.indicator.code,
      name: item.indicator.name,
      before: verdictBefore.get(item.indicator.code) ?? "NO_DATA",
      now: item.assessment.verdict,
    }));
  return {
    now: now.moment,
    before: before.moment,
    period,
    reports,
    countsNow: countByStatus(now.tasks),
    countsBefore: countByStatus(before.tasks),
    statusChanges,
    values,
    reminders,
    late,
    verdictChanges,
    coordination,
    escalations,
  };
}

export type QuarterBrief = Awaited<ReturnType<typeof quarterBrief>>;

/** Accepted or returned reports of a unit as text: "任务3、5（2026年第三季度）". */
export function briefReportsText(reports: readonly BriefReport[], collecting: Quarter): string {
  const byQuarter = new Map<string, { quarter: Quarter; tasks: number[] }>();
  for (const report of reports) {
    const key = formatQuarter(report.quarter);
    const group = byQuarter.get(key) ?? { quarter: report.quarter, tasks: [] };
    group.tasks.push(report.task);
    byQuarter.set(key, group);
  }
  return [...byQuarter.values()]
    .map(({ quarter, tasks }) => {
      const when = formatQuarter(quarter) === formatQuarter(collecting) ? "" : `（${quarterLabel(quarter)}）`;
      return `任务${tasks.join("、")}${when}`;
    })
    .join("；");
}
