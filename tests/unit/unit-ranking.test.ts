import { describe, expect, it } from "vitest";
import { rankText } from "@/lib/core/ranking";
import { rankingEnds, rankUnitTallies, type UnitTally } from "@/lib/dashboard/unit-ranking";

const city = (code: string, lagging: number, assignments = 60, averagePercent = 0): UnitTally => ({
  code,
  shortName: code,
  kind: "CITY",
  assignments,
  lagging,
  averagePercent,
});

describe("ranking units", () => {
  it("calls no city first while all show the same figures (nothing reported: 并列第 1 名 for all 11)", () => {
    const ranked = rankUnitTallies(Array.from({ length: 11 }, (_, index) => city(`c${index}`, 60)));
    expect(new Set(ranked.map(rankText))).toEqual(new Set(["并列第 1 名"]));
    expect(ranked.map((unit) => unit.code)).toEqual(Array.from({ length: 11 }, (_, index) => `c${index}`));
  });

  it("ranks by the share lagging, fewest first, and shows it beside the rank: 59 of 60 is first only as 98.3 %", () => {
    const ranked = rankUnitTallies([city("a", 60), city("nanchang", 59), city("b", 60)]);
    expect(ranked.map((unit) => [unit.code, rankText(unit), unit.laggingShare])).toEqual([
      ["nanchang", "第 1 名", 98.3],
      ["a", "并列第 2 名", 100],
      ["b", "并列第 2 名", 100],
    ]);
  });

  it("compares shares as shown: 1 of 60 and 1 of 59 both read 1.7 % and tie; a unit with one task of one lagging is last", () => {
    const ranked = rankUnitTallies([city("x", 1, 60), city("y", 1, 59), city("one", 1, 1), city("z", 0, 28)]);
    expect(ranked.map((unit) => [unit.code, unit.rank, unit.tied])).toEqual([
      ["z", 1, false],
      ["x", 2, true],
      ["y", 2, true],
      ["one", 4, false],
    ]);
  });

  it("breaks a tie on the share lagging by the average percent complete", () => {
    const ranked = rankUnitTallies([city("slow", 30, 60, 20), city("fast", 30, 60, 45), city("same", 30, 60, 45)]);
    expect(ranked.map((unit) => [unit.code, rankText(unit)])).toEqual([
      ["fast", "并列第 1 名"],
      ["same", "并列第 1 名"],
      ["slow", "第 3 名"],
    ]);
  });

  it("keeps the places of the whole ranking when showing only its two ends", () => {
    const ranked = rankUnitTallies([city("a", 0), city("b", 10), city("c", 10), city("d", 20), city("e", 30)]);
    const ends = rankingEnds(ranked, 1);
    expect(ends.total).toBe(5);
    expect(ends.units.map((unit) => [unit.code, unit.rank])).toEqual([
      ["a", 1],
      ["e", 5],
    ]);
    expect(rankingEnds(ranked, undefined).units).toHaveLength(5);
  });
});
