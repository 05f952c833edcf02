import { z } from "@/lib/core/zod";
import { lineSchema, sectionSchema, unitCodeSchema, yearSchema } from "@/lib/core/schemas";

/** Filters and sort order of the task list; shared by the page, the public API and exports. */
export const TASK_SORT_KEYS = ["number", "deadline", "section", "title"] as const;
export type TaskSortKey = (typeof TASK_SORT_KEYS)[number];

export const taskFiltersSchema = z.object({
  section: sectionSchema("篇章编号应在 1–5 之间").optional(),
  unit: unitCodeSchema("单位代码格式不正确").optional(),
  city: unitCodeSchema("单位代码格式不正确").optional(),
  year: yearSchema("年份应在 2024–2035 之间").optional(),
  q: lineSchema("搜索词").max(100, "搜索词不能超过 100 个字").optional(),
  sort: z.enum(TASK_SORT_KEYS, { message: "排序字段无效" }).default("number"),
  dir: z.enum(["asc", "desc"], { message: "排序方向无效" }).default("asc"),
});

export type TaskFilters = z.infer<typeof taskFiltersSchema>;

/** The query string that reproduces `filters` (defaults omitted), for links and exports. */
export function taskFiltersToSearch(filters: Partial<TaskFilters>): string {
  const params = new URLSearchParams();
  if (filters.section) params.set("section", String(filters.section));
  if (filters.unit) params.set("unit", filters.unit);
  if (filters.city) params.set("city", filters.city);
  if (filters.year) params.set("year", String(filters.year));
  if (filters.q) params.set("q", filters.q);
  if (filters.sort && filters.sort !== "number") params.set("sort", filters.sort);
  if (filters.dir && filters.dir !== "asc") params.set("dir", filters.dir);
  const query = params.toString();
  return query ? `?${query}` : "";
}
