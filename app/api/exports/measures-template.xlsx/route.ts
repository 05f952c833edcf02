import { route } from "@/lib/core/route";
import { z } from "@/lib/core/zod";
import { yearSchema } from "@/lib/core/schemas";
import { chinaToday } from "@/lib/core/quarters";
import { measuresTemplate } from "@/lib/measures/measures-import";
import { xlsxResponse } from "@/lib/exports/workbook";

export const dynamic = "force-dynamic";

const TemplateQuerySchema = z.object({ year: yearSchema("year 应为 2024–2035 的年份").optional() });

/** The staff member's unit measures template for a year (?year=2026; default: this year, China time). */
export const GET = route(
  { auth: "report:write", query: TemplateQuerySchema, exported: "measures-template.xlsx" },
  async ({ query, user }) => {
    const year = query.year ?? Number(chinaToday().slice(0, 4));
    return xlsxResponse(await measuresTemplate(user, year), `${user.unitName ?? "本单位"}_${year}年_举措清单模板.xlsx`);
  },
);
