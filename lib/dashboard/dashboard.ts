import "server-only";
import { cache } from "react";
import { db } from "@/lib/core/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { formatIsoDate } from "@/lib/core/dates";
import {
  isLagging,
  LAGGING_STATUSES,
  rollUpTask,
  TASK_STATUS_ORDER,
  type TaskStatus,
  type UnitTaskStatus,
} from "@/lib/status/status-rules";
import { addDays, addQuarters, compareQuarters, parseQuarter, type Quarter } from "@/lib/core/quarters";
import { reportingCounts } from "@/lib/reminders/reminders";
import { currentSnapshot, momentFor, type Moment } from "@/lib/status/status-snapshot";
import { listSections } from "@/lib/plan/tasks";
import { rankingEnds, rankUnitTallies, type Ranking, type UnitRank, type UnitTally } from "./unit-ranking";

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

/** The moment of a dashboard view and its status snapshot (built or brought up to date first). */
const snapshotOf = cache(async (quarterText?: string, asOfText?: string) => {
  const moment = await momentFor((quarterText && parseQuarter(quarterText)) || undefined, asOfText ? new Date(asOfText) : undefined);
  return { moment, snapshotId: await currentSnapshot(moment) };
});

/** The 60 tasks, once per request: titles and deadlines join the aggregates in memory. */
const taskCatalogue = cache(async () => {
  const tasks = await db.task.findMany({
    orderBy: { number: "asc" },
    select: { id: true, number: true, title: true, deadlineDate: true, section: { select: { number: true } } },
  });
  return tasks.map((task) => ({
    id: task.id,
    number: task.number,
    title: task.title,
    deadline: formatIsoDate(task.deadlineDate),
    section: task.section.number,
  }));
});

/** The SQL condition on a snapshot row's unit, given its code. */
const ofUnit = (unitCode: string) => Prisma.sql`"unitId" = (SELECT id FROM "Unit" WHERE code = ${unitCode})`;

