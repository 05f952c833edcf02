import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "./options";
import { can, type Permission } from "./roles";
import { findSessionUser, type SessionUser } from "@/lib/auth/accounts";
import { sessionExpired } from "./session-policy";
import { db } from "@/lib/core/db";
import { recordAudit } from "@/lib/audit/audit";
import { AppError } from "@/lib/core/errors";

export type { SessionUser };

/**
 * The signed-in user for this request, re-read from the database with its session row in one
 * query (cached per request): a session signed out or past its lifetime, a deactivated account,
 * a bumped session version or an idle session count as signed out.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions);
  const claims = session?.user;
  if (!claims || typeof claims.sid !== "string") return null;
  if (sessionExpired({ authTime: claims.authTime, lastSeen: claims.lastSeen }, Math.floor(Date.now() / 1000))) {
    return null;
  }
  const user = await findSessionUser(Number(claims.id), claims.sid);
  if (!user || user.sessionVersion !== claims.sv) return null;
  // Signed in through the identity service, the person needs no local password: an initial one
  // left unchanged is no reason to stop them (a password sign-in still has to change it first).
  return claims.via === "oidc" ? { ...user, mustChangePassword: false } : user;
});

/** Not signed in (UNAUTHENTICATED, 401) or not allowed (FORBIDDEN, 403); the wrappers answer with its message. */
export class AuthorizationError extends AppError {
  constructor(code: "UNAUTHENTICATED" | "FORBIDDEN", message: string) {
    super(code, message);
  }
}

/** For pages: the user, or a redirect to sign-in (or to the forced change of an initial password). */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (user.mustChangePassword) redirect("/account/password");
  return user;
}

/**
 * For pages and segment layouts: the user holding `permission`, else the 403 page (/forbidden,
 * outside the signed-in layout, so it lists no entry the role may not use). Cached per request, so
 * a layout and its page checking the same permission audit one denial.
 */
export const requirePermission = cache(async (permission: Permission): Promise<SessionUser> => {
  const user = await requireUser();
  if (!can(user.role, permission)) {
    await recordDenial(user, permission);
    redirect("/forbidden");
  }
  return user;
});

/** A refused request by a signed-in user is audited (等保: permission denials are logged). */
async function recordDenial(user: SessionUser, permission: Permission): Promise<void> {
  await db
    .$transaction((tx) =>
      recordAudit(tx, {
        actorId: user.id,
        action: "access.denied",
        entity: "Permission",
        entityId: permission,
        after: { role: user.role },
      }),
    )
    .catch((error) => {
      console.error("could not audit a denial", error);
    });
}

/** For route handlers and actions: throws AuthorizationError (401/403) instead of redirecting. */
export async function authorize(permission: Permission): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) throw new AuthorizationError("UNAUTHENTICATED", "未登录或会话已过期，请重新登录");
  if (user.mustChangePassword) throw new AuthorizationError("FORBIDDEN", "请先修改初始密码");
  if (!can(user.role, permission)) {
    await recordDenial(user, permission);
    throw new AuthorizationError("FORBIDDEN", "当前账号无权执行此操作");
  }
  return user;
}
