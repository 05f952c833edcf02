import { route } from "@/lib/core/route";
import { z } from "@/lib/core/zod";
import { indicatorCodeSchema } from "@/lib/core/schemas";
import { listObservationsForExport } from "@/lib/indicators/accepted-observations";
import { observationsSheet } from "@/lib/exports/sheets";
import { buildWorkbook, xlsxResponse } from "@/lib/exports/workbook";

export const dynamic = "force-dynamic";

const ObservationExportQuerySchema = z.object({ code: indicatorCodeSchema("code 应为指标代码").optional() });

/** Accepted values of one indicator (?code=PM25) or of all. */
export const GET = route(
  { auth: "plan:read", query: ObservationExportQuerySchema, exported: "observations.xlsx" },
  async ({ query: { code } }) => {
    const sheet = observationsSheet(await listObservationsForExport(code));
    return xlsxResponse(await buildWorkbook([sheet]), code ? `指标数值_${code}.xlsx` : "指标数值.xlsx");
  },
);
