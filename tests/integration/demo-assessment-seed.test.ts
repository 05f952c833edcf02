/**
 * Demo mode's example 成效考核 (示例数据) as stored: the 2025 default scheme, marked demo and
 * locked; a confirmed result for every unit whose total and grade are what the app's own rules
 * make of its scores; a tie among the cities; every automatic item with the inputs it was read
 * from. The run's database is seeded in demo mode, so the example is normally there already;
 * if it is not, it is seeded here and removed afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoAssessment } from "@/prisma/seed";
import { DEMO_ACCOUNTS } from "@/prisma/seed-data/demo-accounts";
import { DEMO_ASSESSMENT_YEAR } from "@/prisma/seed-data/demo-assessment";
import { gradeOf, totalOf, type GradeThreshold, type ItemKind } from "@/lib/results-assessment/grading";
import { seededPrisma } from "../support/database";

const db = seededPrisma();
let seededHere: number | null = null;

beforeAll(async () => {
  if ((await db.assessmentScheme.count()) > 0) return;
  expect(await seedDemoAssessment(db)).toBe("seeded");
  seededHere = (await db.assessmentScheme.findFirstOrThrow({ where: { demo: true }, select: { id: true } })).id;
});

afterAll(async () => {
  if (seededHere !== null) {
    // Scores go with their results (cascade), items with their scheme.
    await db.assessmentResult.deleteMany({ where: { schemeId: seededHere } });
    await db.assessmentScheme.delete({ where: { id: seededHere } });
  }
  await db.$disconnect();
});

const demoScheme = () =>
  db.assessmentScheme.findFirstOrThrow({
    where: { year: DEMO_ASSESSMENT_YEAR, demo: true },
    select: {
      id: true,
      version: true,
      name: true,
      grades: true,
      bonusCap: true,
      deductionCap: true,
      lockedAt: true,
      createdBy: { select: { username: true } },
      items: { orderBy: { position: "asc" }, select: { code: true, kind: true, points: true } },
    },
  });

const demoResults = (schemeId: number) =>
  db.assessmentResult.findMany({
    where: { schemeId },
    select: {
      stage: true,
      total: true,
      selfTotal: true,
      grade: true,
      confirmedAt: true,
      confirmedBy: { select: { username: true } },
      unit: { select: { shortName: true, kind: true } },
      scores: {
        select: {
          score: true,
          selfScore: true,
          reason: true,
          computed: true,
          scoredBy: { select: { username: true } },
          item: { select: { code: true, kind: true } },
        },
      },
    },
  });

const reviewer = DEMO_ACCOUNTS.find((account) => account.role === "REVIEWER")!.username;
const totalOfScores = (scores: { score: unknown; item: { kind: ItemKind } }[], caps: { bonusCap: unknown; deductionCap: unknown }) =>
  totalOf(
    scores.map((score) => ({ kind: score.item.kind, score: score.score === null ? 0 : Number(score.score) })),
    { bonusCap: Number(caps.bonusCap), deductionCap: Number(caps.deductionCap) },
  ).total;

describe("the demo 2025 assessment", () => {
  it("is one scheme of 2025, marked demo and 示例数据, locked, written by the reviewer, base items worth 100", async () => {
    expect(await db.assessmentScheme.count({ where: { year: DEMO_ASSESSMENT_YEAR, demo: true } })).toBe(1);
    const scheme = await demoScheme();
    expect(scheme.version).toBe(1);
    expect(scheme.name).toBe(`${DEMO_ASSESSMENT_YEAR}年度美丽江西建设成效考核方案（示例数据）`);
    expect(scheme.lockedAt).toBeInstanceOf(Date);
    expect(scheme.createdBy.username).toBe(reviewer);
    const base = scheme.items.filter((item) => item.kind === "AUTO" || item.kind === "MANUAL");
    expect(base.reduce((sum, item) => sum + Number(item.points), 0)).toBe(100);
    expect(scheme.items.map((item) => item.kind)).toEqual(expect.arrayContaining(["AUTO", "MANUAL", "BONUS", "DEDUCTION"]));
  });

  it("has a result confirmed by the reviewer for every provincial unit and city, with a score for every item", async () => {
    const scheme = await demoScheme();
    const results = await demoResults(scheme.id);
    const units = await db.unit.findMany({ select: { shortName: true } });
    expect(results.map((result) => result.unit.shortName).sort()).toEqual(units.map((unit) => unit.shortName).sort());
    expect(results.filter((result) => result.unit.kind === "CITY")).toHaveLength(11);
    for (const result of results) {
      const name = result.unit.shortName;
      expect(result.stage, name).toBe("CONFIRMED");
      expect(result.confirmedAt, name).toBeInstanceOf(Date);
      expect(result.confirmedBy?.username, name).toBe(reviewer);
      expect(result.scores.map((score) => score.item.code).sort(), name).toEqual(scheme.items.map((item) => item.code).sort());
    }
  });

  it("stores each total and grade as the scheme's rules make them from the scores, self-totals from the self-scores", async () => {
    const scheme = await demoScheme();
    const grades = scheme.grades as unknown as GradeThreshold[];
    for (const result of await demoResults(scheme.id)) {
      const name = result.unit.shortName;
      const total = totalOfScores(result.scores, scheme);
      expect(Number(result.total), name).toBe(total);
      expect(result.grade, name).toBe(gradeOf(total, grades));
      const selfTotal = totalOfScores(
        result.scores.map((score) => ({ ...score, score: score.selfScore })),
        scheme,
      );
      expect(Number(result.selfTotal), name).toBe(selfTotal);
    }
  });

  it("shows at least three grades, a tie among the cities, and reasons for what was scored by hand", async () => {
    const scheme = await demoScheme();
    const results = await demoResults(scheme.id);
    expect(new Set(results.map((result) => result.grade)).size).toBeGreaterThanOrEqual(3);
    const cityTotals = results.filter((result) => result.unit.kind === "CITY").map((result) => Number(result.total));
    expect(new Set(cityTotals).size).toBeLessThan(cityTotals.length);
    const byHand = results.flatMap((result) => result.scores.filter((score) => score.item.kind !== "AUTO" && score.score !== null));
    for (const score of byHand) {
      expect(score.reason).toMatch(/^示例数据：/);
      expect(score.scoredBy?.username).toBe(reviewer);
    }
    expect(byHand.some((score) => score.item.kind === "BONUS")).toBe(true);
    expect(byHand.some((score) => score.item.kind === "DEDUCTION")).toBe(true);
    expect(results.some((result) => result.scores.some((score) => Number(score.selfScore) > Number(score.score)))).toBe(true);
  });

  it("keeps every automatic score with the inputs it was computed from and the day they were read", async () => {
    const scheme = await demoScheme();
    const autos = (await demoResults(scheme.id)).flatMap((result) => result.scores.filter((score) => score.item.kind === "AUTO"));
    expect(autos.length).toBeGreaterThan(0);
    for (const score of autos) {
      const computed = score.computed as { asOf?: string; score?: number; numerator?: number; denominator?: number } | null;
      expect(computed?.asOf).toBe("2026-01-31");
      expect(computed?.score).toBe(Number(score.score));
      expect(typeof computed?.numerator).toBe("number");
      expect(typeof computed?.denominator).toBe("number");
      expect(Number(score.selfScore)).toBe(Number(score.score));
    }
  });
});

describe("seeding the demo assessment again", () => {
  it("writes nothing while a 2025 scheme exists", async () => {
    const counts = async () => ({
      schemes: await db.assessmentScheme.count(),
      results: await db.assessmentResult.count(),
      scores: await db.assessmentScore.count(),
    });
    const before = await counts();
    expect(await seedDemoAssessment(db)).toBe("already present");
    expect(await counts()).toEqual(before);
  });
});
