import { describe, expect, it } from "vitest";
import { diffSnapshots, type SnapshotLike } from "@/lib/reports/report-diff";

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
