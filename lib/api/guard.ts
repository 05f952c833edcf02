import { authorize, AuthorizationError, type SessionUser } from "@/lib/auth/session";
import type { Permission } from "@/lib/auth/roles";
import { jsonError } from "./responses";

/** Runs a route handler for a user holding `permission`; 401/403 JSON otherwise. */
export async function withPermission(permission: Permission, handler: (user: SessionUser) => Promise<Response>): Promise<Response> {
  let user: SessionUser;
  try {
    user = await authorize(permission);
  } catch (error) {
    if (error instanceof AuthorizationError) return jsonError(error.status, error.message);
    throw error;
  }
  return handler(user);
}
