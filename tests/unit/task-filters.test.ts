import { describe, expect, it } from "vitest";
import { taskFiltersSchema, taskFiltersToSearch } from "@/lib/plan/task-filters";
import { parseSearchParams } from "@/lib/core/schemas";

describe("task list filters", () => {
  it("reads the URL's filters and ignores empty ones", () => {
    const parsed = parseSearchParams(
      taskFiltersSchema,
      new URLSearchParams("section=3&unit=slt&city=&year=2027&q= 河湖 &sort=deadline&dir=desc"),
    );
    expect(parsed.success && parsed.data).toEqual({
      section: 3,
      unit: "slt",
      year: 2027,
      q: "河湖",
      sort: "deadline",
      dir: "desc",
    });
  });

  it("defaults to the document's order", () => {
    const parsed = parseSearchParams(taskFiltersSchema, {});
    expect(parsed.success && parsed.data).toEqual({ sort: "number", dir: "asc" });
  });

  it.each([
    ["section=6", "篇章编号应在 1–5 之间"],
    ["section=x", "篇章"],
    ["year=2036", "年份应在 2024–2035 之间"],
    ["unit=Robert');DROP", "单位代码格式不正确"],
    ["sort=password", "排序字段无效"],
    ["dir=sideways", "排序方向无效"],
    [`q=${"河".repeat(101)}`, "搜索词不能超过 100 个字"],
  ])("refuses %s with a Chinese message", (query, message) => {
    const parsed = parseSearchParams(taskFiltersSchema, new URLSearchParams(query));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.message).join("；")).toContain(message);
  });

  it("round-trips filters through the query string", () => {
    const filters = { section: 2, city: "ganzhou", year: 2025, q: "黑臭水体", sort: "title" as const, dir: "desc" as const };
    const search = taskFiltersToSearch(filters);
    const parsed = parseSearchParams(taskFiltersSchema, new URLSearchParams(search));
    expect(parsed.success && parsed.data).toEqual(filters);
    expect(taskFiltersToSearch({ sort: "number", dir: "asc" })).toBe("");
  });
});
