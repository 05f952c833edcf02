/**
 * Milestone lights (节点状态灯), a pure rule: what a milestone shows on a given day. Dates are
 * ISO days in China time (chinaToday()); nothing here reads the clock.
 */
export type MilestoneLight = "VERIFIED" | "DONE_UNVERIFIED" | "DROPPED" | "OVERDUE" | "DUE_SOON" | "ON_TRACK";

export const MILESTONE_LIGHT_LABELS: Record<MilestoneLight, string> = {
  VERIFIED: "已完成（已核查）",
  DONE_UNVERIFIED: "已完成（待核查）",
  DROPPED: "已取消",
  OVERDUE: "滞后",
  DUE_SOON: "即将到期",
  ON_TRACK: "按计划",
};

/** How close a planned date must be to read 即将到期. */
export const DUE_SOON_DAYS = 30;

const DAY_MS = 86_400_000;
const dayNumber = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS;

export interface MilestoneState {
  status: "PLANNED" | "DONE" | "LATE" | "DROPPED";
  /** ISO date, YYYY-MM-DD. */
  plannedDate: string;
  /** A passed completion check (销号核查) exists. */
  verified: boolean;
}

/**
 * DONE counts as complete only once verified; a milestone not done or dropped whose planned date
 * has passed is 滞后 (a LATE milestone's new date does not hide that it missed its plan); one due
 * within 30 days (today included) is 即将到期.
 */
export function milestoneLight(milestone: MilestoneState, today: string): MilestoneLight {
  if (milestone.status === "DONE") return milestone.verified ? "VERIFIED" : "DONE_UNVERIFIED";
  if (milestone.status === "DROPPED") return "DROPPED";
  const daysLeft = dayNumber(milestone.plannedDate) - dayNumber(today);
  if (daysLeft < 0) return "OVERDUE";
  if (daysLeft <= DUE_SOON_DAYS) return "DUE_SOON";
  return "ON_TRACK";
}
