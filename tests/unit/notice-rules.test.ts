/**
 * The rules of automatic notices: which days get a "due in n days" notice (and a missed day is
 * caught up once), when a window opens, when an unsettled notice goes up a level (China days), the
 * admin's thresholds over their defaults, and the digest's time.
 */
import { describe, expect, it } from "vitest";
import {
  causeOf,
  chinaDaysSince,
  DEFAULT_NOTICE_RULES,
  digestIsDue,
  dueStage,
  escalationCutoff,
  escalationKey,
  isDueForEscalation,
  nextEscalationLevel,
  noticeRulesOf,
  windowOpenDate,
} from "@/lib/notices/notice-rules";

describe("due notices", () => {
  const stages = [7, 3, 1];
  it("sends the 7-, 3- and 1-day notices on those days and nothing further out or after the close", () => {
    expect(dueStage(7, stages)).toBe(7);
    expect(dueStage(3, stages)).toBe(3);
    expect(dueStage(1, stages)).toBe(1);
    expect(dueStage(8, stages)).toBeNull();
    expect(dueStage(-1, stages)).toBeNull();
  });

  it("catches up a missed day with the stage it belongs to (each stage once, by its key)", () => {
    expect(dueStage(6, stages)).toBe(7);
    expect(dueStage(2, stages)).toBe(3);
    expect(dueStage(0, stages)).toBe(1);
  });

  it("opens a quarter's window the day after the quarter ends", () => {
    expect(windowOpenDate({ year: 2026, quarter: 3 })).toBe("2026-10-01");
    expect(windowOpenDate({ year: 2026, quarter: 4 })).toBe("2027-01-01");
  });
});

describe("escalation timing", () => {
  // 2026-12-01 23:30 China time is 15:30 UTC.
  const lateEvening = new Date("2026-12-01T15:30:00Z");
  it("counts China days from the notice, not hours or UTC days", () => {
    expect(chinaDaysSince(lateEvening, "2026-12-01")).toBe(0);
    expect(chinaDaysSince(new Date("2026-12-01T16:30:00Z"), "2026-12-02")).toBe(0);
    expect(chinaDaysSince(lateEvening, "2026-12-04")).toBe(3);
  });

  it("escalates on the N-th day after, not before", () => {
    expect(isDueForEscalation(lateEvening, "2026-12-03", 3)).toBe(false);
    expect(isDueForEscalation(lateEvening, "2026-12-04", 3)).toBe(true);
    const cutoff = escalationCutoff("2026-12-04", 3);
    expect(lateEvening < cutoff).toBe(true);
    expect(new Date("2026-12-01T16:00:00Z") < cutoff).toBe(false);
  });

  it("goes desk officer → 单位负责人 → 省生态环境厅 and stops there, one key per cause and level", () => {
    expect([0, 1, 2].map(nextEscalationLevel)).toEqual([1, 2, null]);
    expect(causeOf("report.due:7:41:5:2030Q1:u12")).toBe("report.due:7:41:5:2030Q1");
    expect(causeOf("esc1:report.due:7:41:5:2030Q1:u99")).toBe("report.due:7:41:5:2030Q1");
    expect(escalationKey("report.due:7:41:5:2030Q1", 2)).toBe("esc2:report.due:7:41:5:2030Q1");
  });
});

describe("the noticeRules setting", () => {
  it("reads its defaults while unset", () => {
    expect(noticeRulesOf(null)).toEqual({
      dueDays: [7, 3, 1],
      reviewWaitDays: 5,
      escalateAfterDays: 3,
      milestoneDueDays: 7,
      digestAt: "07:30",
    });
    expect(noticeRulesOf(null)).toEqual(DEFAULT_NOTICE_RULES);
  });

  it("takes each valid field and keeps the default of an invalid one", () => {
    const rules = noticeRulesOf({ dueDays: [1, 5, 5], escalateAfterDays: 0, digestAt: "25:00", reviewWaitDays: 2 });
    expect(rules.dueDays).toEqual([5, 1]);
    expect(rules.reviewWaitDays).toBe(2);
    expect(rules.escalateAfterDays).toBe(3);
    expect(rules.digestAt).toBe("07:30");
  });

  it("sends the digest from its time on, China time", () => {
    expect(digestIsDue(new Date("2026-12-01T23:29:00Z"), "07:30")).toBe(false);
    expect(digestIsDue(new Date("2026-12-01T23:30:00Z"), "07:30")).toBe(true);
  });
});
