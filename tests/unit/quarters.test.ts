import { describe, expect, it } from "vitest";
import {
  chinaToday,
  daysBetween,
  formatQuarter,
  parseQuarter,
  quarterEndDate,
  quarterLabel,
  quartersOfTask,
  reportingQuarter,
  taskSpansQuarter,
  windowCloseDate,
} from "@/lib/core/quarters";

describe("quarters", () => {
  it("parses and formats the 2026Q3 form, refusing anything else", () => {
    expect(parseQuarter("2026Q3")).toEqual({ year: 2026, quarter: 3 });
    expect(parseQuarter("2026q1")).toEqual({ year: 2026, quarter: 1 });
    for (const bad of ["2026Q5", "2026Q0", "26Q1", "2026-Q1", ""]) expect(parseQuarter(bad), bad).toBeNull();
    expect(formatQuarter({ year: 2024, quarter: 4 })).toBe("2024Q4");
    expect(quarterLabel({ year: 2026, quarter: 3 })).toBe("2026年第三季度");
  });

  it("knows each quarter's last day, leap years included", () => {
    expect(quarterEndDate({ year: 2024, quarter: 1 })).toBe("2024-03-31");
    expect(quarterEndDate({ year: 2026, quarter: 2 })).toBe("2026-06-30");
    expect(quarterEndDate({ year: 2026, quarter: 3 })).toBe("2026-09-30");
    expect(quarterEndDate({ year: 2026, quarter: 4 })).toBe("2026-12-31");
  });

  it("closes a quarter's window N days after its end", () => {
    expect(windowCloseDate({ year: 2026, quarter: 3 }, 10)).toBe("2026-10-10");
    expect(windowCloseDate({ year: 2026, quarter: 4 }, 10)).toBe("2027-01-10");
    expect(windowCloseDate({ year: 2026, quarter: 1 }, 0)).toBe("2026-03-31");
  });

  it("collects the previous quarter until its window closes, then the current one", () => {
    expect(reportingQuarter("2026-10-10", 10)).toEqual({ year: 2026, quarter: 3 });
    expect(reportingQuarter("2026-10-11", 10)).toEqual({ year: 2026, quarter: 4 });
    expect(reportingQuarter("2027-01-05", 10)).toEqual({ year: 2026, quarter: 4 });
    expect(reportingQuarter("2026-11-25", 10)).toEqual({ year: 2026, quarter: 4 });
  });

  it("spans a task from 2024Q3 to its deadline's quarter", () => {
    expect(quartersOfTask("2024-12-31").map(formatQuarter)).toEqual(["2024Q3", "2024Q4"]);
    expect(quartersOfTask("2027-12-31")).toHaveLength(14);
    expect(taskSpansQuarter("2025-12-31", { year: 2024, quarter: 2 })).toBe(false);
    expect(taskSpansQuarter("2025-12-31", { year: 2026, quarter: 1 })).toBe(false);
    expect(taskSpansQuarter("2025-12-31", { year: 2025, quarter: 4 })).toBe(true);
  });

  it("counts days and reads today's date in China time", () => {
    expect(daysBetween("2026-11-25", "2027-01-10")).toBe(46);
    expect(daysBetween("2026-01-10", "2026-01-03")).toBe(-7);
    // 2026-11-25 20:30 UTC is already the 26th in Beijing.
    expect(chinaToday(new Date("2026-11-25T20:30:00Z"))).toBe("2026-11-26");
  });
});
