import { describe, expect, it } from "vitest";
import {
  can,
  canEditReport,
  homePathFor,
  PERMISSIONS,
  reportReadScope,
  ROLES,
  scopeAllows,
  type Permission,
  type ReportStatusName,
  type Role,
} from "@/lib/auth/roles";

// The separation of duties the plan's users expect, written out role by role.
const EXPECTED: Record<Role, Permission[]> = {
  STAFF: [
    "plan:read",
    "report:read",
    "report:write",
    "assessment:sheet",
    "assessment:self",
    "coordination:read",
    "coordination:raise",
    "report:lead-review",
    "notice:read",
  ],
  REVIEWER: [
    "plan:read",
    "report:read",
    "dashboard:read",
    "annual:read",
    "annual:edit",
    "evaluation:read",
    "evaluation:freeze",
    "assessment:read",
    "assessment:score",
    "assessment:sheet",
    "coordination:read",
    "report:review",
    "notice:read",
  ],
  LEADER: [
    "plan:read",
    "report:read",
    "dashboard:read",
    "annual:read",
    "evaluation:read",
    "assessment:read",
    "assessment:sheet",
    "coordination:read",
    "notice:read",
  ],
  ADMIN: ["plan:read", "plan:edit", "users:manage", "settings:manage", "notice:read"],
  AUDITOR: ["audit:read"],
  UNIT_LEAD: ["plan:read", "report:read", "notice:read"],
};

describe("permissions", () => {
  it.each(ROLES)("%s holds exactly its permissions", (role) => {
    const held = (Object.keys(PERMISSIONS) as Permission[]).filter((permission) => can(role, permission));
    expect(held).toEqual(EXPECTED[role]);
  });

  it("gives the audit log to the auditor alone and user management to the admin alone", () => {
    expect(ROLES.filter((role) => can(role, "audit:read"))).toEqual(["AUDITOR"]);
    expect(ROLES.filter((role) => can(role, "users:manage"))).toEqual(["ADMIN"]);
  });

  it("lets only the reviewer review and only staff write reports", () => {
    expect(ROLES.filter((role) => can(role, "report:review"))).toEqual(["REVIEWER"]);
    expect(ROLES.filter((role) => can(role, "report:write"))).toEqual(["STAFF"]);
  });
});

describe("which reports a reader sees", () => {
  const OWN = 7;
  const OTHER = 8;
  const STATUSES: ReportStatusName[] = ["DRAFT", "SUBMITTED", "RETURNED", "ACCEPTED"];
  const visible = (role: Role | "API_TOKEN", unitId: number | null, reportUnit: number) =>
    STATUSES.filter((status) => scopeAllows(reportReadScope({ role, unitId }), { unitId: reportUnit, status }));

  it("staff see their own unit's reports in every state and no other unit's", () => {
    expect(visible("STAFF", OWN, OWN)).toEqual(STATUSES);
    expect(visible("STAFF", OWN, OTHER)).toEqual([]);
    expect(visible("STAFF", null, OWN)).toEqual([]);
  });

  it("the reviewer sees every unit's submitted reports but no draft", () => {
    expect(visible("REVIEWER", null, OTHER)).toEqual(["SUBMITTED", "RETURNED", "ACCEPTED"]);
  });

  it("leaders and API tokens see accepted reports only; admin and auditor none", () => {
    expect(visible("LEADER", null, OTHER)).toEqual(["ACCEPTED"]);
    expect(visible("API_TOKEN", null, OTHER)).toEqual(["ACCEPTED"]);
    expect(visible("ADMIN", null, OTHER)).toEqual([]);
    expect(visible("AUDITOR", null, OTHER)).toEqual([]);
  });

  it("staff edit only their own unit's drafts and returned reports", () => {
    const editable = (role: Role, unitId: number | null, reportUnit: number) =>
      STATUSES.filter((status) => canEditReport({ role, unitId }, { unitId: reportUnit, status }));
    expect(editable("STAFF", OWN, OWN)).toEqual(["DRAFT", "RETURNED"]);
    expect(editable("STAFF", OWN, OTHER)).toEqual([]);
    expect(editable("REVIEWER", null, OWN)).toEqual([]);
  });
});

describe("home page after sign-in", () => {
  it("sends staff to their to-do list, the reviewer to the review desk, the auditor to the audit log", () => {
    expect(homePathFor("STAFF", "nanchang")).toBe("/my");
    expect(homePathFor("AUDITOR", null)).toBe("/audit");
    expect(homePathFor("LEADER", null)).toBe("/dashboard");
    expect(homePathFor("REVIEWER", "sthjt")).toBe("/review");
  });
});
