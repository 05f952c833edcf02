import { NextResponse } from "next/server";
import { authorize, AuthorizationError } from "@/lib/auth/session";
import { reportReadScope } from "@/lib/auth/roles";
import { jsonError } from "@/lib/core/responses";
import { progressJson } from "@/lib/api/progress-json";
import { verifyApiToken } from "@/lib/admin/api-tokens";
import { listReports } from "@/lib/reports/read-reports";
import { progressQuerySchema } from "@/lib/reports/schemas";
import { issuesText, parseSearchParams } from "@/lib/core/schemas";

export const dynamic = "force-dynamic";

/**
 * Progress reports, read-only: with a signed-in session (scope by role and unit) or an API token
 * an admin issued (`Authorization: Bearer …`, accepted reports only).
 */
export async function GET(request: Request) {
  const header = request.headers.get("authorization") ?? "";
  const bearer = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  let scope;
  if (bearer) {
    const token = await verifyApiToken(bearer);
    if (!token) return jsonError(401, "API 令牌无效或已吊销");
    scope = reportReadScope({ role: "API_TOKEN", unitId: null });
  } else {
    // The same check as every other route: sign-in, forced password change, role (denials audited).
    try {
      scope = reportReadScope(await authorize("report:read"));
    } catch (error) {
      if (error instanceof AuthorizationError) return jsonError(error.status, error.message);
      throw error;
    }
  }
  const parsed = parseSearchParams(progressQuerySchema, new URL(request.url).searchParams);
  if (!parsed.success) {
    return jsonError(400, `查询参数无效：${issuesText(parsed.error)}`);
  }
  const reports = await listReports(scope!, parsed.data);
  return NextResponse.json({ data: reports.map(progressJson) }, { headers: { "Cache-Control": "private, no-store" } });
}
