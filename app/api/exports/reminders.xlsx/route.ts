import { route } from "@/lib/core/route";
import { reportingCounts } from "@/lib/reminders/reminders";
import { getWindowSetting } from "@/lib/admin/settings";
import { listUnitOptions } from "@/lib/plan/units";
import { reminderMatrixSheet } from "@/lib/exports/sheets";
import { buildWorkbook, xlsxResponse } from "@/lib/exports/workbook";
import { addQuarters, chinaToday, PLAN_FIRST_QUARTER, quarterIndex, reportingQuarter } from "@/lib/core/quarters";

export const dynamic = "force-dynamic";

/** The 催办 matrix from 2024Q3 to the quarter being collected. */
export const GET = route({ auth: "report:review", exported: "reminders.xlsx" }, async () => {
  const { windowDays } = await getWindowSetting();
  const last = reportingQuarter(chinaToday(), windowDays);
  const quarters = Array.from({ length: quarterIndex(last) - quarterIndex(PLAN_FIRST_QUARTER) + 1 }, (_, index) =>
    addQuarters(PLAN_FIRST_QUARTER, index),
  );
  const [units, counts] = await Promise.all([listUnitOptions(), reportingCounts(PLAN_FIRST_QUARTER, last)]);
  return xlsxResponse(await buildWorkbook([reminderMatrixSheet(units, quarters, counts)]), "报送情况.xlsx");
});
