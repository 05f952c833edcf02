import { afterEach, describe, expect, it } from "vitest";
import { parseEnv, ConfigurationError } from "@/lib/core/env";
import { chinaToday, reportingQuarter } from "@/lib/core/quarters";
import { milestoneLight } from "@/lib/measures/milestone-lights";

/** APP_TODAY: the one injected clock of rehearsals and tests (lib/core/env.ts, read by chinaToday()). */
describe("APP_TODAY", () => {
  afterEach(() => {
    delete process.env.APP_TODAY;
  });

  it("is unset by default, so the app judges by today in China", () => {
    expect(parseEnv({}).APP_TODAY).toBeUndefined();
    expect(parseEnv({ APP_TODAY: " " }).APP_TODAY).toBeUndefined();
    const real = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
    expect(chinaToday()).toBe(real);
  });

  it("takes a real calendar day and refuses anything else, naming the variable and the form", () => {
    expect(parseEnv({ APP_TODAY: "2027-01-15" }).APP_TODAY).toBe("2027-01-15");
    for (const wrong of ["2027-02-30", "2027-13-01", "15.01.2027", "2027-1-5", "tomorrow"]) {
      try {
        parseEnv({ APP_TODAY: wrong });
        throw new Error(`accepted ${wrong}`);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigurationError);
        expect((error as ConfigurationError).problems).toEqual([
          `APP_TODAY must be a calendar day YYYY-MM-DD such as 2027-01-15 (default: today in China), not "${wrong}"`,
        ]);
      }
    }
  });

  it("is the day chinaToday() gives when asked for today, and windows and lights follow it", () => {
    process.env.APP_TODAY = "2027-01-05";
    expect(chinaToday()).toBe("2027-01-05");
    // Window of 2026Q4 still open on 5 January with a 10-day window.
    expect(reportingQuarter(chinaToday(), 10)).toEqual({ year: 2026, quarter: 4 });
    expect(milestoneLight({ status: "PLANNED", plannedDate: "2026-12-31", verified: false }, chinaToday())).toBe("OVERDUE");
    process.env.APP_TODAY = "2026-12-10";
    expect(milestoneLight({ status: "PLANNED", plannedDate: "2026-12-31", verified: false }, chinaToday())).toBe("DUE_SOON");
  });

  it("never changes the China day of a given moment (a reminder's date stays its own)", () => {
    process.env.APP_TODAY = "2030-06-01";
    expect(chinaToday(new Date("2026-12-01T16:30:00Z"))).toBe("2026-12-02");
  });
});
