/** Roles and what each may do. One table drives page guards, actions and API checks. */
export const ROLES = ["STAFF", "REVIEWER", "LEADER", "ADMIN", "AUDITOR"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  STAFF: "填报人",
  REVIEWER: "审核人",
  LEADER: "领导",
  ADMIN: "管理员",
  AUDITOR: "审计员",
};

export const PERMISSIONS = {
  /** Browse the plan: tasks, units, indicators. The auditor sees the audit log only. */
  "plan:read": ["STAFF", "REVIEWER", "LEADER", "ADMIN"],
  /** Mark a task's 牵头单位. */
  "plan:edit": ["ADMIN"],
  "users:manage": ["ADMIN"],
  "audit:read": ["AUDITOR"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Where each role lands after signing in. */
export function homePathFor(role: Role, unitCode: string | null): string {
  if (role === "AUDITOR") return "/audit";
  if (role === "STAFF" && unitCode) return `/tasks?unit=${encodeURIComponent(unitCode)}`;
  return "/tasks";
}
