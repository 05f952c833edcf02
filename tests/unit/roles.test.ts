import { describe, expect, it } from "vitest";
import { can, homePathFor, PERMISSIONS, ROLES, type Permission, type Role } from "@/lib/auth/roles";

// The separation of duties the plan's users expect, written out role by role.
const EXPECTED: Record<Role, Permission[]> = {
  STAFF: ["plan:read"],
  REVIEWER: ["plan:read"],
  LEADER: ["plan:read"],
  ADMIN: ["plan:read", "plan:edit", "users:manage"],
  AUDITOR: ["audit:read"],
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
});

describe("home page after sign-in", () => {
  it("sends staff to their own unit's tasks and the auditor to the audit log", () => {
    expect(homePathFor("STAFF", "nanchang")).toBe("/tasks?unit=nanchang");
    expect(homePathFor("AUDITOR", null)).toBe("/audit");
    expect(homePathFor("LEADER", null)).toBe("/tasks");
    expect(homePathFor("REVIEWER", "sthjt")).toBe("/tasks");
  });
});
