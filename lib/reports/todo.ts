import "server-only";
import { db } from "@/lib/core/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { SessionUser } from "@/lib/auth/session";
import { formatIsoDate } from "@/lib/core/dates";
import { assessUnitTask, checkOfClaim, REPORT_STATUS_LABELS, type Assessment, type ReportStatus } from "@/lib/status/status-rules";
import {
  addQuarters,
  chinaToday,
  compareQuarters,
  daysBetween,
  formatQuarter,
  quarterLabel,
  reportingQuarter,
  taskSpansQuarter,
  windowCloseDate,
  type Quarter,
} from "@/lib/core/quarters";
import { quarterOfRow } from "@/lib/reports/report-record";
import { activeRemindersFor } from "@/lib/reminders/reminders";
import { getWindowSetting } from "@/lib/admin/settings";
import { listUnitMilestoneAlerts } from "@/lib/measures/milestone-progress";
import { REPORT_LIST_LIMIT, type TodoGroup, type TodoQuery, type TodoStatus } from "./schemas";

/** RETURNED: sent back; OVERDUE: the closed quarter not submitted; CURRENT: the quarter being collected; DRAFT: a draft of another quarter. */
export type TodoKind = "RETURNED" | "OVERDUE" | "CURRENT" | "DRAFT";

export interface TodoItem {
  kind: TodoKind;
  task: { number: number; title: string; deadlineText: string; section: { number: number; title: string } };
  quarter: Quarter;
  /** null: not started yet. */
  report: { id: number; status: ReportStatus; version: number; reviewComment: string | null; carriedFrom: Quarter | null } | null;
  /** Days until the quarter's window closes (negative when past). */
  daysLeft: number;
  assessment: Assessment;
  /** The unit has an accepted report of the task before this quarter: "沿用上季度" is possible. */
  canCarry: boolean;
}

export interface TodoGroupOf {
  key: string;
  label: string;
  items: TodoItem[];
}

const ORDER: Record<TodoKind, number> = { RETURNED: 0, OVERDUE: 1, CURRENT: 2, DRAFT: 3 };

/** The task filters of 我的待办 in SQL: section, and the free text on number, title and content. */
function taskWhere(query: TodoQuery): Prisma.TaskWhereInput {
  const text = query.q?.trim();
  const number = text && /^\d{1,3}$/.test(text) ? Number(text) : null;
  return {
    ...(query.section ? { section: { number: query.section } } : {}),
    // A number is a task number; other text is looked for in the title and the content.
    ...(number !== null
      ? { number }
      : text
        ? {
            OR: [
              { title: { contains: text, mode: "insensitive" as const } },
              { content: { contains: text, mode: "insensitive" as const } },
            ],
          }
        : {}),
  };
}

const statusOf = (item: TodoItem): TodoStatus => item.report?.status ?? "NONE";

export const TODO_STATUS_LABELS: Record<TodoStatus, string> = { NONE: "未填写", ...REPORT_STATUS_LABELS };

/** The items in groups, in the list's order, each group in the order its first item comes. */
function groupItems(items: TodoItem[], group: TodoGroup | undefined): TodoGroupOf[] {
  if (!group) return [{ key: "all", label: "", items }];
  const keyed: Record<TodoGroup, (item: TodoItem) => { key: string; label: string; order: number }> = {
    section: (item) => ({
      key: `section-${item.task.section.number}`,
      label: `${item.task.section.number}. ${item.task.section.title}`,
      order: item.task.section.number,
    }),
    status: (item) => ({
      key: `status-${statusOf(item)}`,
      label: TODO_STATUS_LABELS[statusOf(item)],
      order: ["RETURNED", "NONE", "DRAFT", "SUBMITTED", "ACCEPTED"].indexOf(statusOf(item)),
    }),
    quarter: (item) => ({
      key: `quarter-${formatQuarter(item.quarter)}`,
      label: quarterLabel(item.quarter),
      order: -(item.quarter.year * 4 + item.quarter.quarter),
    }),
  };
  const groups = new Map<string, TodoGroupOf & { order: number }>();
  for (const item of items) {
    const { key, label, order } = keyed[group](item);
    const existing = groups.get(key) ?? { key, label, order, items: [] };
    existing.items.push(item);
    groups.set(key, existing);
  }
  return [...groups.values()].sort((a, b) => a.order - b.order).map(({ key, label, items: grouped }) => ({ key, label, items: grouped }));
}

/**
 * 我的待办: what the staff member's unit owes — returned reports first, then the closed quarter
 * not yet submitted, the quarter being collected, and drafts of other quarters — filtered by
 * status, quarter, section and text, and grouped as asked; with the unit's milestones that read
 * 滞后 or 即将到期 (all of them, whatever the filters) and, per task, how many lag. Five queries
 * whatever the filters.
 */
