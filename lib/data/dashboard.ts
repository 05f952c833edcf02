import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { formatIsoDate } from "@/lib/domain/dates";
import {
  assessUnitTask,
  rollUpTask,
  type ProgressState,
  type ReportFact,
  type TaskStatus,
  type UnitTaskStatus,
} from "@/lib/domain/progress-status";
import { addDays, addQuarters, chinaToday, reportingQuarter, windowCloseDate, type Quarter } from "@/lib/domain/quarters";
import { reportingCounts } from "./reminders";
import { getWindowSetting } from "./settings";

export interface DashboardFilters {
  /** The quarter being collected; the dashboard shows the state as of its window's close (or now). */
  quarter?: Quarter;
  section?: number;
  unit?: string;
  city?: string;
}

/** Only numbers and flags per pair: task and unit names come once each from their own queries. */
interface PairRow {
  taskId: number;
  unitId: number;
  progressState: ProgressState | null;
  percent: number | null;
  acceptedYear: number | null;
  acceptedQuarter: number | null;
  lastClosedSubmitted: boolean;
  collectingSubmitted: boolean;
}

export interface PairStatus {
  taskId: number;
  taskNumber: number;
  taskTitle: string;
  section: number;
  deadline: string;
  unit: { id: number; code: string; shortName: string; kind: "PROVINCIAL" | "CITY" };
  status: UnitTaskStatus;
  reason: string;
  percent: number;
}

export interface TaskRollUp {
  taskId: number;
  number: number;
  title: string;
  section: number;
  deadline: string;
  status: TaskStatus;
  units: PairStatus[];
}

/** The moment a dashboard describes: "today" and the quarters around it. */
export interface Moment {
  today: string;
  asOf: Date;
  windowDays: number;
  collecting: Quarter;
  lastClosed: Quarter;
}

/** Now, or the close of the given quarter's window when that is in the past. */
export async function momentFor(quarter?: Quarter, now = new Date()): Promise<Moment> {
  const { windowDays } = await getWindowSetting();
  const realToday = chinaToday(now);
  let today = realToday;
  if (quarter) {
    const closes = windowCloseDate(quarter, windowDays);
    if (closes < realToday) today = closes;
  }
  const collecting = reportingQuarter(today, windowDays);
  const asOf = today === realToday ? now : new Date(`${addDays(today, 1)}T00:00:00+08:00`);
  return { today, asOf, windowDays, collecting, lastClosed: addQuarters(collecting, -1) };
}

/**
 * One row per task × unit with only what the status rules need: the latest report accepted by
 * `asOf`, and whether the last closed and the collected quarters had a report submitted by then.
 * A bounded result (the assignments), whatever the number of reports; Postgres does the reduction.
 */
async function pairRows(moment: Moment): Promise<PairRow[]> {
  const { asOf, lastClosed, collecting } = moment;
  return db.$queryRaw<PairRow[]>(Prisma.sql`
    SELECT tu."taskId", tu."unitId",
           la."progressState", la.percent, la.year AS "acceptedYear", la.quarter AS "acceptedQuarter",
           EXISTS (
             SELECT 1 FROM "ProgressReport" r
             WHERE r."taskId" = tu."taskId" AND r."unitId" = tu."unitId" AND r.year = ${lastClosed.year} AND r.quarter = ${lastClosed.quarter}
               AND r."submittedAt" IS NOT NULL AND r."submittedAt" <= ${asOf}
           ) AS "lastClosedSubmitted",
           EXISTS (
             SELECT 1 FROM "ProgressReport" r
             WHERE r."taskId" = tu."taskId" AND r."unitId" = tu."unitId" AND r.year = ${collecting.year} AND r.quarter = ${collecting.quarter}
               AND r."submittedAt" IS NOT NULL AND r."submittedAt" <= ${asOf}
           ) AS "collectingSubmitted"
    FROM "TaskUnit" tu
    LEFT JOIN LATERAL (
      SELECT r."progressState", r.percent, r.year, r.quarter
      FROM "ProgressReport" r
      WHERE r."taskId" = tu."taskId" AND r."unitId" = tu."unitId"
        -- Bounds the index scan: nothing after the collected quarter can have been accepted yet.
        AND (r.year, r.quarter) <= (${collecting.year}::int, ${collecting.quarter}::int)
        AND r.status = 'ACCEPTED' AND r."reviewedAt" <= ${asOf}
      ORDER BY r.year DESC, r.quarter DESC
      LIMIT 1
    ) la ON true
    ORDER BY tu."taskId", tu.position
  `);
}

function factsOf(row: PairRow, moment: Moment): ReportFact[] {
  const facts: ReportFact[] = [];
  if (row.progressState !== null) {
    facts.push({ year: row.acceptedYear!, quarter: row.acceptedQuarter!, status: "ACCEPTED", progressState: row.progressState, percent: row.percent! });
  }
  const submitted = (quarter: Quarter): ReportFact => ({ ...quarter, status: "SUBMITTED", progressState: "ON_TRACK", percent: 0 });
  if (row.lastClosedSubmitted) facts.push(submitted(moment.lastClosed));
  if (row.collectingSubmitted) facts.push(submitted(moment.collecting));
  return facts;
}

