import { route } from "@/lib/core/route";
import { listReports, scopeOf } from "@/lib/reports/read-reports";
import { reportsSheet } from "@/lib/exports/sheets";
import { buildWorkbook, xlsxResponse } from "@/lib/exports/workbook";
import { progressQuerySchema } from "@/lib/reports/schemas";

export const dynamic = "force-dynamic";

/** The reports the user may read, with the filters of the page the link came from. */
export const GET = route(
  { auth: "report:read", query: progressQuerySchema, exported: "reports.xlsx" },
  async ({ request, query, user }) => {
    const reports = await listReports(scopeOf(user), query, "review");
    const filters = [...new URL(request.url).searchParams]
      .filter(([, value]) => value)
      .map(([key, value]) => `${key}=${value}`)
      .join("，");
    return xlsxResponse(await buildWorkbook([reportsSheet(reports, filters ? `筛选条件：${filters}` : "筛选条件：全部")]), "进展报告.xlsx");
  },
);
