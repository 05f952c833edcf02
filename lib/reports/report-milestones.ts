import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { formatChineseDate, formatIsoDate } from "@/lib/core/dates";
import { compareQuarters, quarterEndDate, type Quarter } from "@/lib/core/quarters";
import { UserFacingError } from "@/lib/core/errors";
import { recordAudit } from "@/lib/audit/audit";
import type { MilestoneEntryInput } from "./schemas";
import type { MilestoneOutcome } from "./milestone-outcomes";

/**
 * The milestones (节点) a quarterly report records (最多报一次): which ones it lists, the server's
 * checks of what the unit enters for them, and the write onto the milestone when the report is
 * submitted.
 *
 * Which list: the unit's measure list of the task for the report's year, once it has been accepted
 * (its current milestones, also while a change of it is under review: the milestone rows and their
 * state stay the same across versions). A list never accepted is not yet a commitment to report on,
 * so it lists nothing.
 */

type Tx = Prisma.TransactionClient;

/** A report's stored entries, as the report, its snapshot and the form read them. */
export const milestoneEntryFields = {
  orderBy: { milestoneId: "asc" },
  select: {
    milestoneId: true,
    outcome: true,
    doneDate: true,
    reason: true,
    newDate: true,
    milestone: { select: { title: true, plannedDate: true, deliverable: true } },
  },
} satisfies Prisma.ProgressReport$milestoneEntriesArgs;
type StoredEntry = Prisma.ReportMilestoneGetPayload<typeof milestoneEntryFields>;

/** One entry as kept in the report's revisions and audit rows. */
export interface MilestoneEntrySnapshot {
  milestone: number;
  title: string;
  outcome: MilestoneOutcome;
  doneDate: string | null;
  reason: string | null;
  newDate: string | null;
}

export function entrySnapshotOf(entry: StoredEntry): MilestoneEntrySnapshot {
  return {
    milestone: entry.milestoneId,
    title: entry.milestone.title,
    outcome: entry.outcome,
    doneDate: entry.doneDate ? formatIsoDate(entry.doneDate) : null,
    reason: entry.reason,
    newDate: entry.newDate ? formatIsoDate(entry.newDate) : null,
  };
}

const dueMilestoneFields = {
  id: true,
  title: true,
  plannedDate: true,
  deliverable: true,
  status: true,
  doneDate: true,
  lateReason: true,
  newDate: true,
  dropReason: true,
  reportId: true,
  measure: { select: { text: true } },
  // The latest 销号核查: a pass verifies the milestone; a failure reopened it, its finding shown to the unit.
  checks: { orderBy: { id: "desc" }, take: 1, select: { passed: true, finding: true } },
} satisfies Prisma.MilestoneSelect;
export type DueMilestone = Prisma.MilestoneGetPayload<{ select: typeof dueMilestoneFields }>;

const day = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);

/**
 * The milestones a report on (task, unit, quarter) lists: those of the unit's accepted measure list
 * for the quarter's year whose planned date (a late one's new date) falls in the quarter or before
 * and that are neither done nor dropped, plus every milestone the report has already recorded.
 * In the measures' order; one query.
 */
export async function milestonesOfReport(
  tx: Pick<Tx, "milestone">,
  key: { taskId: number; unitId: number; quarter: Quarter; reportId: number | null },
): Promise<DueMilestone[]> {
  const end = day(quarterEndDate(key.quarter));
  return tx.milestone.findMany({
    where: {
      measure: {
        list: {
          taskId: key.taskId,
          unitId: key.unitId,
          year: key.quarter.year,
          OR: [{ status: "ACCEPTED" }, { revisions: { some: { action: "measureList.accept" } } }],
        },
      },
      OR: [
        { status: "PLANNED", plannedDate: { lte: end } },
        { status: "LATE", OR: [{ newDate: { lte: end } }, { newDate: null, plannedDate: { lte: end } }] },
        ...(key.reportId === null ? [] : [{ reportEntries: { some: { reportId: key.reportId } } }]),
      ],
    },
    orderBy: [{ measure: { position: "asc" } }, { position: "asc" }],
    select: dueMilestoneFields,
  });
}

/** Passed 销号核查: the milestone counts as complete and no report may change it any more. */
export const isVerified = (milestone: DueMilestone) => milestone.status === "DONE" && milestone.checks[0]?.passed === true;

/**
 * The server's checks of the entries against the milestones the report may record (the quarter's,
 * and its own): done not after today, a late milestone's new date after its planned date, and no
 * change to a milestone 销号核查 has verified. Every refusal names its field; nothing is written.
 */
export function checkMilestoneEntries(entries: MilestoneEntryInput[], due: DueMilestone[], today: string) {
  const byId = new Map(due.map((milestone) => [milestone.id, milestone]));
  const errors: Record<string, string[]> = {};
  for (const entry of entries) {
    const base = `milestone.${entry.milestoneId}`;
    const milestone = byId.get(entry.milestoneId);
    if (!milestone) {
      errors[`${base}.outcome`] = ["该节点不在本报告应填报的节点中（可能已被删除或已完成），请刷新页面"];
      continue;
    }
    if (isVerified(milestone) && !(entry.outcome === "DONE" && entry.doneDate === formatIsoDate(milestone.doneDate!))) {
      errors[`${base}.outcome`] = ["该节点已通过销号核查，不能再修改"];
      continue;
    }
    if (entry.outcome === "DONE" && entry.doneDate! > today) {
      errors[`${base}.doneDate`] = [`完成日期不能晚于今天（${formatChineseDate(today)}）`];
    }
    const planned = formatIsoDate(milestone.plannedDate);
    if (entry.outcome === "LATE" && entry.newDate! <= planned) {
      errors[`${base}.newDate`] = [`新的计划完成日期应晚于原计划日期（${formatChineseDate(planned)}）`];
    }
  }
  if (Object.keys(errors).length > 0) throw new UserFacingError("未保存：节点完成情况有误，请修改标红的内容", errors);
}

