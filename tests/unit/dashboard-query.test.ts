import { describe, expect, it } from "vitest";
import { parseDashboardQuery } from "@/lib/dashboard/filters";

describe("the dashboard's filters from the URL", () => {
  it("takes a quarter from the plan's first one on, and names the problem with an earlier one", () => {
    expect(parseDashboardQuery({ quarter: "2024Q3", section: "2" })).toEqual({
      query: { quarter: { year: 2024, quarter: 3 }, section: 2 },
      error: null,
    });
    const early = parseDashboardQuery({ quarter: "2024Q2" });
    expect(early.query).toEqual({});
    expect(early.error).toContain("季度不能早于 2024Q3");
  });
});
