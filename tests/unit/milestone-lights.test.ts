import { describe, expect, it } from "vitest";
import { milestoneLight, MILESTONE_LIGHT_LABELS } from "@/lib/measures/milestone-lights";
import { chinaToday } from "@/lib/core/quarters";

const planned = (plannedDate: string, status: "PLANNED" | "DONE" | "LATE" | "DROPPED" = "PLANNED", verified = false) => ({
  plannedDate,
  status,
  verified,
});

describe("milestone lights", () => {
  const today = "2026-12-02";

  it("turns a milestone whose planned date has passed and that is not done 滞后, a late one with a new date included", () => {
    expect(milestoneLight(planned("2026-12-01"), today)).toBe("OVERDUE");
    expect(milestoneLight(planned("2026-06-30", "LATE"), today)).toBe("OVERDUE");
    expect(MILESTONE_LIGHT_LABELS.OVERDUE).toBe("滞后");
  });

  it("reads 即将到期 from the planned day itself up to 30 days ahead, and 按计划 after that", () => {
    expect(milestoneLight(planned("2026-12-02"), today)).toBe("DUE_SOON");
    expect(milestoneLight(planned("2027-01-01"), today)).toBe("DUE_SOON");
    expect(milestoneLight(planned("2027-01-02"), today)).toBe("ON_TRACK");
    expect(MILESTONE_LIGHT_LABELS.DUE_SOON).toBe("即将到期");
  });

  it("shows a done milestone as 已完成（待核查） until a passed check verifies it, even when its date has passed", () => {
    expect(milestoneLight(planned("2026-01-31", "DONE"), today)).toBe("DONE_UNVERIFIED");
    expect(MILESTONE_LIGHT_LABELS.DONE_UNVERIFIED).toBe("已完成（待核查）");
    expect(milestoneLight(planned("2026-01-31", "DONE", true), today)).toBe("VERIFIED");
  });

  it("never calls a dropped milestone late", () => {
    expect(milestoneLight(planned("2026-01-31", "DROPPED"), today)).toBe("DROPPED");
  });

  it("takes the day in China time from an injected clock: 16:30 UTC on 31 December is already 1 January there", () => {
    const day = chinaToday(new Date("2026-12-31T16:30:00Z"));
    expect(day).toBe("2027-01-01");
    expect(milestoneLight(planned("2026-12-31"), day)).toBe("OVERDUE");
    expect(milestoneLight(planned("2026-12-31"), chinaToday(new Date("2026-12-31T15:30:00Z")))).toBe("DUE_SOON");
  });
});
