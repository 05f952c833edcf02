import { route } from "@/lib/core/route";
import { AppError } from "@/lib/core/errors";
import { reportReadScope } from "@/lib/auth/roles";
import { chinaToday } from "@/lib/core/quarters";
import { listMeasureListsForReader } from "@/lib/measures/read-measures";
import { measureQuerySchema } from "@/lib/measures/schemas";
import { measuresSheet } from "@/lib/exports/measures-sheet";
import { exportFilterText } from "@/lib/exports/filter-caption";
import { buildWorkbook, xlsxResponse } from "@/lib/exports/workbook";

export const dynamic = "force-dynamic";

/** The measures and milestones the user may read (scoped as on the measures desk and the API), with the desk's filters. */
export const GET = route(
  { auth: "report:read", query: measureQuerySchema, exported: "measures.xlsx" },
  async ({ request, query, user }) => {
    const scope = reportReadScope(user);
    if (!scope) throw new AppError("FORBIDDEN", "当前账号无权查看举措");
    const lists = await listMeasureListsForReader(scope, query);
    const caption = await exportFilterText(new URL(request.url).searchParams, { year: (value) => `${value}年度` });
    return xlsxResponse(await buildWorkbook([measuresSheet(lists, caption, chinaToday())]), "年度举措.xlsx");
  },
);
