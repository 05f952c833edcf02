import { describe, expect, it } from "vitest";
import { countLights, onTimeState, rankOnTime, tallyOnTime, type MilestoneGroup } from "@/lib/measures/milestone-tallies";
import { layoutTimeline, LANE_GAP } from "@/lib/measures/timeline-layout";

const TODAY = "2026-12-02";
const group = (over: Partial<MilestoneGroup>): MilestoneGroup => ({
  status: "PLANNED",
  plannedDate: "2026-12-31",
  doneDate: null,
  verified: false,
  count: 1,
  ...over,
});

describe("milestone lights counted over groups", () => {
  it("counts each group's milestones under the light the rule gives it", () => {
    const counts = countLights(
      [
        group({ plannedDate: "2026-11-30", count: 3 }),
        group({ plannedDate: "2026-12-20", count: 2 }),
        group({ plannedDate: "2027-06-30" }),
        group({ status: "DONE", doneDate: "2026-10-01", plannedDate: "2026-10-31", count: 4 }),
        group({ status: "DONE", doneDate: "2026-10-01", plannedDate: "2026-10-31", verified: true }),
        group({ status: "LATE", plannedDate: "2026-09-30" }),
        group({ status: "DROPPED", plannedDate: "2026-09-30" }),
      ],
      TODAY,
    );
    expect(counts).toEqual({ OVERDUE: 4, DUE_SOON: 2, ON_TRACK: 1, DONE_UNVERIFIED: 4, VERIFIED: 1, DROPPED: 1 });
  });
});

describe("on time (按期完成)", () => {
  it("counts only milestones whose planned date has passed and that were not dropped", () => {
    expect(onTimeState(group({ plannedDate: TODAY }), TODAY)).toBe("NOT_DUE");
    expect(onTimeState(group({ plannedDate: "2027-01-31", status: "DONE", doneDate: "2026-11-01" }), TODAY)).toBe("NOT_DUE");
    expect(onTimeState(group({ plannedDate: "2026-11-30", status: "DROPPED" }), TODAY)).toBe("NOT_DUE");
  });

  it("is done with a done date no later than the planned date; late, undone or undated is missed", () => {
    expect(onTimeState(group({ plannedDate: "2026-11-30", status: "DONE", doneDate: "2026-11-30" }), TODAY)).toBe("ON_TIME");
    expect(onTimeState(group({ plannedDate: "2026-11-30", status: "DONE", doneDate: "2026-12-01" }), TODAY)).toBe("MISSED");
    expect(onTimeState(group({ plannedDate: "2026-11-30", status: "DONE", doneDate: null }), TODAY)).toBe("MISSED");
    expect(onTimeState(group({ plannedDate: "2026-11-30", status: "LATE" }), TODAY)).toBe("MISSED");
    expect(onTimeState(group({ plannedDate: "2026-11-30" }), TODAY)).toBe("MISSED");
  });

  it("tallies per key, the verified on-time ones apart", () => {
    const tallies = tallyOnTime(
      [
        { ...group({ plannedDate: "2026-06-30", status: "DONE", doneDate: "2026-06-01", verified: true, count: 2 }), key: "a" },
        { ...group({ plannedDate: "2026-06-30", status: "DONE", doneDate: "2026-06-01", count: 1 }), key: "a" },
        { ...group({ plannedDate: "2026-06-30", count: 1 }), key: "a" },
        { ...group({ plannedDate: "2027-06-30", count: 5 }), key: "b" },
      ],
      TODAY,
    );
    expect(tallies.get("a")).toEqual({ due: 4, onTime: 3, onTimeVerified: 2 });
    expect(tallies.get("b")).toEqual({ due: 0, onTime: 0, onTimeVerified: 0 });
  });

  it("ranks by the share as shown, best first; equal shares share a rank and units with nothing due come last, unranked", () => {
    const ranked = rankOnTime([
      { item: "南昌市", tally: { due: 3, onTime: 1, onTimeVerified: 0 } },
      { item: "赣州市", tally: { due: 0, onTime: 0, onTimeVerified: 0 } },
      { item: "九江市", tally: { due: 4, onTime: 4, onTimeVerified: 1 } },
      // 1 of 3 and 2 of 6 both read 33.3 %: tied.
      { item: "上饶市", tally: { due: 6, onTime: 2, onTimeVerified: 0 } },
      { item: "吉安市", tally: { due: 2, onTime: 0, onTimeVerified: 0 } },
    ]);
    expect(ranked.map(({ item, rank, tied, share }) => [item, rank, tied, share])).toEqual([
      ["九江市", 1, false, 100],
      ["南昌市", 2, true, 33.3],
      ["上饶市", 2, true, 33.3],
      ["吉安市", 4, false, 0],
      ["赣州市", null, false, null],
    ]);
  });
});

