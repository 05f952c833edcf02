import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { formatIsoDate } from "@/lib/domain/dates";
import { rollUpTask, type TaskStatus, type UnitTaskStatus } from "@/lib/domain/progress-status";
import { addDays, addQuarters, type Quarter } from "@/lib/domain/quarters";
import { reportingCounts } from "./reminders";
import { currentSnapshot, momentFor, type Moment } from "./status-snapshot";

export interface DashboardFilters {
  /** The quarter being collected; the dashboard shows the state as of its window's close (or now). */
  quarter?: Quarter;
  section?: number;
  unit?: string;
  city?: string;
}

/** A task rolled up over the units the filters select. */
export interface TaskRollUp {
  taskId: number;
  number: number;
  title: string;
  section: number;
  deadline: string;
  status: TaskStatus;
  /** Units (task × unit pairs) counted, and the sum of their percents complete. */
  pairs: number;
  percentSum: number;
}

/** One unit over the tasks the filters select. */
export interface UnitTally {
  code: string;
  shortName: string;
  kind: "PROVINCIAL" | "CITY";
  assignments: number;
  lagging: number;
  percentSum: number;
}

const LAGGING: ReadonlySet<TaskStatus> = new Set(["OVERDUE", "OVERDUE_REPORT", "BEHIND"]);
export const isLagging = (status: TaskStatus) => LAGGING.has(status);

const quarterOf = (text: string): Quarter => ({ year: Number(text.slice(0, 4)), quarter: Number(text.slice(5)) as Quarter["quarter"] });

/** Tasks and units, once per request: names and deadlines join the aggregates in memory. */
const catalogue = cache(async () => {
  const [tasks, units] = await Promise.all([
    db.task.findMany({ orderBy: { number: "asc" }, select: { id: true, number: true, title: true, deadlineDate: true, section: { select: { number: true } } } }),
    db.unit.findMany({ select: { id: true, code: true, shortName: true, kind: true } }),
  ]);
  return { tasks: tasks.map((task) => ({ ...task, deadline: formatIsoDate(task.deadlineDate), section: task.section.number })), units };
});