/** SQL conditions on a snapshot's rows: one unit (by code) and/or one section's tasks. */
async function pairConditions(unitCode: string | undefined, section: number | undefined): Promise<Prisma.Sql> {
  const conditions: Prisma.Sql[] = [];
  if (unitCode) conditions.push(ofUnit(unitCode));
  if (section) {
    const taskIds = (await taskCatalogue()).filter((task) => task.section === section).map((task) => task.id);
    conditions.push(Prisma.sql`"taskId" = ANY(${taskIds}::int[])`);
  }
  return conditions.length ? Prisma.sql`AND ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
}

/** Reports owed, submitted (anything but a draft) and accepted for a quarter. */
export interface ReportingShare {
  quarter: Quarter;
  owed: number;
  submitted: number;
  accepted: number;
}

interface TaskCount {
  taskId: number;
  status: UnitTaskStatus;
  pairs: number;
  percentSum: number;
}

/** Per task × status: the snapshot's tallies, or, for one unit, its own pairs counted. */
async function taskCounts(snapshotId: number, unitCode: string | undefined, section: number | undefined): Promise<TaskCount[]> {
  const conditions = await pairConditions(unitCode, section);
  if (!unitCode) {
    return db.$queryRaw<
      TaskCount[]
    >`SELECT "taskId", status, pairs, "percentSum" FROM "TaskTally" WHERE "snapshotId" = ${snapshotId} ${conditions}`;
  }
  return db.$queryRaw<TaskCount[]>`
    SELECT "taskId", status, count(*)::int AS pairs, sum(percent)::int AS "percentSum" FROM "PairStatus"
    WHERE "snapshotId" = ${snapshotId} ${conditions}
    GROUP BY "taskId", status`;
}

/** Reports owed and in for the last closed and the collected quarters: the unit tallies summed. */
async function reportingOf(snapshotId: number, moment: Moment, unitCode: string | undefined, section: number | undefined) {
  const sums = ["LastClosed", "Collecting"].flatMap((quarter) =>
    ["owed", "submitted", "accepted"].map((count) => Prisma.raw(`coalesce(sum("${count}${quarter}"), 0)::int AS "${count}${quarter}"`)),
  );
  const [row] = await db.$queryRaw<Record<string, number>[]>`
    SELECT ${Prisma.join(sums)} FROM "UnitTally"
    WHERE "snapshotId" = ${snapshotId} ${unitCode ? Prisma.sql`AND ${ofUnit(unitCode)}` : Prisma.empty} ${section ? Prisma.sql`AND section = ${section}` : Prisma.empty}`;
  const share = (quarter: Quarter, name: string): ReportingShare => ({
    quarter,
    owed: row![`owed${name}`]!,
    submitted: row![`submitted${name}`]!,
    accepted: row![`accepted${name}`]!,
  });
  return { lastClosed: share(moment.lastClosed, "LastClosed"), collecting: share(moment.collecting, "Collecting") };
}

function rollUpTasks(counts: TaskCount[], tasks: Awaited<ReturnType<typeof taskCatalogue>>, today: string): TaskRollUp[] {
  const byTask = new Map<number, { statuses: UnitTaskStatus[]; pairs: number; percentSum: number }>();
  for (const row of counts) {
    const task = byTask.get(row.taskId) ?? { statuses: [], pairs: 0, percentSum: 0 };
    task.statuses.push(row.status);
    task.pairs += row.pairs;
    task.percentSum += row.percentSum;
    byTask.set(row.taskId, task);
  }
  return tasks.flatMap((info): TaskRollUp[] => {
    const counted = byTask.get(info.id);
    if (!counted) return [];
    const { id, number, title, section, deadline } = info;
    return [
      {
        taskId: id,
        number,
        title,
        section,
        deadline,
        status: rollUpTask(deadline, counted.statuses, today),
        pairs: counted.pairs,
        percentSum: counted.percentSum,
      },
    ];
  });
}

export interface DashboardFigures {
  moment: Moment;
  tasks: TaskRollUp[];
  /** Reports owed and in for the last closed and the collected quarters, over the selected pairs. */
  reporting: { lastClosed: ReportingShare; collecting: ReportingShare };
}

/**
 * The dashboard's figures for a moment and filters (one unit or city, one section), read from the
 * moment's status snapshot: about (tasks × statuses) rows, whatever the number of reports.
 * Cached per request.
 */
export const taskStatuses = cache(
  async (quarterText?: string, asOfText?: string, unitCode?: string, section?: number): Promise<DashboardFigures> => {
    const { moment, snapshotId } = await snapshotOf(quarterText, asOfText);
    const [counts, tasks, reporting] = await Promise.all([
      taskCounts(snapshotId, unitCode, section),
      taskCatalogue(),
      reportingOf(snapshotId, moment, unitCode, section),
    ]);
    return { moment, tasks: rollUpTasks(counts, tasks, moment.today), reporting };
  },
);

export type { Ranking, UnitRank } from "./unit-ranking";

/**
 * Both rankings (provincial units, cities): the units' tallies summed in one query, ranked by
 * rankUnitTallies (the one rule, ties shared as shown). Positional arguments: React's cache
 * compares them by identity.
 */
const rankings = cache(
  async (quarterText?: string, asOfText?: string, section?: number): Promise<Record<UnitTally["kind"], UnitRank[]>> => {
    const { snapshotId } = await snapshotOf(quarterText, asOfText);
    const rows = await db.$queryRaw<UnitTally[]>`
    SELECT u.code, u."shortName", u.kind, sum(t.assignments)::int AS assignments, sum(t.lagging)::int AS lagging,
           round(sum(t."percentSum")::numeric / sum(t.assignments))::int AS "averagePercent"
    FROM "UnitTally" t JOIN "Unit" u ON u.id = t."unitId"
    WHERE t."snapshotId" = ${snapshotId} ${section ? Prisma.sql`AND t.section = ${section}` : Prisma.empty}
    GROUP BY u.id
    HAVING sum(t.assignments) > 0
    ORDER BY u.kind, u."sortOrder"`;
    return {
      PROVINCIAL: rankUnitTallies(rows.filter((row) => row.kind === "PROVINCIAL")),
      CITY: rankUnitTallies(rows.filter((row) => row.kind === "CITY")),
    };
  },
);

/**
 * Units of one kind ranked over all tasks or one section's: fewest lagging first, ties shared
 * (lib/dashboard/unit-ranking.ts). `edge`: only the first and the last `edge` places (a long,
 * national-scale ranking).
 */
export async function rankUnits(
  kind: UnitTally["kind"],
  quarterText?: string,
  asOfText?: string,
  section?: number,
  edge?: number,
): Promise<Ranking> {
  return rankingEnds((await rankings(quarterText, asOfText, section))[kind], edge);
}

export interface LaggingUnit {
  code: string;
  shortName: string;
  status: UnitTaskStatus;
  reason: string;
}

/** Per task, the selected units that lag (behind or late with a report), for the drill-down. */
export async function laggingUnits(
  quarterText?: string,
  asOfText?: string,
  unitCode?: string,
  section?: number,
): Promise<Map<number, LaggingUnit[]>> {
  const { snapshotId } = await snapshotOf(quarterText, asOfText);
  const rows = await db.$queryRaw<(LaggingUnit & { taskId: number })[]>`
    SELECT p."taskId", u.code, u."shortName", p.status, p.reason
    FROM "PairStatus" p JOIN "Unit" u ON u.id = p."unitId"
    WHERE p."snapshotId" = ${snapshotId} AND p.status::text = ANY(${LAGGING_STATUSES}::text[]) ${await pairConditions(unitCode, section)}
    ORDER BY p."taskId", u."sortOrder"`;
  const byTask = new Map<number, LaggingUnit[]>();
  for (const { taskId, ...unit } of rows) byTask.set(taskId, [...(byTask.get(taskId) ?? []), unit]);
  return byTask;
}

export { TASK_STATUS_ORDER };

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
  const sections = await listSections();
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

/** Tasks whose deadline falls within twelve months of the moment. */
export function upcomingDeadlines(tasks: TaskRollUp[], moment: Moment): TaskRollUp[] {
  const horizon = addDays(moment.today, 365);
  return tasks
    .filter((task) => task.deadline >= moment.today && task.deadline <= horizon)
    .sort((a, b) => a.deadline.localeCompare(b.deadline) || a.number - b.number);
}

/** Units that reported in the quarter before the last closed one and not in the last closed one. */
export async function unitsThatStoppedReporting(moment: Moment) {
  const before = addQuarters(moment.lastClosed, -1);
  const counts = await reportingCounts(before, moment.lastClosed);
  const reportedBefore = new Set(
    counts.filter((count) => compareQuarters(count.quarter, before) === 0 && count.submitted > 0).map((count) => count.unitId),
  );
  const stopped = counts.filter(
    (count) => compareQuarters(count.quarter, moment.lastClosed) === 0 && count.submitted === 0 && reportedBefore.has(count.unitId),
  );
  const units = await db.unit.findMany({
    where: { id: { in: stopped.map((count) => count.unitId) } },
    orderBy: { sortOrder: "asc" },
    select: { code: true, shortName: true },
  });
  return units;
}
