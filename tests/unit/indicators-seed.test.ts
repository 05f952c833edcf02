import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { normalizeWhitespace } from "@/lib/plan/plan-document";
import { INDICATORS } from "@/prisma/seed-data/indicators";
import { ALL_UNITS } from "@/prisma/seed-data/units";

const DOCUMENT = normalizeWhitespace(readFileSync(new URL("../../prisma/seed-data/source-ganfa-2024-8.txt", import.meta.url), "utf8"));
const PUBLIC_FIGURES = new Map<string, number>([
  ["PM25:2023", 29],
  ["SURFACE_WATER_GOOD:2023", 97],
  ["FOREST_COVERAGE:2023", 63.1],
  ["WETLAND_PROTECTION_RATE:2023", 62],
  ["PROTECTED_AREA_SHARE:2020", 11.46],
  ["FARMLAND_RETAINED:2019", 4082.43],
  ["NEW_ENERGY_CAPACITY:2020", 1366],
  ["ECO_CIVILIZATION_DEMO_ZONES:2024", 28],
  ["TWO_MOUNTAINS_BASES:2024", 10],
  ["ZERO_WASTE_CITY_LISTED:2022", 36.4],
]);

describe("indicator seed", () => {
  it("quotes every clause word for word from the document", () => {
    const missing = INDICATORS.filter((indicator) => !DOCUMENT.includes(normalizeWhitespace(indicator.clause)));
    expect(missing.map((indicator) => indicator.code)).toEqual([]);
  });

  it("words every target as its clause does, with the value the clause states", () => {
    for (const indicator of INDICATORS) {
      for (const target of indicator.targets) {
        expect(indicator.clause, `${indicator.code} ${target.year}`).toContain(target.text);
        expect(target.text, `${indicator.code} ${target.year}`).toContain(String(target.value));
      }
    }
  });

  it("has unique codes, known owners, annex task numbers and one target per year", () => {
    const codes = INDICATORS.map((indicator) => indicator.code);
    expect(new Set(codes).size).toBe(codes.length);
    const unitCodes = new Set(ALL_UNITS.map((unit) => unit.code));
    for (const indicator of INDICATORS) {
      expect(unitCodes.has(indicator.ownerUnitCode), indicator.code).toBe(true);
      for (const number of indicator.taskNumbers) expect(number >= 1 && number <= 60, indicator.code).toBe(true);
      const years = indicator.targets.map((target) => target.year);
      expect(new Set(years).size, indicator.code).toBe(years.length);
      for (const year of years) expect([2025, 2026, 2027, 2035], indicator.code).toContain(year);
    }
  });

  it("uses only the public figures collected in the notes, each labelled as demo data with its source", () => {
    const withBaseline = INDICATORS.filter((indicator) => indicator.baseline);
    expect(withBaseline.map((indicator) => `${indicator.code}:${indicator.baseline!.year}`).sort()).toEqual(
      [...PUBLIC_FIGURES.keys()].sort(),
    );
    for (const indicator of withBaseline) {
      expect(indicator.baseline!.value).toBe(PUBLIC_FIGURES.get(`${indicator.code}:${indicator.baseline!.year}`));
      expect(indicator.baseline!.source).toMatch(/^公开数据.*示例数据/);
    }
  });

  it("makes PM2.5 the only lower-is-better indicator, aiming at 28 (2027) and 25 (2035)", () => {
    const lower = INDICATORS.filter((indicator) => indicator.direction === "LOWER_IS_BETTER");
    expect(lower.map((indicator) => indicator.code)).toEqual(["PM25"]);
    expect(lower[0]!.targets.map(({ year, comparator, value }) => ({ year, comparator, value }))).toEqual([
      { year: 2027, comparator: "LTE", value: 28 },
      { year: 2035, comparator: "LTE", value: 25 },
    ]);
  });
});
