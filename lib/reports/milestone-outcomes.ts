/** How a report records one of its quarter's milestones (节点); pure, safe in client components. PLANNED is 按计划/未到期: nothing to record. */
export const MILESTONE_OUTCOMES = ["PLANNED", "DONE", "LATE", "DROPPED"] as const;
export type MilestoneOutcome = (typeof MILESTONE_OUTCOMES)[number];
export const MILESTONE_OUTCOME_LABELS: Record<MilestoneOutcome, string> = {
  PLANNED: "按计划/未到期",
  DONE: "已完成",
  LATE: "滞后",
  DROPPED: "已取消",
};
