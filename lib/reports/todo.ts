import "server-only";
import { db } from "@/lib/core/db";
import type { SessionUser } from "@/lib/auth/session";
import { formatIsoDate } from "@/lib/core/dates";
import { assessUnitTask, type Assessment, type ReportStatus } from "@/lib/status/status-rules";
import {
  addQuarters,
  chinaToday,
  daysBetween,
  reportingQuarter,
  taskSpansQuarter,
  windowCloseDate,
  type Quarter,
} from "@/lib/core/quarters";
import { quarterOfRow } from "@/lib/reports/report-record";
import { activeRemindersFor } from "@/lib/reminders/reminders";
import { getWindowSetting } from "@/lib/admin/settings";

export type TodoKind = "RETURNED" | "OVERDUE" | "CURRENT";

export interface TodoItem {
  kind: TodoKind;
  task: { number: number; title: string; deadlineText: string };
  quarter: Quarter;
  /** null: not started yet. */
  report: { id: number; status: ReportStatus; reviewComment: string | null } | null;
  /** Days until the quarter's window closes (negative when past). */
  daysLeft: number;
  assessment: Assessment;
}

const ORDER: Record<TodoKind, number> = { RETURNED: 0, OVERDUE: 1, CURRENT: 2 };

/** 我的待办: what the staff member's unit owes this quarter, returned reports first. */
export async function getUnitTodo(user: SessionUser, today = chinaToday()) {
  if (user.unitId === null) return null;
  const unitId = user.unitId;
  const { windowDays } = await getWindowSetting();
  const collecting = reportingQuarter(today, windowDays);
  const lastClosed = addQuarters(collecting, -1);
  const [assignments, reports, reminders] = await Promise.all([
    db.taskUnit.findMany({
      where: { unitId },
      orderBy: { task: { number: "asc" } },
      select: { task: { select: { id: true, number: true, title: true, deadlineText: true, deadlineDate: true } } },
    }),
    db.progressReport.findMany({
      where: { unitId },
      select: { id: true, taskId: true, year: true, quarter: true, status: true, progressState: true, percent: true, reviewComment: true },
    }),
    activeRemindersFor(unitId),
  ]);

  const items: TodoItem[] = [];
  for (const { task } of assignments) {
    const deadline = formatIsoDate(task.deadlineDate);
    const own = reports.filter((report) => report.taskId === task.id);
    const assessment = assessUnitTask(deadline, own, { today, windowDays });
    const reportFor = (quarter: Quarter) => own.find((report) => report.year === quarter.year && report.quarter === quarter.quarter);
    const item = (kind: TodoKind, quarter: Quarter, report: (typeof own)[number] | undefined): TodoItem => ({
      kind,
      task: { number: task.number, title: task.title, deadlineText: task.deadlineText },
      quarter,
      report: report ? { id: report.id, status: report.status, reviewComment: report.reviewComment } : null,
      daysLeft: daysBetween(today, windowCloseDate(quarter, windowDays)),
      assessment,
    });
    for (const report of own.filter((candidate) => candidate.status === "RETURNED"))
      items.push(item("RETURNED", quarterOfRow(report), report));
    const closed = reportFor(lastClosed);
    if (taskSpansQuarter(deadline, lastClosed) && (!closed || closed.status === "DRAFT")) items.push(item("OVERDUE", lastClosed, closed));
    const current = reportFor(collecting);
    if (taskSpansQuarter(deadline, collecting) && current?.status !== "RETURNED") items.push(item("CURRENT", collecting, current));
  }
  items.sort((a, b) => ORDER[a.kind] - ORDER[b.kind] || a.task.number - b.task.number);
  return {
    collecting,
    windowCloses: windowCloseDate(collecting, windowDays),
    daysLeft: daysBetween(today, windowCloseDate(collecting, windowDays)),
    items,
    reminders,
  };
}
