import "server-only";
import { db } from "@/lib/core/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { formatIsoDate } from "@/lib/core/dates";
import {
  assessUnitTask,
  LAGGING_STATUSES,
  type ProgressState,
  type ReportFact,
  type ReportStatus,
  type UnitTaskStatus,
} from "@/lib/status/status-rules";
import { addDays, addQuarters, chinaToday, reportingQuarter, taskSpansQuarter, windowCloseDate, type Quarter } from "@/lib/core/quarters";
import { getWindowSetting } from "@/lib/admin/settings";

/**
 * Every task × unit status of a day, kept in `PairStatus` rows so that the dashboards aggregate
 * them in SQL instead of re-running the rules over all reports on every request.
 *
 * A snapshot is built on the first read of its day (and window length) and describes the end of
 * that day. Triggers keep it true to the reports: a report change marks its pair stale, and the next
 * read re-evaluates the stale pairs before aggregating; assignment or deadline changes drop every
 * snapshot. A 销号核查 marks its pair stale itself (markPairStale, in the check's transaction). Reads therefore never see a status older than the last committed report.
 *
 * With the pairs, each snapshot keeps their counts per task × status and per unit × section
 * (tallies), rewritten for the tasks and units of every pair re-evaluated: the dashboard reads
 * those, about (tasks × statuses + units × sections) rows, whatever the number of units and reports.
 */

/** The moment a dashboard describes: "today" and the quarters around it. */
export interface Moment {
  today: string;
  asOf: Date;
  windowDays: number;
  collecting: Quarter;
  lastClosed: Quarter;
}

/** The first instant after a China-time day. */
export const endOfDay = (day: string) => new Date(`${addDays(day, 1)}T00:00:00+08:00`);

/**
 * Now (`now`, else the day the app judges by: APP_TODAY when set, see chinaToday()), or the close
 * of the given quarter's window when that is earlier. A day other than the real one is described
 * as of its end.
 */
export async function momentFor(quarter?: Quarter, now?: Date): Promise<Moment> {
  const { windowDays } = await getWindowSetting();
  const judgedDay = chinaToday(now);
  let today = judgedDay;
  if (quarter) {
    const closes = windowCloseDate(quarter, windowDays);
    if (closes < judgedDay) today = closes;
  }
  const collecting = reportingQuarter(today, windowDays);
  const instant = now ?? new Date();
  const asOf = today === chinaToday(instant) ? instant : endOfDay(today);
  return { today, asOf, windowDays, collecting, lastClosed: addQuarters(collecting, -1) };
}

type Tx = Prisma.TransactionClient;
interface Pair {
  taskId: number;
  unitId: number;
}

/** Only numbers and flags per pair: what the status rules and the report counts need. */
interface PairFacts extends Pair {
  progressState: ProgressState | null;
  percent: number | null;
  acceptedYear: number | null;
  acceptedQuarter: number | null;
  lastClosedReport: ReportStatus | null;
  lastClosedSubmittedAt: Date | null;
  collectingReport: ReportStatus | null;
  collectingSubmittedAt: Date | null;
  /** The latest 销号核查 of the latest accepted report's claim, if any (only read when it says 已完成). */
  checkPassed: boolean | null;
  checkFinding: string | null;
}

interface Evaluated extends Pair {
  status: UnitTaskStatus;
  reason: string;
  percent: number;
  owesLastClosed: boolean;
  lastClosedReport: ReportStatus | null;
  owesCollecting: boolean;
  collectingReport: ReportStatus | null;
}

/**
 * Per pair (all, or the given ones): the latest report accepted by `asOf`, and the unit's reports
 * for the last closed and the collected quarters. Postgres does the reduction.
 */
