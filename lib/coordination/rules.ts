/**
 * Who may do what with a 需协调事项 (pure; the data layer checks it on every read and write):
 * staff see the issues their unit raised or was asked about, the reviewer and leaders see all;
 * the addressed unit's staff, the reviewer and leaders reply; the raising unit or the reviewer
 * closes it. A closed issue takes no more replies.
 */
import type { Role } from "@/lib/auth/roles";

interface Viewer {
  role: Role;
  unitId: number | null;
}

interface IssueParties {
  raisedByUnitId: number;
  addressedToUnitId: number | null;
  status: "OPEN" | "ANSWERED" | "CLOSED";
}

/** null: every issue; otherwise the one unit whose raised and addressed issues the viewer reads. */
export function coordinationScope(viewer: Viewer): { unitId: number | null } | "none" {
  if (viewer.role === "REVIEWER" || viewer.role === "LEADER") return { unitId: null };
  if (viewer.role === "STAFF" && viewer.unitId !== null) return { unitId: viewer.unitId };
  return "none";
}

export function canReadIssue(viewer: Viewer, issue: IssueParties): boolean {
  const scope = coordinationScope(viewer);
  if (scope === "none") return false;
  return scope.unitId === null || scope.unitId === issue.raisedByUnitId || scope.unitId === issue.addressedToUnitId;
}

export function canReplyIssue(viewer: Viewer, issue: IssueParties): boolean {
  if (issue.status === "CLOSED") return false;
  if (viewer.role === "REVIEWER" || viewer.role === "LEADER") return true;
  return viewer.role === "STAFF" && viewer.unitId !== null && viewer.unitId === issue.addressedToUnitId;
}

export function canCloseIssue(viewer: Viewer, issue: IssueParties): boolean {
  if (issue.status === "CLOSED") return false;
  if (viewer.role === "REVIEWER") return true;
  return viewer.role === "STAFF" && viewer.unitId !== null && viewer.unitId === issue.raisedByUnitId;
}
