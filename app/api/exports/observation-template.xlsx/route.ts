import { withPermission } from "@/lib/core/route";
import { jsonError } from "@/lib/core/responses";
import { UserFacingError } from "@/lib/core/errors";
import { observationTemplate } from "@/lib/imports/observation-import";
import { xlsxResponse } from "@/lib/exports/workbook";

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
