import { withPermission } from "@/lib/api/guard";
import { listIndicators } from "@/lib/data/indicators";
import { indicatorsSheet } from "@/lib/excel/exports";
import { buildWorkbook, xlsxResponse } from "@/lib/excel/workbook";

export const dynamic = "force-dynamic";

export async function GET() {
  return withPermission("plan:read", async () => xlsxResponse(await buildWorkbook([indicatorsSheet(await listIndicators())]), "目标指标.xlsx"), "indicators.xlsx");
}
