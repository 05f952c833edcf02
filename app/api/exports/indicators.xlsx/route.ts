import { route } from "@/lib/core/route";
import { listIndicators } from "@/lib/indicators/catalogue";
import { indicatorsSheet } from "@/lib/exports/sheets";
import { buildWorkbook, xlsxResponse } from "@/lib/exports/workbook";

export const dynamic = "force-dynamic";

export const GET = route({ auth: "plan:read", exported: "indicators.xlsx" }, async () =>
  xlsxResponse(await buildWorkbook([indicatorsSheet(await listIndicators())]), "目标指标.xlsx"),
);
