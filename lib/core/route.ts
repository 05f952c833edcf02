import { authorize, AuthorizationError, type SessionUser } from "@/lib/auth/session";
import type { Permission } from "@/lib/auth/roles";
import { jsonError } from "./responses";
import { db } from "@/lib/core/db";
import { recordAudit } from "@/lib/audit/audit";

/**
 * Runs a route handler for a user holding `permission`; 401/403 JSON otherwise (a denial is
 * audited by authorize()). With `exported`, a successful download is audited as an export.
 */
export async function withPermission(
  permission: Permission,
  handler: (user: SessionUser) => Promise<Response>,
  exported?: string,
): Promise<Response> {
  let user: SessionUser;
  try {
    user = await authorize(permission);
  } catch (error) {
    if (error instanceof AuthorizationError) return jsonError(error.status, error.message);
    throw error;
  }
  const response = await handler(user);
  if (exported && response.ok) {
    await db.$transaction((tx) => recordAudit(tx, { actorId: user.id, action: "export", entity: "Export", entityId: exported, after: { status: response.status } }));
  }
  return response;
}
