import { withPermission } from "@/lib/core/route";
import { jsonError } from "@/lib/core/responses";
import { listReports, scopeOf } from "@/lib/reports/reports";
import { reportsSheet } from "@/lib/exports/sheets";
import { buildWorkbook, xlsxResponse } from "@/lib/exports/workbook";
import { parseProgressQuery } from "@/lib/reports/schemas";

export const dynamic = "force-dynamic";

/** The reports the user may read, with the filters of the page the link came from. */
export async function GET(request: Request) {
  return withPermission("report:read", async (user) => {
    const params = new URL(request.url).searchParams;
    const parsed = parseProgressQuery(params);
    if (!parsed.success) return jsonError(400, `查询参数无效：${parsed.error.issues.map((issue) => issue.message).join("；")}`);
    const reports = await listReports(scopeOf(user), parsed.data, "review");
    const filters = [...params].filter(([, value]) => value).map(([key, value]) => `${key}=${value}`).join("，");
    return xlsxResponse(await buildWorkbook([reportsSheet(reports, filters ? `筛选条件：${filters}` : "筛选条件：全部")]), "进展报告.xlsx");
  }, "reports.xlsx");
}
