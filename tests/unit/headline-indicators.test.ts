import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { normalizeWhitespace } from "@/lib/plan/plan-document";
import { FLAGSHIP_INDICATORS, headlineFirst, isHeadline } from "@/lib/indicators/headline";
import { INDICATORS } from "@/prisma/seed-data/indicators";

const DOCUMENT = normalizeWhitespace(readFileSync(new URL("../../prisma/seed-data/source-ganfa-2024-8.txt", import.meta.url), "utf8"));
const MAIN_TEXT = DOCUMENT.slice(0, DOCUMENT.indexOf("附件：重点任务清单"));

describe("the plan's headline indicators", () => {
  it("are exactly those whose targets the main text (正文) states", () => {
    expect(MAIN_TEXT.length).toBeGreaterThan(1000);
    for (const indicator of INDICATORS) {
      const inMainText = indicator.targets.every((target) => MAIN_TEXT.includes(normalizeWhitespace(target.text)));
      expect(isHeadline(indicator), indicator.code).toBe(inMainText);
    }
    expect(INDICATORS.filter(isHeadline)).toHaveLength(20);
  });

  it("come first, PM2.5, surface water quality and forest coverage leading, then the annex's targets", () => {
    const ordered = headlineFirst(INDICATORS);
    expect(ordered.slice(0, 3).map((indicator) => indicator.name)).toEqual([
      "全省细颗粒物（PM2.5）平均浓度",
      "全省地表水水质优良比例",
      "森林覆盖率",
    ]);
    expect(FLAGSHIP_INDICATORS.every((code) => INDICATORS.some((indicator) => indicator.code === code))).toBe(true);
    const firstAnnexOnly = ordered.findIndex((indicator) => !isHeadline(indicator));
    expect(firstAnnexOnly).toBeGreaterThan(3);
    expect(ordered.slice(firstAnnexOnly).every((indicator) => !isHeadline(indicator))).toBe(true);
    expect(ordered.map((indicator) => indicator.code)).toContain("NEW_ENERGY_VEHICLE_SHARE");
    expect(ordered.findIndex((indicator) => indicator.code === "NEW_ENERGY_VEHICLE_SHARE")).toBeLessThan(firstAnnexOnly);
    expect(ordered.findIndex((indicator) => indicator.code === "NEW_ENERGY_CAPACITY")).toBeGreaterThanOrEqual(firstAnnexOnly);
    expect(ordered).toHaveLength(INDICATORS.length);
  });
});
