import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { authorize, type SessionUser } from "@/lib/auth/session";
import type { Permission } from "@/lib/auth/roles";
import { verifyApiToken } from "@/lib/admin/api-tokens";
import { recordAudit } from "@/lib/audit/audit";
import { db } from "@/lib/core/db";
import { AppError } from "./errors";
import { jsonError } from "./responses";
import { issuesText, parseSearchParams } from "./schemas";

/**
 * Who may call a route: anyone (`"public"`), a signed-in user holding a permission, or — where
 * other systems read — also an API token an admin issued (`Authorization: Bearer mljx_…`).
 */
export type RouteAuth = Permission | "public" | { permission: Permission; apiToken: true };

export interface ApiTokenCaller {
  id: number;
  name: string;
}

type Parsed<Schema> = Schema extends z.ZodType ? z.output<Schema> : Record<string, never>;
type Schema = z.ZodType | undefined;

export interface RouteOptions<Auth extends RouteAuth, Params extends Schema, Query extends Schema> {
  auth: Auth;
  /** Path parameters; a value that does not parse names no record: 404 with the schema's message. */
  params?: Params;
  /** Search parameters (read by parseSearchParams); a value that does not parse: 400. */
  query?: Query;
  /** A download audited as an export under this name when it succeeds. */
  exported?: string;
}

export interface RouteInput<Params extends Schema, Query extends Schema> {
  request: Request;
  params: Parsed<Params>;
  query: Parsed<Query>;
}

type SignedIn = { user: SessionUser; apiToken: null };
type ByToken = { user: null; apiToken: ApiTokenCaller };
type Anonymous = { user: null; apiToken: null };

/** The caller as the handler sees it, by the route's `auth`. */
export type Caller<Auth extends RouteAuth> = Auth extends "public"
  ? Anonymous
  : Auth extends { apiToken: true }
    ? SignedIn | ByToken
    : SignedIn;

/** What Next passes a route handler besides the request. */
interface NextRouteContext {
  params: Promise<Record<string, string | string[] | undefined>>;
}
export type RouteHandler = (request: Request, context?: NextRouteContext) => Promise<Response>;

type AnyCaller = { user: SessionUser | null; apiToken: ApiTokenCaller | null };
type AnyHandler = (input: { request: Request; params: unknown; query: unknown } & AnyCaller) => Promise<Response>;

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * The one wrapper of route handlers (the counterpart of `validatedAction`, as Dub's
 * `withWorkspace`): authenticates a session or an API token, checks the permission (a denial is
 * audited by authorize()), parses path and search parameters with zod, runs the handler, audits
 * exports, and turns every thrown error into `{ "error": { "status", "message" } }` — an AppError
 * with its status and Chinese message, anything unexpected as a logged 500 without details.
 */
export function route<Auth extends RouteAuth, Params extends Schema = undefined, Query extends Schema = undefined>(
  options: RouteOptions<Auth, Params, Query>,
  handler: (input: RouteInput<Params, Query> & Caller<Auth>) => Promise<Response>,
): RouteHandler {
  // authenticate() returns the caller `auth` promises, and the parsers the schemas' output:
  // the types the handler was written against, which TypeScript cannot follow through `auth`.
  const run = handler as AnyHandler;
  return async (request, context) => {
    try {
      const caller = await authenticate(options.auth, request);
      const params = options.params ? parsePathParams(options.params, (await context?.params) ?? {}) : {};
      const query = options.query ? parseQuery(options.query, new URL(request.url).searchParams) : {};
      const response = await run({ request, params, query, ...caller });
      if (options.exported && response.ok && caller.user) await auditExport(caller.user, options.exported, response.status);
      return response;
    } catch (error) {
      return errorResponse(error, request);
    }
  };
}

async function authenticate(auth: RouteAuth, request: Request): Promise<AnyCaller> {
  if (auth === "public") return { user: null, apiToken: null };
  const permission = typeof auth === "string" ? auth : auth.permission;
  try {
    if (typeof auth === "object" && auth.apiToken) {
      const bearer = BEARER.exec(request.headers.get("authorization") ?? "")?.[1];
      if (bearer) {
        const apiToken = await verifyApiToken(bearer);
        if (!apiToken) throw new AppError("UNAUTHENTICATED", "API 令牌无效或已吊销");
        return { user: null, apiToken };
      }
    }
    // Sign-in, forced password change, role: the same check as every page and action.
    return { user: await authorize(permission), apiToken: null };
  } catch (error) {
    if (error instanceof AppError) throw error;
    // Next's own control flow (dynamic rendering bail-out, redirects) is not a database failure.
    unstable_rethrow(error);
    // The user could not be checked at all: the database is unreachable (a restart, a failover).
    console.error("route could not check the caller", error);
    throw new AppError("UNAVAILABLE", "服务暂时不可用（数据库连接中断），请稍后重试。");
  }
}

function parsePathParams<Schema extends z.ZodType>(
  schema: Schema,
  params: Record<string, string | string[] | undefined>,
): z.output<Schema> {
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw new AppError("NOT_FOUND", issuesText(parsed.error));
  return parsed.data;
}

function parseQuery<Schema extends z.ZodType>(schema: Schema, search: URLSearchParams): z.output<Schema> {
  const parsed = parseSearchParams(schema, search);
  if (!parsed.success) throw new AppError("BAD_REQUEST", `查询参数无效：${issuesText(parsed.error)}`);
  return parsed.data;
}

async function auditExport(user: SessionUser, exported: string, status: number): Promise<void> {
  await db.$transaction((tx) =>
    recordAudit(tx, { actorId: user.id, action: "export", entity: "Export", entityId: exported, after: { status } }),
  );
}

export const INTERNAL_ERROR_MESSAGE = "服务器内部错误，请稍后重试。";

function errorResponse(error: unknown, request: Request): Response {
  // Next's own control flow (notFound(), redirect()) is not a failure of the route.
  unstable_rethrow(error);
  if (error instanceof AppError) return jsonError(error.status, error.message);
  console.error(`${request.method} ${new URL(request.url).pathname} failed`, error);
  return jsonError(500, INTERNAL_ERROR_MESSAGE);
}