/** The snapshot's pairs narrowed to one unit and/or one section, as a SQL condition. */
async function pairFilter(unitCode: string | undefined, section: number | undefined) {
  const { tasks, units } = await catalogue();
  const conditions: Prisma.Sql[] = [];
  if (unitCode) conditions.push(Prisma.sql`p."unitId" = ${units.find((unit) => unit.code === unitCode)?.id ?? -1}`);
  if (section) conditions.push(Prisma.sql`p."taskId" = ANY(${tasks.filter((task) => task.section === section).map((task) => task.id)}::int[])`);
  return conditions.length ? Prisma.sql`AND ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
}

interface AggregateRow {
  taskId: number | null;
  status: UnitTaskStatus | null;
  unitId: number | null;
  pairs: number;
  lagging: number;
  percentSum: number;
}

/**
 * The dashboard's figures for a moment and filters: every task rolled up over the selected units,
 * and every unit over the selected tasks. One scan of the moment's status snapshot, grouped two
 * ways in SQL; the rows that reach the app number about (tasks × statuses + units), whatever the
 * number of reports. Cached per request.
 */
export const taskStatuses = cache(
  async (quarterText?: string, asOfText?: string, unitCode?: string, section?: number): Promise<{ moment: Moment; tasks: TaskRollUp[]; units: UnitTally[] }> => {
    const moment = await momentFor(quarterText ? quarterOf(quarterText) : undefined, asOfText ? new Date(asOfText) : undefined);
    const [snapshotId, filter, { tasks: taskRows, units: unitRows }] = await Promise.all([currentSnapshot(moment), pairFilter(unitCode, section), catalogue()]);
    const rows = await db.$queryRaw<AggregateRow[]>(Prisma.sql`
      SELECT p."taskId", p.status, p."unitId", count(*)::int AS pairs,
             (count(*) FILTER (WHERE p.status::text = ANY(${[...LAGGING]}::text[])))::int AS lagging,
             sum(p.percent)::int AS "percentSum"
      FROM "PairStatus" p
      WHERE p."snapshotId" = ${snapshotId} ${filter}
      GROUP BY GROUPING SETS ((p."taskId", p.status), (p."unitId"))
    `);
    const byTask = new Map<number, { statuses: UnitTaskStatus[]; pairs: number; percentSum: number }>();
    const units: UnitTally[] = [];
    const unitById = new Map(unitRows.map((unit) => [unit.id, unit]));
    for (const row of rows) {
      if (row.unitId !== null) {
        const { code, shortName, kind } = unitById.get(row.unitId)!;
        units.push({ code, shortName, kind, assignments: row.pairs, lagging: row.lagging, percentSum: row.percentSum });
        continue;
      }
      const task = byTask.get(row.taskId!) ?? { statuses: [], pairs: 0, percentSum: 0 };
      task.statuses.push(row.status!);
      task.pairs += row.pairs;
      task.percentSum += row.percentSum;
      byTask.set(row.taskId!, task);
    }
    const tasks = taskRows.flatMap((info): TaskRollUp[] => {
      const pairs = byTask.get(info.id);
      if (!pairs) return [];
      const { id, number, title, section, deadline } = info;
      return [{ taskId: id, number, title, section, deadline, status: rollUpTask(deadline, pairs.statuses, moment.today), pairs: pairs.pairs, percentSum: pairs.percentSum }];
    });
    return { moment, tasks, units };
  },
);

export interface LaggingUnit {
  code: string;
  shortName: string;
  status: UnitTaskStatus;
  reason: string;
}

/** Per task, the selected units that lag (behind or late with a report), for the drill-down. */
export async function laggingUnits(quarterText?: string, asOfText?: string, unitCode?: string, section?: number): Promise<Map<number, LaggingUnit[]>> {
  const moment = await momentFor(quarterText ? quarterOf(quarterText) : undefined, asOfText ? new Date(asOfText) : undefined);
  const [snapshotId, filter, { units }] = await Promise.all([currentSnapshot(moment), pairFilter(unitCode, section), catalogue()]);
  const rows = await db.$queryRaw<{ taskId: number; unitId: number; status: UnitTaskStatus; reason: string }[]>(Prisma.sql`
    SELECT p."taskId", p."unitId", p.status, p.reason FROM "PairStatus" p
    WHERE p."snapshotId" = ${snapshotId} AND p.status::text = ANY(${[...LAGGING]}::text[]) ${filter}
    ORDER BY p."taskId", p."unitId"
  `);
  const unitById = new Map(units.map((unit) => [unit.id, unit]));
  const byTask = new Map<number, LaggingUnit[]>();
  for (const row of rows) {
    const { code, shortName } = unitById.get(row.unitId)!;
    byTask.set(row.taskId, [...(byTask.get(row.taskId) ?? []), { code, shortName, status: row.status, reason: row.reason }]);
  }
  return byTask;
}

export const TASK_STATUS_ORDER: TaskStatus[] = ["OVERDUE", "OVERDUE_REPORT", "BEHIND", "DUE_SOON", "ON_TRACK", "DONE"];

export function countByStatus(tasks: readonly { status: TaskStatus }[]): Record<TaskStatus, number> {
  const counts = Object.fromEntries(TASK_STATUS_ORDER.map((status) => [status, 0])) as Record<TaskStatus, number>;
  for (const task of tasks) counts[task.status] += 1;
  return counts;
}

export interface SectionCompletion {
  section: number;
  title: string;
  tasks: number;
  averagePercent: number;
  lagging: number;
}

export async function sectionCompletion(tasks: TaskRollUp[]): Promise<SectionCompletion[]> {
  const sections = await db.section.findMany({ orderBy: { number: "asc" }, select: { number: true, title: true } });
  return sections.map((section) => {
    const own = tasks.filter((task) => task.section === section.number);
    const pairs = own.reduce((sum, task) => sum + task.pairs, 0);
    return {
      section: section.number,
      title: section.title,
      tasks: own.length,
      averagePercent: pairs ? Math.round(own.reduce((sum, task) => sum + task.percentSum, 0) / pairs) : 0,
      lagging: own.filter((task) => isLagging(task.status)).length,
    };
  });
}

export interface UnitRank {
  code: string;
  shortName: string;
  kind: "PROVINCIAL" | "CITY";
  assignments: number;
  lagging: number;
  onTimeShare: number;
  averagePercent: number;
}

/** Units of one kind ranked by the share of their tasks not lagging, then by average percent. */
export function rankUnits(units: UnitTally[], kind: "PROVINCIAL" | "CITY"): UnitRank[] {
  return units
    .filter((unit) => unit.kind === kind)
    .map(({ percentSum, ...unit }) => ({
      ...unit,
      onTimeShare: Math.round(((unit.assignments - unit.lagging) / unit.assignments) * 100),
      averagePercent: Math.round(percentSum / unit.assignments),
    }))
    .sort((a, b) => b.onTimeShare - a.onTimeShare || b.averagePercent - a.averagePercent || a.shortName.localeCompare(b.shortName, "zh"));
}

/** Reports owed, submitted and accepted per quarter over all units (or one), from one SQL query. */
export async function reportingShares(from: Quarter, to: Quarter, unitCode?: string) {
  const unitId = unitCode ? (await db.unit.findUnique({ where: { code: unitCode }, select: { id: true } }))?.id : undefined;
  const counts = await reportingCounts(from, to, unitId);
  const totals = new Map<string, { quarter: Quarter; owed: number; submitted: number; accepted: number }>();
  for (let index = from.year * 4 + from.quarter - 1; index <= to.year * 4 + to.quarter - 1; index += 1) {
    const quarter = { year: Math.floor(index / 4), quarter: ((index % 4) + 1) as Quarter["quarter"] };
    totals.set(`${quarter.year}Q${quarter.quarter}`, { quarter, owed: 0, submitted: 0, accepted: 0 });
  }
  for (const count of counts) {
    const total = totals.get(`${count.quarter.year}Q${count.quarter.quarter}`);
    if (!total) continue;
    total.owed += count.owed;
    total.submitted += count.submitted;
    total.accepted += count.accepted;
  }
  return [...totals.values()];
}

/** Tasks whose deadline falls within twelve months of the moment. */
export function upcomingDeadlines(tasks: TaskRollUp[], moment: Moment): TaskRollUp[] {
  const horizon = addDays(moment.today, 365);
  return tasks.filter((task) => task.deadline >= moment.today && task.deadline <= horizon).sort((a, b) => a.deadline.localeCompare(b.deadline) || a.number - b.number);
}

/** Units that reported in the quarter before the last closed one and not in the last closed one. */
export async function unitsThatStoppedReporting(moment: Moment) {
  const before = addQuarters(moment.lastClosed, -1);
  const counts = await reportingCounts(before, moment.lastClosed);
  const index = (quarter: Quarter) => quarter.year * 4 + quarter.quarter;
  const reportedBefore = new Set(counts.filter((count) => index(count.quarter) === index(before) && count.submitted > 0).map((count) => count.unitId));
  const stopped = counts.filter((count) => index(count.quarter) === index(moment.lastClosed) && count.submitted === 0 && reportedBefore.has(count.unitId));
  const units = await db.unit.findMany({ where: { id: { in: stopped.map((count) => count.unitId) } }, orderBy: { sortOrder: "asc" }, select: { code: true, shortName: true } });
  return units;
}
