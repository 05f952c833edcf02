import { route } from "@/lib/core/route";
import { z } from "@/lib/core/zod";
import { quarterSchema } from "@/lib/core/schemas";
import { progressTemplate } from "@/lib/imports/progress-import";
import { getWindowSetting } from "@/lib/admin/settings";
import { chinaToday, formatQuarter, reportingQuarter } from "@/lib/core/quarters";
import { xlsxResponse } from "@/lib/exports/workbook";

export const dynamic = "force-dynamic";

const TemplateQuerySchema = z.object({ quarter: quarterSchema.optional() });

/** The staff member's unit template for a quarter (?quarter=2026Q4; default: the quarter being collected). */
export const GET = route(
  { auth: "report:write", query: TemplateQuerySchema, exported: "progress-template.xlsx" },
  async ({ query, user }) => {
    const quarter = query.quarter ?? reportingQuarter(chinaToday(), (await getWindowSetting()).windowDays);
    return xlsxResponse(await progressTemplate(user, quarter), `${user.unitName ?? "本单位"}_${formatQuarter(quarter)}_进展填报模板.xlsx`);
  },
);
