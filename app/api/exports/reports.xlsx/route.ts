import { route } from "@/lib/core/route";
import { listReports, scopeOf } from "@/lib/reports/read-reports";
import { reportsSheet } from "@/lib/exports/sheets";
import { exportFilterText } from "@/lib/exports/filter-caption";
import { buildWorkbook, xlsxResponse } from "@/lib/exports/workbook";
import { progressQuerySchema } from "@/lib/reports/schemas";

export const dynamic = "force-dynamic";

/** The reports the user may read, with the filters of the page the link came from. */
export const GET = route(
  { auth: "report:read", query: progressQuerySchema, exported: "reports.xlsx" },
  async ({ request, query, user }) => {
    const reports = await listReports(scopeOf(user), query, "review");
    const sheet = reportsSheet(reports, await exportFilterText(new URL(request.url).searchParams));
    return xlsxResponse(await buildWorkbook([sheet]), "进展报告.xlsx");
  },
);
