import { z } from "../core/zod";
import { compareQuarters, formatQuarter, PLAN_FIRST_QUARTER, type Quarter } from "@/lib/core/quarters";
import { quarterSchema } from "../reports/schemas";

const code = (message: string) => z.string().trim().regex(/^[a-z0-9_]{2,32}$/, message).optional();

export const dashboardFilterSchema = z.object({
  // Nothing was reported before the plan's first quarter (each past quarter viewed is a snapshot).
  quarter: quarterSchema.refine((quarter) => compareQuarters(quarter, PLAN_FIRST_QUARTER) >= 0, "季度不能早于 2024Q3（实施意见印发后的第一个季度）").optional(),
  section: z.coerce.number({ message: "篇章应为 1–5" }).int().min(1, "篇章应为 1–5").max(5, "篇章应为 1–5").optional(),
  unit: code("单位代码无效"),
  city: code("设区市代码无效"),
  status: z.enum(["OVERDUE", "OVERDUE_REPORT", "BEHIND", "DUE_SOON", "ON_TRACK", "DONE", "LAGGING"], { message: "状态无效" }).optional(),
});
export type DashboardQuery = z.output<typeof dashboardFilterSchema>;

/** Filters from the URL; an invalid one is reported and ignored rather than breaking the page. */
export function parseDashboardQuery(raw: Record<string, string | string[] | undefined>) {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) if (typeof value === "string" && value !== "") values[key] = value;
  const parsed = dashboardFilterSchema.safeParse(values);
  return parsed.success
    ? { query: parsed.data, error: null }
    : { query: {} as DashboardQuery, error: parsed.error.issues.map((issue) => issue.message).join("；") };
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