async function pairFacts(tx: Tx, moment: Moment, asOf: Date, pairs?: readonly Pair[]): Promise<PairFacts[]> {
  const { lastClosed, collecting } = moment;
  const only = pairs
    ? Prisma.sql`WHERE (tu."taskId", tu."unitId") IN (SELECT * FROM unnest(${pairs.map((pair) => pair.taskId)}::int[], ${pairs.map((pair) => pair.unitId)}::int[]))`
    : Prisma.empty;
  const quarterReport = (quarter: Quarter) => Prisma.sql`
    SELECT r.status, r."submittedAt" FROM "ProgressReport" r
    WHERE r."taskId" = tu."taskId" AND r."unitId" = tu."unitId" AND r.year = ${quarter.year} AND r.quarter = ${quarter.quarter}`;
  return tx.$queryRaw<PairFacts[]>(Prisma.sql`
    SELECT tu."taskId", tu."unitId",
           la."progressState", la.percent, la.year AS "acceptedYear", la.quarter AS "acceptedQuarter",
           lc.status AS "lastClosedReport", lc."submittedAt" AS "lastClosedSubmittedAt",
           cq.status AS "collectingReport", cq."submittedAt" AS "collectingSubmittedAt",
           ck.passed AS "checkPassed", ck.finding AS "checkFinding"
    FROM "TaskUnit" tu
    LEFT JOIN LATERAL (
      SELECT r."progressState", r.percent, r.year, r.quarter, r."reviewedAt"
      FROM "ProgressReport" r
      WHERE r."taskId" = tu."taskId" AND r."unitId" = tu."unitId"
        -- Bounds the index scan: nothing after the collected quarter can have been accepted yet.
        AND (r.year, r.quarter) <= (${collecting.year}::int, ${collecting.quarter}::int)
        AND r.status = 'ACCEPTED' AND r."reviewedAt" <= ${asOf}
      ORDER BY r.year DESC, r.quarter DESC
      LIMIT 1
    ) la ON true
    -- 销号核查 of that acceptance's claim: checks recorded after it was accepted, by asOf.
    LEFT JOIN LATERAL (
      SELECT c.passed, c.finding FROM "CompletionCheck" c
      WHERE c.subject = 'TASK_UNIT' AND c."taskId" = tu."taskId" AND c."unitId" = tu."unitId"
        AND c."createdAt" >= la."reviewedAt" AND c."createdAt" <= ${asOf}
      ORDER BY c."createdAt" DESC, c.id DESC
      LIMIT 1
    ) ck ON true
    LEFT JOIN LATERAL (${quarterReport(lastClosed)}) lc ON true
    LEFT JOIN LATERAL (${quarterReport(collecting)}) cq ON true
    ${only}
  `);
}

/** What the status rules see of a pair: its latest accepted report, and the quarters submitted by `asOf`. */
function factsOf(row: PairFacts, moment: Moment, asOf: Date): ReportFact[] {
  const facts: ReportFact[] = [];
  if (row.progressState !== null) {
    facts.push({
      year: row.acceptedYear!,
      quarter: row.acceptedQuarter!,
      status: "ACCEPTED",
      progressState: row.progressState,
      percent: row.percent!,
    });
  }
  const submitted = (quarter: Quarter, at: Date | null) => {
    if (at !== null && at <= asOf) facts.push({ ...quarter, status: "SUBMITTED", progressState: "ON_TRACK", percent: 0 });
  };
  submitted(moment.lastClosed, row.lastClosedSubmittedAt);
  submitted(moment.collecting, row.collectingSubmittedAt);
  return facts;
}

/** The status rules (lib/domain/progress-status.ts) over each pair, as of the end of the moment's day. */
async function evaluate(tx: Tx, moment: Moment, pairs?: readonly Pair[]): Promise<Evaluated[]> {
  const asOf = endOfDay(moment.today);
  const rows = await pairFacts(tx, moment, asOf, pairs);
  const tasks = await tx.task.findMany({ select: { id: true, deadlineDate: true } });
  const deadlineOf = new Map(tasks.map((task) => [task.id, formatIsoDate(task.deadlineDate)]));
  const context = { today: moment.today, windowDays: moment.windowDays };
  return rows.map((row) => {
    const deadline = deadlineOf.get(row.taskId)!;
    const check = row.checkPassed === null ? null : { passed: row.checkPassed, finding: row.checkFinding ?? "" };
    const { status, reason } = assessUnitTask(deadline, factsOf(row, moment, asOf), context, check);
    return {
      taskId: row.taskId,
      unitId: row.unitId,
      status,
      reason,
      percent: status === "DONE" ? 100 : (row.percent ?? 0),
      owesLastClosed: taskSpansQuarter(deadline, moment.lastClosed),
      lastClosedReport: row.lastClosedReport,
      owesCollecting: taskSpansQuarter(deadline, moment.collecting),
      collectingReport: row.collectingReport,
    };
  });
}

const PAIR_COLUMNS = Prisma.sql`"taskId", "unitId", status, reason, percent, "owesLastClosed", "lastClosedReport", "owesCollecting", "collectingReport"`;

/** The evaluated pairs as parallel arrays, for one `unnest` statement. */
function pairValues(rows: readonly Evaluated[]) {
  return Prisma.sql`unnest(
    ${rows.map((row) => row.taskId)}::int[], ${rows.map((row) => row.unitId)}::int[],
    ${rows.map((row) => row.status)}::"UnitTaskStatus"[], ${rows.map((row) => row.reason)}::text[], ${rows.map((row) => row.percent)}::int[],
    ${rows.map((row) => row.owesLastClosed)}::boolean[], ${rows.map((row) => row.lastClosedReport)}::"ReportStatus"[],
    ${rows.map((row) => row.owesCollecting)}::boolean[], ${rows.map((row) => row.collectingReport)}::"ReportStatus"[]
  ) AS v(${PAIR_COLUMNS})`;
}

