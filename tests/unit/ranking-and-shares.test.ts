import { describe, expect, it } from "vitest";
import { rankBy, rankText } from "@/lib/core/ranking";
import { formatShare, sharePercent } from "@/lib/core/shares";

describe("rankBy", () => {
  const byShareDesc = (a: { share: number }, b: { share: number }) => b.share - a.share;

  it("gives equal values the same rank and skips the next (1, 2, 2, 4)", () => {
    const ranked = rankBy(
      [
        { name: "九江市", share: 50 },
        { name: "南昌市", share: 80 },
        { name: "赣州市", share: 50 },
        { name: "上饶市", share: 10 },
      ],
      byShareDesc,
    );
    expect(ranked.map((r) => [r.item.name, r.rank, r.tied])).toEqual([
      ["南昌市", 1, false],
      ["九江市", 2, true],
      ["赣州市", 2, true],
      ["上饶市", 4, false],
    ]);
  });

  it("ranks everyone first when all are equal (cities tied at 0 %)", () => {
    const ranked = rankBy(
      Array.from({ length: 11 }, (_, i) => ({ i, share: 0 })),
      byShareDesc,
    );
    expect(new Set(ranked.map((r) => r.rank))).toEqual(new Set([1]));
    expect(ranked.every((r) => r.tied)).toBe(true);
    expect(rankText(ranked[0]!)).toBe("并列第 1 名");
  });

  it("names a sole place without 并列", () => {
    expect(rankText({ rank: 3, tied: false })).toBe("第 3 名");
  });
});

describe("sharePercent", () => {
  it("keeps a small non-zero share visible", () => {
    expect(sharePercent(8, 3268)).toBe(0.2);
    expect(sharePercent(1, 100000)).toBe(0.1);
    expect(formatShare(8, 3268)).toBe("0.2%");
  });
  it("never reads 100 % while something is missing", () => {
    expect(sharePercent(3267, 3268)).toBe(99.9);
    expect(sharePercent(3268, 3268)).toBe(100);
  });
  it("drops a trailing .0 and is 0 for an empty whole", () => {
    expect(formatShare(45, 100)).toBe("45%");
    expect(sharePercent(1, 3)).toBe(33.3);
    expect(sharePercent(0, 0)).toBe(0);
  });
});
