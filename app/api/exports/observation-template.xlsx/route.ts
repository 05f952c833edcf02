import { withPermission } from "@/lib/api/guard";
import { jsonError } from "@/lib/api/responses";
import { UserFacingError } from "@/lib/data/errors";
import { observationTemplate } from "@/lib/data/observation-import";
import { xlsxResponse } from "@/lib/excel/workbook";

export const dynamic = "force-dynamic";

/** The owning unit's template for indicator values. */
export async function GET() {
  return withPermission("report:write", async (user) => {
    try {
      return xlsxResponse(await observationTemplate(user), `${user.unitName ?? "本单位"}_指标数值填报模板.xlsx`);
    } catch (error) {
      if (error instanceof UserFacingError) return jsonError(400, error.message);
      throw error;
    }
  }, "observation-template.xlsx");
}
