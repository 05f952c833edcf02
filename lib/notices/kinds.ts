/**
 * What caused a notice (Notice.kind), one name per cause; the inbox and the webhook's `kind` carry
 * it. Add a cause here when you notify for a new one.
 */
export const NOTICE_KINDS = {
  /** A report came back to its unit: returned by 省生态环境厅 or the lead unit, or unlocked. */
  reportReturned: "report.returned",
  /** The quarter's reporting window opened (informational). */
  reportWindowOpen: "report.window_open",
  /** A report owed for the collecting quarter is due in a few days. */
  reportDue: "report.due",
  /** The closed quarter's report was not submitted (urgent). */
  reportOverdue: "report.overdue",
  /** A report or measure list has waited for the person's review too long. */
  reviewWaiting: "review.waiting",
  /** A milestone falls due within days (informational). */
  milestoneDue: "milestone.due",
  /** A milestone passed its planned date without being done. */
  milestoneOverdue: "milestone.overdue",
  /** The year's 年度工作情况 report is due. */
  unitReportDue: "unitReport.due",
  /** The year's 年度工作情况 report passed its deadline (urgent). */
  unitReportOverdue: "unitReport.overdue",
  /** 催办 or 通报 sent to the unit from the reminders page (urgent). */
  reminderRemind: "reminder.remind",
  reminderCirculate: "reminder.circulate",
  /** A step of the escalation ladder addressed to the unit: escalation.remind … escalation.listed (urgent). */
  escalationRemind: "escalation.remind",
  escalationLetter: "escalation.letter",
  escalationCirculate: "escalation.circulate",
  escalationInterview: "escalation.interview",
  escalationListed: "escalation.listed",
  /** The unit answered a step (to the reviewer), or the reviewer closed it (to the unit). */
  escalationResponded: "escalation.responded",
  escalationClosed: "escalation.closed",
} as const;

export type NoticeKind = (typeof NOTICE_KINDS)[keyof typeof NOTICE_KINDS];

/** The causes that expect someone to act: only these escalate when nobody does. */
export const ESCALATING_KINDS: readonly NoticeKind[] = [
  NOTICE_KINDS.reportDue,
  NOTICE_KINDS.reportOverdue,
  NOTICE_KINDS.reviewWaiting,
  NOTICE_KINDS.milestoneOverdue,
  NOTICE_KINDS.unitReportDue,
  NOTICE_KINDS.unitReportOverdue,
];
