import { describe, expect, it } from "vitest";
import { formatChineseDate, formatIsoDate } from "@/lib/core/dates";

describe("calendar dates", () => {
  it("formats a stored DATE without shifting it by the time zone", () => {
    expect(formatIsoDate(new Date("2027-12-31T00:00:00Z"))).toBe("2027-12-31");
  });
  it("writes dates the Chinese way", () => {
    expect(formatChineseDate("2027-12-31")).toBe("2027年12月31日");
    expect(formatChineseDate("2025-01-05")).toBe("2025年1月5日");
  });
});