/** Every task × unit status at a moment, and each task rolled up (cached per request). */
export const taskStatuses = cache(async (quarterText: string | undefined, asOfText?: string): Promise<{ moment: Moment; tasks: TaskRollUp[] }> => {
  const quarter = quarterText ? { year: Number(quarterText.slice(0, 4)), quarter: Number(quarterText.slice(5)) as Quarter["quarter"] } : undefined;
  const moment = await momentFor(quarter, asOfText ? new Date(asOfText) : undefined);
  const [rows, taskRows, unitRows] = await Promise.all([
    pairRows(moment),
    db.task.findMany({ select: { id: true, number: true, title: true, deadlineDate: true, section: { select: { number: true } } } }),
    db.unit.findMany({ select: { id: true, code: true, shortName: true, kind: true } }),
  ]);
  const taskById = new Map(taskRows.map((task) => [task.id, { ...task, deadline: formatIsoDate(task.deadlineDate) }]));
  const unitById = new Map(unitRows.map((unit) => [unit.id, unit]));
  const byTask = new Map<number, TaskRollUp>();
  for (const row of rows) {
    const info = taskById.get(row.taskId)!;
    const deadline = info.deadline;
    const assessment = assessUnitTask(deadline, factsOf(row, moment), { today: moment.today, windowDays: moment.windowDays });
    const pair: PairStatus = {
      taskId: row.taskId,
      taskNumber: info.number,
      taskTitle: info.title,
      section: info.section.number,
      deadline,
      unit: unitById.get(row.unitId)!,
      status: assessment.status,
      reason: assessment.reason,
      percent: assessment.status === "DONE" ? 100 : (row.percent ?? 0),
    };
    const task = byTask.get(row.taskId) ?? { taskId: row.taskId, number: info.number, title: info.title, section: info.section.number, deadline, status: "ON_TRACK" as TaskStatus, units: [] };
    task.units.push(pair);
    byTask.set(row.taskId, task);
  }
  const tasks = [...byTask.values()]
    .sort((a, b) => a.number - b.number)
    .map((task) => ({ ...task, status: rollUpTask(task.deadline, task.units.map((unit) => unit.status), moment.today) }));
  return { moment, tasks };
});

/** Tasks and pairs narrowed by the dashboard's filters (section, unit, city). */
export function applyFilters(tasks: TaskRollUp[], filters: DashboardFilters, today: string): TaskRollUp[] {
  const unitCode = filters.unit ?? filters.city;
  return tasks
    .filter((task) => !filters.section || task.section === filters.section)
    .map((task) => {
      if (!unitCode) return task;
      const units = task.units.filter((unit) => unit.unit.code === unitCode);
      return { ...task, units, status: units.length ? rollUpTask(task.deadline, units.map((unit) => unit.status), today) : task.status };
    })
    .filter((task) => !unitCode || task.units.length > 0);
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

const LAGGING: ReadonlySet<TaskStatus> = new Set(["OVERDUE", "OVERDUE_REPORT", "BEHIND"]);
export const isLagging = (status: TaskStatus) => LAGGING.has(status);

export async function sectionCompletion(tasks: TaskRollUp[]): Promise<SectionCompletion[]> {
  const sections = await db.section.findMany({ orderBy: { number: "asc" }, select: { number: true, title: true } });
  return sections.map((section) => {
    const own = tasks.filter((task) => task.section === section.number);
    const pairs = own.flatMap((task) => task.units);
    return {
      section: section.number,
      title: section.title,
      tasks: own.length,
      averagePercent: pairs.length ? Math.round(pairs.reduce((sum, pair) => sum + pair.percent, 0) / pairs.length) : 0,
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

/** Units ranked by the share of their tasks not lagging, then by average percent. */
export function rankUnits(tasks: TaskRollUp[], kind: "PROVINCIAL" | "CITY"): UnitRank[] {
  const byUnit = new Map<string, UnitRank & { percentSum: number }>();
  for (const pair of tasks.flatMap((task) => task.units)) {
    if (pair.unit.kind !== kind) continue;
    const rank = byUnit.get(pair.unit.code) ?? { code: pair.unit.code, shortName: pair.unit.shortName, kind, assignments: 0, lagging: 0, onTimeShare: 0, averagePercent: 0, percentSum: 0 };
    rank.assignments += 1;
    if (isLagging(pair.status)) rank.lagging += 1;
    rank.percentSum += pair.percent;
    byUnit.set(pair.unit.code, rank);
  }
  return [...byUnit.values()]
    .map(({ percentSum, ...rank }) => ({
      ...rank,
      onTimeShare: Math.round(((rank.assignments - rank.lagging) / rank.assignments) * 100),
      averagePercent: Math.round(percentSum / rank.assignments),
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
