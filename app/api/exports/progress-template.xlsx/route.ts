import { withPermission } from "@/lib/core/route";
import { jsonError } from "@/lib/core/responses";
import { UserFacingError } from "@/lib/core/errors";
import { progressTemplate } from "@/lib/imports/progress-import";
import { getWindowSetting } from "@/lib/admin/settings";
import { chinaToday, formatQuarter, parseQuarter, reportingQuarter } from "@/lib/core/quarters";
import { xlsxResponse } from "@/lib/exports/workbook";

export const dynamic = "force-dynamic";

/** The staff member's unit template for a quarter (?quarter=2026Q4; default: the quarter being collected). */
export async function GET(request: Request) {
  return withPermission("report:write", async (user) => {
    const raw = new URL(request.url).searchParams.get("quarter");
    const quarter = raw ? parseQuarter(raw) : reportingQuarter(chinaToday(), (await getWindowSetting()).windowDays);
    if (!quarter) return jsonError(400, "quarter 格式应为 2026Q3");
    try {
      return xlsxResponse(await progressTemplate(user, quarter), `${user.unitName ?? "本单位"}_${formatQuarter(quarter)}_进展填报模板.xlsx`);
    } catch (error) {
      if (error instanceof UserFacingError) return jsonError(400, error.message);
      throw error;
    }
  }, "progress-template.xlsx");
}