export async function getUnitTodo(user: SessionUser, query: TodoQuery = {}, today = chinaToday()) {
  if (user.unitId === null) return null;
  const unitId = user.unitId;
  const { windowDays } = await getWindowSetting();
  const collecting = reportingQuarter(today, windowDays);
  const lastClosed = addQuarters(collecting, -1);
  const [assignments, reports, reminders, checks, milestones] = await Promise.all([
    db.taskUnit.findMany({
      where: { unitId, task: taskWhere(query) },
      orderBy: { task: { number: "asc" } },
      select: {
        task: {
          select: {
            id: true,
            number: true,
            title: true,
            deadlineText: true,
            deadlineDate: true,
            section: { select: { number: true, title: true } },
          },
        },
      },
    }),
    db.progressReport.findMany({
      where: { unitId, task: taskWhere(query) },
      orderBy: [{ year: "desc" }, { quarter: "desc" }],
      // A unit reports at most once per task and quarter: 60 tasks × the plan's quarters stay far below this.
      take: REPORT_LIST_LIMIT * 2,
      select: {
        id: true,
        taskId: true,
        year: true,
        quarter: true,
        status: true,
        version: true,
        progressState: true,
        percent: true,
        reviewComment: true,
        reviewedAt: true,
        carriedFrom: { select: { year: true, quarter: true } },
      },
    }),
    activeRemindersFor(unitId),
    // 销号核查 of the unit's claimed completions: a failed one reopens the task and tells the finding.
    db.completionCheck.findMany({
      where: { unitId, subject: "TASK_UNIT" },
      select: { taskId: true, passed: true, finding: true, createdAt: true },
    }),
    listUnitMilestoneAlerts(unitId, today),
  ]);

  const all: TodoItem[] = [];
  for (const { task } of assignments) {
    const deadline = formatIsoDate(task.deadlineDate);
    const own = reports.filter((report) => report.taskId === task.id);
    const taskChecks = checks.filter((check) => check.taskId === task.id);
    const assessment = assessUnitTask(deadline, own, { today, windowDays }, checkOfClaim(own, taskChecks));
    const reportFor = (quarter: Quarter) => own.find((report) => report.year === quarter.year && report.quarter === quarter.quarter);
    const item = (kind: TodoKind, quarter: Quarter, report: (typeof own)[number] | undefined): TodoItem => ({
      kind,
      task: { number: task.number, title: task.title, deadlineText: task.deadlineText, section: task.section },
      quarter,
      report: report
        ? {
            id: report.id,
            status: report.status,
            version: report.version,
            reviewComment: report.reviewComment,
            carriedFrom: report.carriedFrom ? quarterOfRow(report.carriedFrom) : null,
          }
        : null,
      daysLeft: daysBetween(today, windowCloseDate(quarter, windowDays)),
      assessment,
      canCarry: own.some((candidate) => candidate.status === "ACCEPTED" && compareQuarters(quarterOfRow(candidate), quarter) < 0),
    });
    const same = (a: Quarter, b: Quarter) => compareQuarters(a, b) === 0;
    for (const report of own.filter((candidate) => candidate.status === "RETURNED"))
      all.push(item("RETURNED", quarterOfRow(report), report));
    const closed = reportFor(lastClosed);
    if (taskSpansQuarter(deadline, lastClosed) && (!closed || closed.status === "DRAFT")) all.push(item("OVERDUE", lastClosed, closed));
    const current = reportFor(collecting);
    if (taskSpansQuarter(deadline, collecting) && current?.status !== "RETURNED") all.push(item("CURRENT", collecting, current));
    for (const report of own) {
      const quarter = quarterOfRow(report);
      if (report.status === "DRAFT" && !same(quarter, lastClosed) && !same(quarter, collecting)) all.push(item("DRAFT", quarter, report));
    }
  }
  all.sort((a, b) => ORDER[a.kind] - ORDER[b.kind] || a.task.number - b.task.number || compareQuarters(b.quarter, a.quarter));
  const items = all.filter(
    (item) => (!query.status || statusOf(item) === query.status) && (!query.quarter || compareQuarters(item.quarter, query.quarter) === 0),
  );
  return {
    collecting,
    windowCloses: windowCloseDate(collecting, windowDays),
    daysLeft: daysBetween(today, windowCloseDate(collecting, windowDays)),
    items,
    groups: groupItems(items, query.group),
    /** What is still to do among the listed items (not submitted or accepted). */
    open: items.filter((item) => !item.report || item.report.status === "DRAFT" || item.report.status === "RETURNED").length,
    reminders,
    milestones,
    /** Task number → its milestones that read 滞后. */
    laggingMilestones: laggingByTask(milestones),
  };
}

function laggingByTask(milestones: readonly { task: { number: number }; light: string }[]): ReadonlyMap<number, number> {
  const counts = new Map<number, number>();
  for (const milestone of milestones)
    if (milestone.light === "OVERDUE") counts.set(milestone.task.number, (counts.get(milestone.task.number) ?? 0) + 1);
  return counts;
}