/** The report's entries after a write: the stored ones, each replaced by what the request sends for it. */
export function mergedEntries(
  stored: MilestoneEntrySnapshot[],
  sent: MilestoneEntryInput[],
  due: DueMilestone[],
): MilestoneEntrySnapshot[] {
  const titles = new Map(due.map((milestone) => [milestone.id, milestone.title]));
  const merged = new Map(stored.map((entry) => [entry.milestone, entry]));
  for (const entry of sent) {
    merged.set(entry.milestoneId, {
      milestone: entry.milestoneId,
      title: titles.get(entry.milestoneId) ?? merged.get(entry.milestoneId)?.title ?? "",
      outcome: entry.outcome,
      doneDate: entry.doneDate,
      reason: entry.reason,
      newDate: entry.newDate,
    });
  }
  return [...merged.values()].sort((a, b) => a.milestone - b.milestone);
}

/**
 * Stores the entries a request sends (one statement). Entries it does not send stay as they are:
 * an Excel import, 沿用上季度 and 批量提交 carry none and must not drop what the form recorded.
 */
export async function storeMilestoneEntries(tx: Pick<Tx, "$executeRaw">, reportId: number, sent: MilestoneEntryInput[]) {
  if (sent.length === 0) return;
  const dates = (values: (string | null)[]) => values.map((value) => value ?? null);
  await tx.$executeRaw`
    INSERT INTO "ReportMilestone" ("reportId", "milestoneId", outcome, "doneDate", reason, "newDate")
    SELECT ${reportId}, e.* FROM unnest(
      ${sent.map((entry) => entry.milestoneId)}::int[], ${sent.map((entry) => entry.outcome)}::"MilestoneStatus"[],
      ${dates(sent.map((entry) => entry.doneDate))}::date[], ${sent.map((entry) => entry.reason)}::text[],
      ${dates(sent.map((entry) => entry.newDate))}::date[]) AS e
    ON CONFLICT ("reportId", "milestoneId") DO UPDATE
      SET outcome = excluded.outcome, "doneDate" = excluded."doneDate", reason = excluded.reason, "newDate" = excluded."newDate"`;
}

const milestoneStateFields = {
  id: true,
  status: true,
  doneDate: true,
  lateReason: true,
  newDate: true,
  dropReason: true,
  reportId: true,
  report: { select: { year: true, quarter: true } },
} satisfies Prisma.MilestoneSelect;
type MilestoneState = Pick<
  Prisma.MilestoneGetPayload<{ select: typeof milestoneStateFields }>,
  Exclude<keyof typeof milestoneStateFields, "id" | "report">
>;

function stateText(state: MilestoneState) {
  const iso = (date: Date | null) => (date ? formatIsoDate(date) : null);
  return {
    status: state.status,
    doneDate: iso(state.doneDate),
    lateReason: state.lateReason,
    newDate: iso(state.newDate),
    dropReason: state.dropReason,
    reportId: state.reportId,
  };
}

/** What a milestone becomes when a report's entry is written onto it. */
function stateOf(
  entry: { outcome: MilestoneOutcome; doneDate: Date | null; reason: string | null; newDate: Date | null },
  reportId: number,
): MilestoneState {
  return {
    status: entry.outcome,
    doneDate: entry.outcome === "DONE" ? entry.doneDate : null,
    lateReason: entry.outcome === "LATE" ? entry.reason : null,
    newDate: entry.outcome === "LATE" ? entry.newDate : null,
    dropReason: entry.outcome === "DROPPED" ? entry.reason : null,
    // 按计划 records nothing: the milestone is no report's claim.
    reportId: entry.outcome === "PLANNED" ? null : reportId,
  };
}

/**
 * At submit (and resubmit), in the submit's transaction: each entry of the report becomes its
 * milestone's state (status, done date, late reason and new date, drop reason, the report), audited
 * as milestone.report with before and after. A milestone a later quarter's report has recorded
 * since is left to that report; a verified one was refused before (checkMilestoneEntries).
 */
export async function writeMilestonesOfReport(tx: Tx, report: { id: number; quarter: Quarter }, actorId: number): Promise<void> {
  const entries = await tx.reportMilestone.findMany({
    where: { reportId: report.id },
    orderBy: { milestoneId: "asc" },
    select: { outcome: true, doneDate: true, reason: true, newDate: true, milestone: { select: milestoneStateFields } },
  });
  for (const { milestone, ...entry } of entries) {
    const recordedLater =
      milestone.reportId !== null &&
      milestone.reportId !== report.id &&
      milestone.report !== null &&
      compareQuarters({ year: milestone.report.year, quarter: milestone.report.quarter as Quarter["quarter"] }, report.quarter) > 0;
    if (recordedLater) continue;
    const before = stateText(milestone);
    const target = stateOf(entry, report.id);
    const after = stateText(target);
    if (JSON.stringify(before) === JSON.stringify(after)) continue;
    await tx.milestone.update({ where: { id: milestone.id }, data: target });
    await recordAudit(tx, { actorId, action: "milestone.report", entity: "Milestone", entityId: String(milestone.id), before, after });
  }
}
