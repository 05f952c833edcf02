import "server-only";
import { db } from "@/lib/core/db";
import { assessUnitTask, checkOfClaim, rollUpTask, type Assessment, type TaskStatus } from "@/lib/status/status-rules";
import { chinaToday } from "@/lib/core/quarters";
import { getWindowSetting } from "@/lib/admin/settings";

export interface TaskStatusView {
  status: TaskStatus;
  units: { code: string; shortName: string; assessment: Assessment }[];
}

/**
 * The task's status for each of its units and rolled up over all of them, from one query for the
 * task's reports and checks (status facts only, never report content).
 */
export async function getTaskStatus(taskNumber: number, deadlineDate: string, today = chinaToday()): Promise<TaskStatusView | null> {
  const task = await db.task.findUnique({
    where: { number: taskNumber },
    select: {
      units: { orderBy: { position: "asc" }, select: { unit: { select: { id: true, code: true, shortName: true } } } },
      reports: { select: { unitId: true, year: true, quarter: true, status: true, progressState: true, percent: true, reviewedAt: true } },
      checks: { where: { subject: "TASK_UNIT" }, select: { unitId: true, passed: true, finding: true, createdAt: true } },
    },
  });
  if (!task) return null;
  const { windowDays } = await getWindowSetting();
  const units = task.units.map(({ unit }) => {
    const reports = task.reports.filter((report) => report.unitId === unit.id);
    const checks = task.checks.filter((check) => check.unitId === unit.id);
    return {
      code: unit.code,
      shortName: unit.shortName,
      assessment: assessUnitTask(deadlineDate, reports, { today, windowDays }, checkOfClaim(reports, checks)),
    };
  });
  return {
    status: rollUpTask(
      deadlineDate,
      units.map((unit) => unit.assessment.status),
      today,
    ),
    units,
  };
}
