/** Roles and what each may do. One table drives page guards, actions and API checks. */
export const ROLES = ["STAFF", "REVIEWER", "LEADER", "ADMIN", "AUDITOR", "UNIT_LEAD"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  STAFF: "填报人",
  REVIEWER: "审核人",
  LEADER: "领导",
  ADMIN: "管理员",
  AUDITOR: "审计员",
  UNIT_LEAD: "单位负责人",
};

export const PERMISSIONS = {
  /** Browse the plan: tasks, units, indicators. The auditor sees the audit log only. */
  "plan:read": ["STAFF", "REVIEWER", "LEADER", "ADMIN", "UNIT_LEAD"],
  /** Mark a task's 牵头单位 and amend the plan (计划调整: deadline, responsible units, lead unit). */
  "plan:edit": ["ADMIN"],
  "users:manage": ["ADMIN"],
  /** Reporting window and API tokens. */
  "settings:manage": ["ADMIN"],
  "audit:read": ["AUDITOR"],
  /** Read progress reports; how much of them is decided by reportReadScope(). */
  "report:read": ["STAFF", "REVIEWER", "LEADER", "UNIT_LEAD"],
  /** Fill in and submit the own unit's reports. */
  "report:write": ["STAFF"],
  /** Province-wide dashboards: indicators, task status, rankings. */
  "dashboard:read": ["REVIEWER", "LEADER"],
  /** Read and download the annual report (年度报告). */
  "annual:read": ["REVIEWER", "LEADER"],
  /** Edit the annual report's narrative (the compiling department). */
  "annual:edit": ["REVIEWER"],
  /** Read the frozen yearly progress evaluations (进展评估). */
  "evaluation:read": ["REVIEWER", "LEADER"],
  /** Freeze a year's progress evaluation (省生态环境厅). */
  "evaluation:freeze": ["REVIEWER"],
  /** Read every unit's 成效考核 results, the scheme and the 通报. */
  "assessment:read": ["REVIEWER", "LEADER"],
  /** Define a year's 成效考核 scheme, start scoring, score, confirm and unlock results (省生态环境厅). */
  "assessment:score": ["REVIEWER"],
  /** Open a unit's 成效考核 score sheet and its evidence: staff their own unit's only (checked at the data). */
  "assessment:sheet": ["STAFF", "REVIEWER", "LEADER"],
  /** The own unit's 成效考核 self-assessment (自评): read its sheet, score and justify each item, submit. */
  "assessment:self": ["STAFF"],
  /** 需协调事项: staff read their unit's raised and addressed issues, reviewer and leaders all (coordinationScope). */
  "coordination:read": ["STAFF", "REVIEWER", "LEADER"],
  /** Raise a 需协调事项 on a task the own unit carries. */
  "coordination:raise": ["STAFF"],
  /** Accept or return submitted reports; chase late units (催办/通报). */
  "report:review": ["REVIEWER"],
  /** 牵头单位 review: pass on or return its task's reports; only for staff of the task's lead unit (checked at the data). */
  "report:lead-review": ["STAFF"],
  /**
   * The own inbox (收件箱) and notice settings (contact details, channels, quiet hours): everyone a
   * notice can be for. Not the auditor, who reads the audit log only and is notified of nothing.
   */
  "notice:read": ["STAFF", "REVIEWER", "LEADER", "ADMIN", "UNIT_LEAD"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Where each role lands after signing in. */
export function homePathFor(role: Role, unitCode: string | null): string {
  if (role === "AUDITOR") return "/audit";
  if (role === "STAFF" && unitCode) return "/my";
  if (role === "REVIEWER") return "/review";
  if (role === "LEADER") return "/dashboard";
  return "/tasks";
}

export type ReportStatusName = "DRAFT" | "SUBMITTED" | "RETURNED" | "ACCEPTED";

/** Which reports a reader may see: one unit's or all units', and in which states. */
export interface ReportScope {
  /** null: every unit. */
  unitId: number | null;
  statuses: readonly ReportStatusName[];
}

/**
 * Staff and the unit's 单位负责人 read every report of their own unit (drafts included); the reviewer reads every submitted
 * report but no unit's unfinished draft; leaders and API tokens read accepted reports only;
 * admin and auditor read none (separation of duties).
 */
export function reportReadScope(reader: { role: Role | "API_TOKEN"; unitId: number | null }): ReportScope | null {
  switch (reader.role) {
    case "STAFF":
    case "UNIT_LEAD":
      // 单位负责人 reads everything of the own unit, as its staff do, and changes nothing.
      return reader.unitId === null ? null : { unitId: reader.unitId, statuses: ["DRAFT", "SUBMITTED", "RETURNED", "ACCEPTED"] };
    case "REVIEWER":
      return { unitId: null, statuses: ["SUBMITTED", "RETURNED", "ACCEPTED"] };
    case "LEADER":
    case "API_TOKEN":
      return { unitId: null, statuses: ["ACCEPTED"] };
    default:
      return null;
  }
}

export function scopeAllows(scope: ReportScope | null, report: { unitId: number; status: ReportStatusName }): boolean {
  return Boolean(scope && (scope.unitId === null || scope.unitId === report.unitId) && scope.statuses.includes(report.status));
}

/** Staff change only their own unit's drafts and returned reports. */
export function canEditReport(user: { role: Role; unitId: number | null }, report: { unitId: number; status: ReportStatusName }): boolean {
  return user.role === "STAFF" && user.unitId === report.unitId && (report.status === "DRAFT" || report.status === "RETURNED");
}

/**
 * Staff take back their own unit's submitted report until the reviewer acts on it (accepting or
 * returning it moves it out of SUBMITTED); it becomes a draft again.
 */
export function canWithdrawReport(
  user: { role: Role; unitId: number | null },
  report: { unitId: number; status: ReportStatusName },
): boolean {
  return user.role === "STAFF" && user.unitId === report.unitId && report.status === "SUBMITTED";
}
