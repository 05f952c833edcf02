import { route } from "@/lib/core/route";
import { observationTemplate } from "@/lib/imports/observation-import";
import { xlsxResponse } from "@/lib/exports/workbook";

export const dynamic = "force-dynamic";

/** The owning unit's template for indicator values. */
export const GET = route({ auth: "report:write", exported: "observation-template.xlsx" }, async ({ user }) =>
  xlsxResponse(await observationTemplate(user), `${user.unitName ?? "本单位"}_指标数值填报模板.xlsx`),
);
