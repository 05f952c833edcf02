import { describe, expect, it } from "vitest";
import { delayUntilNextPreparation } from "@/lib/status/status-schedule";

const minutes = (ms: number) => ms / 60_000;

describe("when the day's status snapshot is prepared", () => {
  it("is 00:05 China time: later the same night, or the next night once it has passed", () => {
    expect(minutes(delayUntilNextPreparation(new Date("2026-11-25T00:00:00+08:00")))).toBe(5);
    expect(minutes(delayUntilNextPreparation(new Date("2026-11-25T00:05:00+08:00")))).toBe(24 * 60);
    expect(minutes(delayUntilNextPreparation(new Date("2026-11-25T23:59:00+08:00")))).toBe(6);
    // 16:00 UTC is already the next day in China.
    expect(minutes(delayUntilNextPreparation(new Date("2026-12-31T16:00:00Z")))).toBe(5);
  });
});
