import { describe, expect, it } from "vitest";
import {
  cleanText,
  defaultNarrative,
  distill,
  excerpt,
  joinProgress,
  paragraphs,
  rankCities,
  readableQuarters,
  signOffIndents,
  taskDraft,
} from "@/lib/annual/annual-text";

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

  it("shortens progress text at sentence ends only, never inside a sentence", () => {
    expect(excerpt("完成管网改造。")).toBe("完成管网改造");
    const first = `完成${"一".repeat(50)}。`;
    const second = `推进${"二".repeat(50)}；`;
    const third = `开展${"三".repeat(50)}。`;
    expect(excerpt(first + second + third)).toBe(`${first}${second.slice(0, -1)}`);
    // A first sentence longer than the limit is kept whole rather than cut.
    const long = `完成${"一".repeat(200)}，并${"二".repeat(20)}。其后。`;
    expect(excerpt(long)).toBe(long.slice(0, long.indexOf("。")));
    expect(excerpt("一".repeat(130))).toBe("一".repeat(130));
    expect(excerpt("一".repeat(130))).not.toContain("……");
  });

  it("spells out quarter codes the way a document does", () => {
    expect(readableQuarters("2026Q4完成验收，2025 Q1启动，2026年Q3季度")).toBe(
      "2026年第四季度完成验收，2025年第一季度启动，2026年第三季度",
    );
    expect(readableQuarters("Q5、20261Q10、12026Q1 不是季度")).toBe("Q5、20261Q10、12026Q1 不是季度");
    expect(cleanText("  2026Q2 完成 PM2.5  监测\n站点建设 ")).toBe("2026年第二季度完成PM2.5监测站点建设");
  });

  it("makes each unit's progress its own sentence", () => {
    expect(
      joinProgress([
        { unit: "南昌市", text: "完成管网改造" },
        { unit: "九江市", text: "完成方案编制" },
      ]),
    ).toBe("南昌市：完成管网改造。九江市：完成方案编制。");
    expect(joinProgress([])).toBe("");
  });

  it("drafts a task's paragraph from its accepted reports, counting the units not quoted", () => {
    expect(taskDraft({ unitsTotal: 12, unitsReported: 0, averagePercent: 0, progress: [] })).toBe(
      "本年度12个责任单位均无审核通过的进展报告。",
    );
    const progress = Array.from({ length: 8 }, (_, index) => ({ unit: `单位${index + 1}`, text: `完成工作${index + 1}` }));
    const draft = taskDraft({ unitsTotal: 12, unitsReported: 8, averagePercent: 47, progress });
    expect(draft).toBe(
      "本年度12个责任单位中8个报送并通过审核，平均完成47%。" +
        "单位1：完成工作1。单位2：完成工作2。单位3：完成工作3。单位4：完成工作4。单位5：完成工作5。单位6：完成工作6。" +
        "其余2个单位的进展见各单位季度报告。",
    );
  });

  it("keeps typed lines as paragraphs, dropping blank ones", () => {
    expect(paragraphs("第一段。\r\n\n  第二段。 \n")).toEqual(["第一段。", "第二段。"]);
    expect(paragraphs("")).toEqual([]);
  });

  it("places the sign-off as GB/T 9704 7.3.5.2 does: issuer two characters from the right, date starting two characters further right", () => {
    // 江西省生态环境厅 is 8 characters, 2026年12月2日 about 6.5: the date would end under 2 characters, so it takes 2 and the issuer moves left.
    expect(signOffIndents("江西省生态环境厅", "2026年12月2日")).toEqual({ issuer: 2.5, date: 2 });
    // A long issuer: the issuer keeps 2, the date starts two characters right of the issuer's first character.
    const indents = signOffIndents("江西省美丽江西建设工作领导小组办公室", "2026年1月5日");
    expect(indents.issuer).toBe(2);
    expect(indents.date + 6 - 2).toBe(indents.issuer + 18 - 2 - 2);
  });

  it("ranks cities by average completion over all their tasks; equal averages share a rank and the next rank skips", () => {
    const ranked = rankCities([
      { unit: "南昌市", assigned: 60, reported: 1, percentSum: 59 },
      { unit: "九江市", assigned: 60, reported: 60, percentSum: 3000 },
      { unit: "赣州市", assigned: 60, reported: 0, percentSum: 0 },
      { unit: "上饶市", assigned: 60, reported: 0, percentSum: 0 },
      { unit: "吉安市", assigned: 60, reported: 2, percentSum: 60 },
    ]);
    expect(ranked.map((city) => [city.unit, city.rank, city.averagePercent])).toEqual([
      ["九江市", "第 1 名", 50],
      ["南昌市", "并列第 2 名", 1],
      ["吉安市", "并列第 2 名", 1],
      ["赣州市", "并列第 4 名", 0],
      ["上饶市", "并列第 4 名", 0],
    ]);
    expect(ranked[1]!.reportedShare).toBe("1.7%");
    expect(ranked[3]!.reportedShare).toBe("0%");
  });

  it("drafts the overview from the year's figures", () => {
    const narrative = defaultNarrative({
      year: 2026,
      asOf: "2026-12-31",
      taskCounts: { DONE: 2, ON_TRACK: 40, DUE_SOON: 0, BEHIND: 10, OVERDUE_REPORT: 5, OVERDUE: 3 },
      reports: { owed: 3268, submitted: 8, accepted: 8 },
      indicators: 31,
      indicatorsOnCourse: 6,
      indicatorsAtRisk: 4,
      indicatorsStale: 3,
      indicatorsNoData: 18,
    });
    expect(narrative.intro).toContain("截至2026年12月31日，已完成2项，正常推进40项，进度滞后10项，逾期未报5项，任务逾期3项。");
    expect(narrative.intro).toContain("已报送8份（0.2%），审核通过8份");
    expect(narrative.intro).toContain("31项目标指标中，6项按期可达，4项存在风险或难以达标，3项数据过旧，18项暂无数据。");
  });
});
