import { route } from "@/lib/core/route";
import { AppError } from "@/lib/core/errors";
import { privateJson } from "@/lib/core/responses";
import { reportReadScope } from "@/lib/auth/roles";
import { listReports } from "@/lib/reports/read-reports";
import { progressJson } from "@/lib/api/progress-json";
import { ProgressQuerySchema, type ProgressListBody } from "@/lib/api/progress.contract";

export const dynamic = "force-dynamic";

/**
 * Progress reports, read-only: with a signed-in session (scope by role and unit) or an API token
 * an admin issued (`Authorization: Bearer …`, accepted reports only).
 */
export const GET = route({ auth: { permission: "report:read", apiToken: true }, query: ProgressQuerySchema }, async ({ query, user }) => {
  const scope = reportReadScope(user ?? { role: "API_TOKEN", unitId: null });
  if (!scope) throw new AppError("FORBIDDEN", "当前账号无权查看进展报告");
  const reports = await listReports(scope, query);
  return privateJson({ data: reports.map(progressJson) } satisfies ProgressListBody);
});