/** Rewrites the snapshot's tallies from its pairs: all of them, or those of the given tasks and units. */
async function writeTallies(tx: Tx, snapshotId: number, only?: { taskIds: number[]; unitIds: number[] }) {
  const ofTasks = only ? Prisma.sql`AND "taskId" = ANY(${only.taskIds}::int[])` : Prisma.empty;
  const ofUnits = only ? Prisma.sql`AND "unitId" = ANY(${only.unitIds}::int[])` : Prisma.empty;
  // Reports owed for a quarter (the task's period includes it), submitted (anything but a draft), accepted.
  const reportCounts = (owes: string, report: string) =>
    Prisma.raw(
      `count(*) FILTER (WHERE "${owes}"), count(*) FILTER (WHERE "${owes}" AND "${report}" <> 'DRAFT'), count(*) FILTER (WHERE "${owes}" AND "${report}" = 'ACCEPTED')`,
    );
  if (only) {
    await tx.$executeRaw`DELETE FROM "TaskTally" WHERE "snapshotId" = ${snapshotId} ${ofTasks}`;
    await tx.$executeRaw`DELETE FROM "UnitTally" WHERE "snapshotId" = ${snapshotId} ${ofUnits}`;
  }
  await tx.$executeRaw`
    INSERT INTO "TaskTally" ("snapshotId", "taskId", status, pairs, "percentSum")
    SELECT ${snapshotId}, "taskId", status, count(*), sum(percent) FROM "PairStatus"
    WHERE "snapshotId" = ${snapshotId} ${ofTasks}
    GROUP BY "taskId", status`;
  await tx.$executeRaw`
    INSERT INTO "UnitTally" ("snapshotId", "unitId", section, assignments, lagging, "percentSum",
                             "owedLastClosed", "submittedLastClosed", "acceptedLastClosed", "owedCollecting", "submittedCollecting", "acceptedCollecting")
    SELECT ${snapshotId}, p."unitId", s.number, count(*), count(*) FILTER (WHERE p.status::text = ANY(${LAGGING_STATUSES}::text[])), sum(p.percent),
           ${reportCounts("owesLastClosed", "lastClosedReport")}, ${reportCounts("owesCollecting", "collectingReport")}
    FROM "PairStatus" p JOIN "Task" t ON t.id = p."taskId" JOIN "Section" s ON s.id = t."sectionId"
    WHERE p."snapshotId" = ${snapshotId} ${ofUnits}
    GROUP BY p."unitId", s.number`;
}

const BUILD_TIMEOUT_MS = 120_000;
/** Snapshots are rebuilt from scratch after a week (historical ones are reused until then). */
const SNAPSHOT_LIFETIME_MS = 7 * 86_400_000;
/** How long a refresh waits for a report write still holding one of its pairs. */
const PAIR_WAIT = "2s";

/**
 * Evaluates every pair for the moment's day. Report, assignment and deadline writes wait while it
 * reads (SHARE locks; once per day and window length, prepared at night by status-schedule.ts),
 * so that none can slip between the evaluation and the rows its trigger would mark stale or drop.
 * Snapshots older than their lifetime are dropped on the way.
 */