describe("the task timeline's layout", () => {
  const milestone = (id: number, plannedDate: string) => ({ id, title: `节点${id}`, plannedDate, light: "ON_TRACK" as const });

  it("spans whole months from the earliest to the latest of the milestones and today", () => {
    const layout = layoutTimeline(
      [{ key: "nanchang", label: "南昌市", milestones: [milestone(1, "2026-03-31"), milestone(2, "2027-02-15")] }],
      TODAY,
    )!;
    expect(layout.start).toBe("2026-03-01");
    expect(layout.end).toBe("2027-03-01");
    expect(layout.months.map((month) => month.key)).toEqual([
      "2026-03",
      "2026-04",
      "2026-05",
      "2026-06",
      "2026-07",
      "2026-08",
      "2026-09",
      "2026-10",
      "2026-11",
      "2026-12",
      "2027-01",
      "2027-02",
    ]);
    expect(layout.months.every((month) => month.labelled)).toBe(true);
    // 2026 has 306 of the axis's 365 days.
    expect(layout.years.map((year) => [year.year, Math.round(year.left), Math.round(year.width)])).toEqual([
      [2026, 0, 84],
      [2027, 84, 16],
    ]);
    const [first, second] = layout.rows[0]!.markers;
    expect(first!.left).toBeGreaterThan(layout.months[0]!.left + layout.months[0]!.width - 1);
    expect(first!.left).toBeLessThan(layout.months[1]!.left);
    expect(layout.today.left).toBeGreaterThan(layout.months[9]!.left);
    expect(layout.today.left).toBeLessThan(layout.months[10]!.left);
    expect(second!.left).toBeLessThan(100);
  });

  it("includes today when every milestone lies ahead, and says nothing when there is none", () => {
    const layout = layoutTimeline([{ key: "a", label: "A", milestones: [milestone(1, "2027-05-10")] }], TODAY)!;
    expect(layout.start).toBe("2026-12-01");
    expect(layout.end).toBe("2027-06-01");
    expect(layoutTimeline([{ key: "a", label: "A", milestones: [] }], TODAY)).toBeNull();
  });

  it("stacks markers closer than the lane gap and keeps distant ones on the first lane", () => {
    const layout = layoutTimeline(
      [
        {
          key: "a",
          label: "A",
          milestones: [milestone(3, "2026-12-31"), milestone(1, "2026-01-01"), milestone(2, "2026-01-02"), milestone(4, "2026-01-03")],
        },
      ],
      TODAY,
    )!;
    const row = layout.rows[0]!;
    expect(row.markers.map((marker) => [marker.id, marker.lane])).toEqual([
      [1, 0],
      [2, 1],
      [4, 2],
      [3, 0],
    ]);
    expect(row.lanes).toBe(3);
    expect(row.markers[3]!.left - row.markers[0]!.left).toBeGreaterThan(LANE_GAP);
  });

  it("labels only the quarters' first months on a long axis", () => {
    const layout = layoutTimeline([{ key: "a", label: "A", milestones: [milestone(1, "2026-01-15"), milestone(2, "2028-12-15")] }], TODAY)!;
    expect(layout.months).toHaveLength(36);
    expect(layout.months.filter((month) => month.labelled).map((month) => month.month)).toEqual(
      Array(9).fill([1, 4, 7, 10]).flat().slice(0, 12),
    );
  });
});
