import { describe, expect, it } from "vitest";
import { contentDifferences, contentOfForm, diffSnapshots, reportConflictOf, type SnapshotLike } from "@/lib/reports/report-diff";

const base: SnapshotLike = {
  status: "DRAFT",
  progressState: "ON_TRACK",
  percent: 40,
  progress: "完成管网改造 1200 千米",
  problems: "",
  nextSteps: "",
  reviewComment: null,
  figures: [{ indicator: "SEWER_PIPES_BUILT", value: "1200", period: "2026Q3", note: "" }],
  evidence: [],
};

describe("comparing two versions of a report", () => {
  it("lists only the fields that changed, in the form's words", () => {
    const after: SnapshotLike = {
      ...base,
      status: "RETURNED",
      percent: 45,
      reviewComment: "请补充佐证材料",
      figures: [{ indicator: "SEWER_PIPES_BUILT", value: "1350", period: "2026Q3", note: "" }],
    };
    expect(diffSnapshots(base, after)).toEqual([
      { field: "状态", before: "草稿", after: "已退回" },
      { field: "完成百分比", before: "40%", after: "45%" },
      { field: "指标数值", before: "SEWER_PIPES_BUILT=1200（2026Q3）", after: "SEWER_PIPES_BUILT=1350（2026Q3）" },
      { field: "审核意见", before: "", after: "请补充佐证材料" },
    ]);
  });

  it("shows every filled field of a first version as new", () => {
    expect(diffSnapshots(null, base).map((change) => change.field)).toEqual(["状态", "进展状态", "完成百分比", "工作进展", "指标数值"]);
  });

  it("finds nothing between identical versions", () => {
    expect(diffSnapshots(base, { ...base })).toEqual([]);
  });
});

describe("comparing the user's form with the version someone else saved", () => {
  const indicators = [
    { code: "SEWER_PIPES_BUILT", name: "新建改造污水管网" },
    { code: "SEWAGE_RATE", name: "污水集中收集率" },
  ];
  const theirs: SnapshotLike = {
    ...base,
    progress: "同事写的进展",
    figures: [{ indicator: "SEWER_PIPES_BUILT", value: "1200.5", period: "2026Q3", note: "" }],
  };
  const form = (fields: Record<string, string>) =>
    contentOfForm({
      taskNumber: "21",
      version: "1",
      intent: "save",
      requestId: "6f1c1b2e-0a4b-4c1e-9d7e-2b7d5a8f9c01",
      progressState: "ON_TRACK",
      percent: "40",
      progress: "同事写的进展",
      problems: "",
      nextSteps: "",
      "figure.SEWER_PIPES_BUILT.value": "1200.50",
      "figure.SEWER_PIPES_BUILT.period": "2026Q3",
      "figure.SEWER_PIPES_BUILT.note": "",
      "figure.SEWAGE_RATE.value": "",
      "figure.SEWAGE_RATE.period": "2026",
      "figure.SEWAGE_RATE.note": "",
      ...fields,
    });

  it("finds no difference where the form would save what they saved (same number, blanks, an empty figure)", () => {
    expect(contentDifferences(theirs, form({ progress: "  同事写的进展\n" }), indicators)).toEqual([]);
  });

  it("names each differing field and each differing indicator, with both texts", () => {
    const mine = form({
      percent: "55",
      progress: "我写的进展",
      "figure.SEWER_PIPES_BUILT.note": "含改造",
      "figure.SEWAGE_RATE.value": "96",
    });
    expect(contentDifferences(theirs, mine, indicators)).toEqual([
      { key: "percent", label: "完成百分比", theirs: "40%", mine: "55%" },
      { key: "progress", label: "工作进展", theirs: "同事写的进展", mine: "我写的进展" },
      { key: "figure.SEWER_PIPES_BUILT", label: "指标：新建改造污水管网", theirs: "1200.5（2026Q3）", mine: "1200.5（2026Q3，含改造）" },
      { key: "figure.SEWAGE_RATE", label: "指标：污水集中收集率", theirs: "未填写", mine: "96（2026）" },
    ]);
  });

  it("reads the other version only from a refusal that carries one", () => {
    expect(reportConflictOf(undefined)).toBeNull();
    expect(reportConflictOf({ message: "x" })).toBeNull();
    const conflict = { who: "南昌市填报人", when: "2026/12/1 10:00:00", version: 3, record: { ...theirs, editable: true } };
    expect(reportConflictOf(conflict)).toBe(conflict);
  });
});