async function build(moment: Moment, day: Date): Promise<number> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('StatusSnapshot build'))`;
      const existing = await tx.statusSnapshot.findUnique({
        where: { today_windowDays: { today: day, windowDays: moment.windowDays } },
        select: { id: true },
      });
      if (existing) return existing.id;
      // CompletionCheck too: a check has no trigger; its writer marks the pair stale (lib/verification/checks.ts).
      await tx.$executeRaw`LOCK TABLE "ProgressReport", "TaskUnit", "Task", "CompletionCheck" IN SHARE MODE`;
      await tx.statusSnapshot.deleteMany({ where: { computedAt: { lt: new Date(Date.now() - SNAPSHOT_LIFETIME_MS) } } });
      const { id } = await tx.statusSnapshot.create({ data: { today: day, windowDays: moment.windowDays }, select: { id: true } });
      const rows = await evaluate(tx, moment);
      await tx.$executeRaw`INSERT INTO "PairStatus" ("snapshotId", ${PAIR_COLUMNS}) SELECT ${id}, v.* FROM ${pairValues(rows)}`;
      await writeTallies(tx, id);
      return id;
    },
    { timeout: BUILD_TIMEOUT_MS },
  );
}

/**
 * Re-evaluates stale pairs in one transaction that never waits while holding a pair: refreshes of
 * a snapshot take turns (advisory lock, taken before any row), the snapshot row is held against
 * deletion (FOR KEY SHARE, as the tallies' foreign keys need), and pairs a report write still holds
 * are skipped. `pair` narrows it to one pair, waiting up to PAIR_WAIT for the write holding it.
 * False when the snapshot is gone.
 */
async function refreshPass(snapshotId: number, moment: Moment, pair?: Pair): Promise<boolean> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('StatusSnapshot refresh'), ${snapshotId})`;
      const [held] = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM "StatusSnapshot" WHERE id = ${snapshotId} FOR KEY SHARE`;
      if (!held) return false;
      if (pair) await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = '${PAIR_WAIT}'`);
      const stale = await tx.$queryRaw<Pair[]>`
        SELECT "taskId", "unitId" FROM "PairStatus" WHERE "snapshotId" = ${snapshotId} AND stale
          ${pair ? Prisma.sql`AND "taskId" = ${pair.taskId} AND "unitId" = ${pair.unitId} FOR UPDATE` : Prisma.sql`FOR UPDATE SKIP LOCKED`}`;
      if (stale.length === 0) return true;
      const rows = await evaluate(tx, moment, stale);
      await tx.$executeRaw`
        UPDATE "PairStatus" p SET status = v.status, reason = v.reason, percent = v.percent, stale = false,
               "owesLastClosed" = v."owesLastClosed", "lastClosedReport" = v."lastClosedReport",
               "owesCollecting" = v."owesCollecting", "collectingReport" = v."collectingReport"
        FROM ${pairValues(rows)}
        WHERE p."snapshotId" = ${snapshotId} AND p."taskId" = v."taskId" AND p."unitId" = v."unitId"`;
      await writeTallies(tx, snapshotId, {
        taskIds: [...new Set(stale.map((one) => one.taskId))],
        unitIds: [...new Set(stale.map((one) => one.unitId))],
      });
      return true;
    },
    { timeout: BUILD_TIMEOUT_MS },
  );
}

const stalePairs = (snapshotId: number) =>
  db.$queryRaw<Pair[]>`SELECT "taskId", "unitId" FROM "PairStatus" WHERE "snapshotId" = ${snapshotId} AND stale`;

/**
 * Brings the snapshot up to date with every committed report: one pass over the pairs nobody
 * holds, then each pair a write was holding on its own (waiting briefly for that write), so no
 * transaction ever waits for a row while holding another. False when the snapshot is gone.
 */
async function refreshStale(snapshotId: number, moment: Moment): Promise<boolean> {
  if (!(await refreshPass(snapshotId, moment))) return false;
  for (const pair of await stalePairs(snapshotId)) {
    try {
      if (!(await refreshPass(snapshotId, moment, pair))) return false;
    } catch (error) {
      // A write still holds the pair after PAIR_WAIT: its report is not committed yet, and the
      // next read re-evaluates the pair.
      if (!isLockTimeout(error)) throw error;
    }
  }
  return true;
}

function isLockTimeout(error: unknown): boolean {
  const cause = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: string } } } }).meta?.driverAdapterError?.cause;
  return cause?.originalCode === "55P03";
}

/**
 * Marks a pair stale in every snapshot, inside the caller's write (a 销号核查 has no trigger of its
 * own). The write's CompletionCheck insert waits for a build in progress (build locks the table),
 * so a snapshot either saw the check or has the pair marked.
 */
export async function markPairStale(tx: Tx, pair: Pair): Promise<void> {
  await tx.$executeRaw`UPDATE "PairStatus" SET stale = true WHERE "taskId" = ${pair.taskId} AND "unitId" = ${pair.unitId}`;
}

/** The id of the moment's snapshot, built or brought up to date first when needed. */
export async function currentSnapshot(moment: Moment): Promise<number> {
  const day = new Date(`${moment.today}T00:00:00Z`);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const [found] = await db.$queryRaw<{ id: number; stale: boolean }[]>`
      SELECT s.id, EXISTS (SELECT 1 FROM "PairStatus" p WHERE p."snapshotId" = s.id AND p.stale) AS stale
      FROM "StatusSnapshot" s WHERE s.today = ${day}::date AND s."windowDays" = ${moment.windowDays}`;
    // Built here or by the caller we waited for: either way writes may have come since.
    const id = found?.id ?? (await build(moment, day));
    if (found && !found.stale) return id;
    if (await refreshStale(id, moment)) return id;
    // Dropped meanwhile (an assignment change, or its lifetime ended): build it again.
  }
  throw new Error(`status snapshot for ${moment.today} kept disappearing`);
}
