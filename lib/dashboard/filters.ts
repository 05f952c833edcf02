import { z } from "@/lib/core/zod";
import { compareQuarters, formatQuarter, PLAN_FIRST_QUARTER, type Quarter } from "@/lib/core/quarters";
import { issuesText, parseSearchParams, quarterSchema, sectionSchema, unitCodeSchema, type SearchParamsInput } from "@/lib/core/schemas";

export const dashboardFilterSchema = z.object({
  // Nothing was reported before the plan's first quarter (each past quarter viewed is a snapshot).
  quarter: quarterSchema
    .refine((quarter) => compareQuarters(quarter, PLAN_FIRST_QUARTER) >= 0, "季度不能早于 2024Q3（实施意见印发后的第一个季度）")
    .optional(),
  section: sectionSchema().optional(),
  unit: unitCodeSchema().optional(),
  city: unitCodeSchema("设区市代码无效").optional(),
  status: z.enum(["OVERDUE", "OVERDUE_REPORT", "BEHIND", "DUE_SOON", "ON_TRACK", "DONE", "LAGGING"], { message: "状态无效" }).optional(),
});
export type DashboardQuery = z.output<typeof dashboardFilterSchema>;

/** Filters from the URL; an invalid one is reported and ignored rather than breaking the page. */
export function parseDashboardQuery(params: SearchParamsInput) {
  const parsed = parseSearchParams(dashboardFilterSchema, params);
  return parsed.success ? { query: parsed.data, error: null } : { query: {} as DashboardQuery, error: issuesText(parsed.error) };
}

/** The same filters as a query string, for links that keep them (drill-down). */
export function dashboardHref(path: string, query: DashboardQuery, extra: Record<string, string | number | undefined> = {}): string {
  const params = new URLSearchParams();
  const merged: Record<string, string | number | Quarter | undefined> = { ...query, ...extra };
  for (const [key, value] of Object.entries(merged)) {
    if (value === undefined || value === "") continue;
    params.set(key, typeof value === "object" ? formatQuarter(value) : String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}
