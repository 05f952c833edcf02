import { describe, expect, it } from "vitest";
import { assessUnitTask, expectedPercent, rollUpTask, type ReportFact } from "@/lib/status/status-rules";

const context = (today: string) => ({ today, windowDays: 10 });
const report = (year: number, quarter: 1 | 2 | 3 | 4, over: Partial<ReportFact> = {}): ReportFact => ({
  year,
  quarter,
  status: "ACCEPTED",
  progressState: "ON_TRACK",
  percent: 50,
  ...over,
});

describe("status of a task as carried out by one unit", () => {
  const deadline = "2035-12-31";

  it("is on track when the last closed quarter was reported and the current one is not yet due", () => {
    expect(assessUnitTask(deadline, [report(2026, 3)], context("2026-11-25")).status).toBe("ON_TRACK");
  });

  it("is overdue when the last closed quarter has no submitted report (a draft does not count)", () => {
    expect(assessUnitTask(deadline, [], context("2026-11-25"))).toMatchObject({
      status: "OVERDUE_REPORT",
      reason: expect.stringContaining("2026年第三季度") as string,
    });
    expect(assessUnitTask(deadline, [report(2026, 3, { status: "DRAFT" })], context("2026-11-25")).status).toBe("OVERDUE_REPORT");
  });

  it("counts a submitted or returned report as reported on time", () => {
    for (const status of ["SUBMITTED", "RETURNED"] as const) {
      expect(assessUnitTask(deadline, [report(2026, 3, { status })], context("2026-11-25")).status).toBe("ON_TRACK");
    }
  });

  it("is due soon when the collected quarter's window closes within 7 days and nothing is submitted", () => {
    const reports = [report(2026, 3)];
    expect(assessUnitTask(deadline, reports, context("2027-01-03"))).toMatchObject({
      status: "DUE_SOON",
      reason: expect.stringContaining("7 天") as string,
    });
    expect(assessUnitTask(deadline, reports, context("2027-01-02")).status).toBe("ON_TRACK");
    expect(assessUnitTask(deadline, [...reports, report(2026, 4, { status: "SUBMITTED" })], context("2027-01-09")).status).toBe("ON_TRACK");
  });

  it("is behind when the unit says so in an accepted report", () => {
    expect(assessUnitTask(deadline, [report(2026, 3, { progressState: "BEHIND" })], context("2026-11-25")).status).toBe("BEHIND");
  });

  it("is behind when the deadline is within a year and the percent lags the straight path by 25 points", () => {
    const nearDeadline = "2027-06-30";
    // 2024-07-01 → 2027-06-30, on 2026-11-25: about 80% of the way.
    expect(expectedPercent(nearDeadline, "2026-11-25")).toBe(80);
    expect(assessUnitTask(nearDeadline, [report(2026, 3, { percent: 50 })], context("2026-11-25")).status).toBe("BEHIND");
    expect(assessUnitTask(nearDeadline, [report(2026, 3, { percent: 60 })], context("2026-11-25")).status).toBe("ON_TRACK");
    // A far deadline is never "behind" on the percent alone.
    expect(assessUnitTask(deadline, [report(2026, 3, { percent: 0 })], context("2026-11-25")).status).toBe("ON_TRACK");
  });

  it("uses only accepted reports for progress: a submitted 已完成 is not done yet", () => {
    const submitted = report(2026, 3, { status: "SUBMITTED", progressState: "COMPLETED", percent: 100 });
    expect(assessUnitTask(deadline, [submitted], context("2026-11-25")).status).toBe("ON_TRACK");
    expect(assessUnitTask(deadline, [{ ...submitted, status: "ACCEPTED" }], context("2026-11-25")).status).toBe("DONE");
  });

  it("reads an accepted 已完成 as claimed (待核查) until a check passes, then verified", () => {
    const completed = [report(2026, 3, { progressState: "COMPLETED", percent: 100 })];
    expect(assessUnitTask(deadline, completed, context("2026-11-25"))).toMatchObject({
      status: "DONE",
      verified: false,
      reason: expect.stringContaining("已完成（待核查）") as string,
    });
    expect(assessUnitTask(deadline, completed, context("2026-11-25"), { passed: true, finding: "资料齐全" })).toMatchObject({
      status: "DONE",
      verified: true,
    });
  });

  it("reopens a completion whose check failed: behind, with the finding, or overdue when the next report is missing", () => {
    const completed = [report(2026, 2, { progressState: "COMPLETED", percent: 100 })];
    const failed = { passed: false, finding: "现场未见整改" };
    // 2026Q3 reported: the reopened pair is behind and says why.
    const reported = [...completed, report(2026, 3, { status: "SUBMITTED" })];
    expect(assessUnitTask(deadline, reported, context("2026-11-25"), failed)).toEqual({
      status: "BEHIND",
      failedCheck: "现场未见整改",
      reason: "销号核查未通过：现场未见整改",
    });
    // The next report is owed again: a missing one is overdue first, the finding still told.
    expect(assessUnitTask(deadline, completed, context("2026-11-25"), failed)).toMatchObject({
      status: "OVERDUE_REPORT",
      failedCheck: "现场未见整改",
    });
  });

  it("does not ask for reports after the task's deadline quarter, but a passed deadline without 已完成 is behind", () => {
    expect(assessUnitTask("2024-12-31", [], context("2026-11-25"))).toMatchObject({ status: "BEHIND" });
  });
});

describe("status of a task over its units", () => {
  it("is done only when every unit is done", () => {
    expect(rollUpTask("2035-12-31", ["DONE", "DONE"], "2026-11-25")).toBe("DONE");
    expect(rollUpTask("2035-12-31", ["DONE", "ON_TRACK"], "2026-11-25")).toBe("ON_TRACK");
  });

  it("is overdue when its deadline passed without every unit done", () => {
    expect(rollUpTask("2025-12-31", ["DONE", "ON_TRACK"], "2026-11-25")).toBe("OVERDUE");
    expect(rollUpTask("2025-12-31", ["DONE", "DONE"], "2026-11-25")).toBe("DONE");
  });

  it("takes the most serious state of its units otherwise", () => {
    expect(rollUpTask("2035-12-31", ["ON_TRACK", "DUE_SOON", "BEHIND"], "2026-11-25")).toBe("BEHIND");
    expect(rollUpTask("2035-12-31", ["BEHIND", "OVERDUE_REPORT", "DONE"], "2026-11-25")).toBe("OVERDUE_REPORT");
    expect(rollUpTask("2035-12-31", ["ON_TRACK", "DUE_SOON"], "2026-11-25")).toBe("DUE_SOON");
  });
});
