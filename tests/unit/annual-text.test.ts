import { describe, expect, it } from "vitest";
import { defaultNarrative, distill, excerpt, joinProgress } from "@/lib/annual/annual-text";

describe("annual report wording", () => {
  it("names the same problem once, with every unit that reported it, most shared first", () => {
    expect(
      distill([
        { unit: "南昌市", text: "资金缺口较大。" },
        { unit: "九江市", text: "专业人才不足" },
        { unit: "赣州市", text: "资金 缺口较大" },
        { unit: "南昌市", text: "" },
      ]),
    ).toEqual([
      { unit: "南昌市、赣州市", text: "资金缺口较大。" },
      { unit: "九江市", text: "专业人才不足。" },
    ]);
  });

  it("keeps at most the given number of points", () => {
    const many = Array.from({ length: 12 }, (_, index) => ({ unit: `单位${index}`, text: `问题${index}` }));
    expect(distill(many, 8)).toHaveLength(8);
  });

  it("shortens long progress text and joins units into one sentence without doubled punctuation", () => {
    expect(excerpt("完成管网改造。")).toBe("完成管网改造");
    expect(excerpt("一".repeat(130))).toBe(`${"一".repeat(120)}……`);
    expect(
      joinProgress([
        { unit: "南昌市", text: "完成管网改造" },
        { unit: "九江市", text: "完成方案编制" },
      ]),
    ).toBe("南昌市：完成管网改造；九江市：完成方案编制。");
    expect(joinProgress([])).toBe("");
  });

  it("drafts the overview from the year's figures", () => {
    const narrative = defaultNarrative({
      year: 2026,
      asOf: "2026-12-31",
      taskCounts: { DONE: 2, ON_TRACK: 40, DUE_SOON: 0, BEHIND: 10, OVERDUE_REPORT: 5, OVERDUE: 3 },
      reports: { owed: 1000, submitted: 900, accepted: 850 },
      indicators: 31,
      indicatorsOnCourse: 6,
      indicatorsAtRisk: 4,
    });
    expect(narrative.intro).toContain("截至2026年12月31日，已完成2项，正常推进40项，进度滞后10项，逾期未报5项，任务逾期3项。");
    expect(narrative.intro).toContain("已报送900份（90%），审核通过850份");
    expect(narrative.intro).toContain("31项目标指标中，6项按期可达，4项存在风险或难以达标");
  });
});
