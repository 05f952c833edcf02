import { withPermission } from "@/lib/core/route";
import { jsonError } from "@/lib/core/responses";
import { listReports, scopeOf } from "@/lib/reports/read-reports";
import { reportsSheet } from "@/lib/exports/sheets";
import { buildWorkbook, xlsxResponse } from "@/lib/exports/workbook";
import { progressQuerySchema } from "@/lib/reports/schemas";
import { issuesText, parseSearchParams } from "@/lib/core/schemas";

export const dynamic = "force-dynamic";

/** The reports the user may read, with the filters of the page the link came from. */
export async function GET(request: Request) {
  return withPermission("report:read", async (user) => {
    const params = new URL(request.url).searchParams;
    const parsed = parseSearchParams(progressQuerySchema, params);
    if (!parsed.success) return jsonError(400, `查询参数无效：${issuesText(parsed.error)}`);
    const reports = await listReports(scopeOf(user), parsed.data, "review");
    const filters = [...params].filter(([, value]) => value).map(([key, value]) => `${key}=${value}`).join("，");
    return xlsxResponse(await buildWorkbook([reportsSheet(reports, filters ? `筛选条件：${filters}` : "筛选条件：全部")]), "进展报告.xlsx");
  }, "reports.xlsx");
}
