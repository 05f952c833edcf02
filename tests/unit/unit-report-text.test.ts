import { describe, expect, it } from "vitest";
import { unitReportsAnnex } from "@/lib/annual/annual-text";
import { isLate, sectionsOf, unitReportDrafts, type UnitReportFacts } from "@/lib/unit-reports/unit-report-text";

const empty: UnitReportFacts = {
  year: 2026,
  unitName: "南昌市人民政府",
  tasksCarried: 60,
  reportsAccepted: 0,
  tasks: [],
  measures: 0,
  milestones: { total: 0, done: 0, verified: 0, late: 0, dropped: 0, overdue: 0, notable: [] },
  indicators: [],
  coordination: [],
};

describe("a unit's annual report draft", () => {
  it("says plainly what is missing when the unit has reported nothing accepted", () => {
    const drafts = unitReportDrafts(empty);
    expect(drafts.overview).toContain("承担重点任务60项");
    expect(drafts.overview).toContain("尚无审核通过的季度进展报告");
    expect(drafts.milestones).toBe("本年度未填报年度举措和节点。");
    expect(drafts.nextSteps).toContain("2027年");
  });

  it("condenses each task's accepted progress to whole sentences and de-duplicates problems across tasks", () => {
    const drafts = unitReportDrafts({
      ...empty,
      reportsAccepted: 3,
      tasks: [
        { number: 1, title: "甲", quarter: 4, percent: 80, progress: "完成排查。".repeat(60), problems: "资金不足。", nextSteps: "" },
        { number: 2, title: "乙", quarter: 3, percent: 40, progress: "推进2026Q3整治", problems: "资金不足", nextSteps: "" },
      ],
    });
    const [first, second] = drafts.tasks.split("\n");
    expect(first!.length).toBeLessThan(220);
    expect(first).toMatch(/完成排查。截至2026年第四季度，完成进度80%。$/);
    expect(second).toBe("任务2（乙）：推进2026年第三季度整治。截至2026年第三季度，完成进度40%。");
    expect(drafts.overview).toContain("平均完成进度60%");
    expect(drafts.problems).toBe("资金不足（任务1、任务2）。");
  });

  it("reads saved sections over the drafts, ignoring anything that is not text", () => {
    const drafts = unitReportDrafts(empty);
    const sections = sectionsOf({ overview: "改过的", tasks: 5, unknown: "x" }, drafts);
    expect(sections.overview).toBe("改过的");
    expect(sections.tasks).toBe(drafts.tasks);
    expect(sectionsOf(null, drafts)).toEqual(drafts);
  });

  it("is late when first submitted after the deadline day (China time), or not submitted once it passed", () => {
    expect(isLate(null, null)).toBe(false);
    expect(isLate("2027-01-15", new Date("2027-01-15T15:59:00Z"))).toBe(false);
    expect(isLate("2027-01-15", new Date("2027-01-15T16:00:01Z"))).toBe(true);
    expect(isLate("2027-01-15", null, new Date("2027-01-15T12:00:00Z"))).toBe(false);
    expect(isLate("2027-01-15", null, new Date("2027-01-16T12:00:00Z"))).toBe(true);
  });
});

describe("附件3 of the provincial annual report", () => {
  it("quotes the accepted unit reports and names the units that have not submitted", () => {
    expect(
      unitReportsAnnex({
        accepted: [{ unit: "南昌市", text: "总体情况" }],
        notSubmitted: ["九江市", "省水利厅"],
        deadline: "2027年1月15日",
      }),
    ).toEqual([
      "审核通过的单位年度工作情况报告1份：",
      "南昌市：总体情况。",
      "未报送年度工作情况报告的单位（2个，截止日期2027年1月15日）：九江市、省水利厅。",
    ]);
    expect(unitReportsAnnex({ accepted: [], notSubmitted: [], deadline: null })).toEqual([
      "本年度尚无审核通过的单位年度工作情况报告。",
      "各单位均已报送年度工作情况报告。",
    ]);
  });
});
