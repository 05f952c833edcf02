/** Path parameters of a unit's report: its year and the unit's code; anything else names no report (404). */
import { z } from "@/lib/core/zod";
import { unitCodeSchema, yearSchema } from "@/lib/core/schemas";

export const NO_SUCH_UNIT_REPORT = "年度工作情况报告不存在或无权查看";

export const UnitReportPathSchema = z.object({
  year: yearSchema(NO_SUCH_UNIT_REPORT),
  unit: unitCodeSchema(NO_SUCH_UNIT_REPORT),
});
