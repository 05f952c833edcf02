/**
 * The permission matrix, generated: every role × every permission of the one table in
 * lib/auth/roles.ts, and every role × report action × whose report (own unit, another provincial
 * unit, a city), against the expectations written out below — the separation of duties a
 * 等保 review checks.
 */
import { describe, expect, it } from "vitest";
import { can, canEditReport, PERMISSIONS, reportReadScope, ROLES, scopeAllows, type Permission, type Role } from "@/lib/auth/roles";

const ALLOWED: Record<Permission, Role[]> = {
  "plan:read": ["STAFF", "REVIEWER", "LEADER", "ADMIN", "UNIT_LEAD"],
  "plan:edit": ["ADMIN"],
  "users:manage": ["ADMIN"],
  "settings:manage": ["ADMIN"],
  "audit:read": ["AUDITOR"],
  "report:read": ["STAFF", "REVIEWER", "LEADER", "UNIT_LEAD"],
  "report:write": ["STAFF"],
  "dashboard:read": ["REVIEWER", "LEADER"],
  "annual:read": ["REVIEWER", "LEADER"],
  "annual:edit": ["REVIEWER"],
  "evaluation:read": ["REVIEWER", "LEADER"],
  "evaluation:freeze": ["REVIEWER"],
  "assessment:read": ["REVIEWER", "LEADER"],
  "assessment:score": ["REVIEWER"],
  "assessment:sheet": ["STAFF", "REVIEWER", "LEADER"],
  "assessment:self": ["STAFF"],
  "report:review": ["REVIEWER"],
  "coordination:read": ["STAFF", "REVIEWER", "LEADER"],
  "coordination:raise": ["STAFF"],
  "report:lead-review": ["STAFF"],
  "notice:read": ["STAFF", "REVIEWER", "LEADER", "ADMIN", "UNIT_LEAD"],
};

describe("role × permission", () => {
  it("covers every permission of the table", () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual(Object.keys(ALLOWED).sort());
  });
  const cases = ROLES.flatMap((role) =>
    (Object.keys(ALLOWED) as Permission[]).map((permission) => [role, permission, ALLOWED[permission].includes(role)] as const),
  );
  it.each(cases)("%s · %s → %s", (role, permission, allowed) => {
    expect(can(role, permission)).toBe(allowed);
  });
});

const OWN = 1; // the staff member's unit
const OTHER = 2; // another provincial unit
const CITY = 3; // a city (staff of unit 1 are provincial)
const WHOSE = { own: OWN, other: OTHER, city: CITY } as const;
type Whose = keyof typeof WHOSE;
const STATES = ["DRAFT", "SUBMITTED", "RETURNED", "ACCEPTED"] as const;

/** Which report states each role may read, per whose report it is. */
const READ: Record<Role, Record<Whose, readonly string[]>> = {
  STAFF: { own: STATES, other: [], city: [] },
  REVIEWER: {
    own: ["SUBMITTED", "RETURNED", "ACCEPTED"],
    other: ["SUBMITTED", "RETURNED", "ACCEPTED"],
    city: ["SUBMITTED", "RETURNED", "ACCEPTED"],
  },
  LEADER: { own: ["ACCEPTED"], other: ["ACCEPTED"], city: ["ACCEPTED"] },
  ADMIN: { own: [], other: [], city: [] },
  AUDITOR: { own: [], other: [], city: [] },
  UNIT_LEAD: { own: STATES, other: [], city: [] },
};
/** Which report states each role may change, per whose report it is. */
const EDIT: Record<Role, Record<Whose, readonly string[]>> = {
  STAFF: { own: ["DRAFT", "RETURNED"], other: [], city: [] },
  REVIEWER: { own: [], other: [], city: [] },
  LEADER: { own: [], other: [], city: [] },
  ADMIN: { own: [], other: [], city: [] },
  AUDITOR: { own: [], other: [], city: [] },
  UNIT_LEAD: { own: [], other: [], city: [] },
};

describe("role × report action × whose report", () => {
  const cases = ROLES.flatMap((role) => (Object.keys(WHOSE) as Whose[]).map((whose) => [role, whose] as const));
  it.each(cases)("%s on a report of %s unit", (role, whose) => {
    const reader = { role, unitId: role === "STAFF" || role === "UNIT_LEAD" ? OWN : null };
    const readable = STATES.filter((status) => scopeAllows(reportReadScope(reader), { unitId: WHOSE[whose], status }));
    const editable = STATES.filter((status) => canEditReport(reader, { unitId: WHOSE[whose], status }));
    expect(readable).toEqual(READ[role][whose]);
    expect(editable).toEqual(EDIT[role][whose]);
  });
});
