/**
 * Seeds the plan (sections, tasks, units, assignments, indicators) from the document kept in
 * prisma/seed-data, and in demo mode the demo accounts. Both steps only write into an empty
 * database, so running the seed again never duplicates or overwrites anything.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { AppPrismaClient } from "../lib/core/prisma-client";
import { hashPassword } from "../lib/auth/password";
import { parsePlanDocument } from "../lib/plan/plan-document";
import { ALL_UNITS, PROVINCIAL_UNITS, CITY_UNITS } from "./seed-data/units";
import { INDICATORS } from "./seed-data/indicators";
import { DEMO_PASSWORD, DEMO_ACCOUNTS, demoEmail } from "./seed-data/demo-accounts";
import { DEMO_OBSERVATIONS } from "./seed-data/demo-observations";
import { DEMO_MEASURE_LISTS } from "./seed-data/demo-measures";
import { DEMO_ASSESSMENT_DATES, DEMO_ASSESSMENT_YEAR, demoUnitAssessment, type DemoHandItemCode } from "./seed-data/demo-assessment";
import { defaultScheme, schemeItemRows } from "../lib/results-assessment/scheme";
import { autoScore } from "../lib/results-assessment/auto-items";
import { gradeOf, totalOf } from "../lib/results-assessment/grading";

export const SOURCE_DOCUMENT_PATH = fileURLToPath(new URL("./seed-data/source-ganfa-2024-8.txt", import.meta.url));

export function loadPlanFromDocument() {
  const text = readFileSync(SOURCE_DOCUMENT_PATH, "utf8");
  return parsePlanDocument(
    text,
    PROVINCIAL_UNITS.map((unit) => unit.shortName),
  );
}

export interface SeedReport {
  plan: "seeded" | "already present";
  demoAccounts: "seeded" | "already present" | "skipped";
}

export async function seedPlan(db: AppPrismaClient): Promise<SeedReport["plan"]> {
  if ((await db.task.count()) > 0) return "already present";
  const plan = loadPlanFromDocument();
  if (!plan.citiesCarryEveryTask) {
    throw new Error("The annex no longer says every task is carried out by the cities; review the seed.");
  }
  await db.$transaction(
    async (tx) => {
      await tx.unit.createMany({
        data: ALL_UNITS.map((unit, index) => ({ ...unit, sortOrder: index + 1 })),
      });
      const units = await tx.unit.findMany({ select: { id: true, shortName: true, code: true } });
      const unitIdByName = new Map(units.map((unit) => [unit.shortName, unit.id]));
      const unitIdByCode = new Map(units.map((unit) => [unit.code, unit.id]));
      const cityIds = CITY_UNITS.map((city) => unitIdByName.get(city.shortName)!);

      await tx.section.createMany({ data: plan.sections });
      const sections = await tx.section.findMany({ select: { id: true, number: true } });
      const sectionIdByNumber = new Map(sections.map((section) => [section.number, section.id]));

      await tx.task.createMany({
        data: plan.tasks.map((task) => ({
          number: task.number,
          sectionId: sectionIdByNumber.get(task.sectionNumber)!,
          title: task.title,
          content: task.content,
          deadlineText: task.deadlineText,
          deadlineDate: new Date(`${task.deadlineDate}T00:00:00Z`),
        })),
      });
      const tasks = await tx.task.findMany({ select: { id: true, number: true } });
      const taskIdByNumber = new Map(tasks.map((task) => [task.number, task.id]));

      await tx.taskUnit.createMany({
        data: plan.tasks.flatMap((task) => {
          const taskId = taskIdByNumber.get(task.number)!;
          const unitIds = [...task.unitShortNames.map((name) => requireId(unitIdByName, name, `task ${task.number}`)), ...cityIds];
          return unitIds.map((unitId, index) => ({ taskId, unitId, position: index + 1 }));
        }),
      });

      for (const [index, indicator] of INDICATORS.entries()) {
        await tx.indicator.create({
          data: {
            code: indicator.code,
            name: indicator.name,
            measureUnit: indicator.measureUnit,
            direction: indicator.direction,
            ownerUnitId: requireId(unitIdByCode, indicator.ownerUnitCode, `indicator ${indicator.code}`),
            clauseRef: indicator.clauseRef,
            clause: indicator.clause,
            cityLevel: indicator.cityLevel,
            note: indicator.note ?? null,
            baselineValue: indicator.baseline?.value ?? null,
            baselineYear: indicator.baseline?.year ?? null,
            baselineSource: indicator.baseline?.source ?? null,
            sortOrder: index + 1,
            targets: {
              create: indicator.targets.map((target) => ({
                year: target.year,
                comparator: target.comparator,
                value: target.value,
                text: target.text,
                note: target.note ?? null,
              })),
            },
            tasks: {
              create: indicator.taskNumbers.map((number) => ({
                taskId: requireId(taskIdByNumber, number, `indicator ${indicator.code}`),
              })),
            },
          },
        });
      }
    },
    { timeout: 60_000 },
  );
  return "seeded";
}

export async function seedDemoAccounts(db: AppPrismaClient): Promise<SeedReport["demoAccounts"]> {
  if ((await db.user.count()) > 0) return "already present";
  const units = await db.unit.findMany({ orderBy: { sortOrder: "asc" }, select: { id: true, code: true, shortName: true } });
  const unitIdByCode = new Map(units.map((unit) => [unit.code, unit.id]));
  const accounts = [
    ...DEMO_ACCOUNTS.map((account) => ({
      username: account.username,
      displayName: account.displayName,
      role: account.role,
      unitId: account.unitCode ? requireId(unitIdByCode, account.unitCode, `account ${account.username}`) : null,
    })),
    ...units.map((unit) => ({
      username: unit.code,
      displayName: `${unit.shortName}填报人`,
      role: "STAFF" as const,
      unitId: unit.id,
    })),
  ];
  const data = await Promise.all(accounts.map(async (account) => ({ ...account, passwordHash: await hashPassword(DEMO_PASSWORD) })));
  const users = await db.user.createManyAndReturn({ data, select: { id: true, username: true } });
  // Notices by e-mail have an address to go to (at the reserved example domain).
  await db.contactPreference.createMany({ data: users.map((user) => ({ userId: user.id, email: demoEmail(user.username) })) });
  return "seeded";
}

/** Demo mode: the public figures as accepted observations marked `demo`, into an empty table. */
export async function seedDemoObservations(db: AppPrismaClient): Promise<"seeded" | "already present"> {
  if ((await db.indicatorObservation.count()) > 0) return "already present";
  const indicators = await db.indicator.findMany({ select: { id: true, code: true } });
  const idByCode = new Map(indicators.map((indicator) => [indicator.code, indicator.id]));
  await db.indicatorObservation.createMany({
    data: DEMO_OBSERVATIONS.map((observation) => ({
      indicatorId: requireId(idByCode, observation.indicatorCode, `demo observation ${observation.indicatorCode}`),
      area: observation.area,
      year: observation.year,
      quarter: 0,
      value: observation.value,
      source: `${observation.source}（示例数据，待责任单位确认）`,
      demo: true,
      status: "ACCEPTED" as const,
    })),
  });
  return "seeded";
}

/**
 * Demo mode: example measure lists (示例数据) of a few units, accepted, marked `demo`, into an empty
 * table; written as the unit's own staff account, reviewed by the demo reviewer.
 */
export async function seedDemoMeasures(db: AppPrismaClient): Promise<"seeded" | "already present"> {
  if ((await db.measureList.count()) > 0) return "already present";
  const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
  await db.$transaction(async (tx) => {
    const reviewer = await tx.user.findFirst({ where: { role: "REVIEWER" }, orderBy: { id: "asc" }, select: { id: true } });
    for (const list of DEMO_MEASURE_LISTS) {
      const staff = await tx.user.findFirst({
        where: { username: list.unitCode, unit: { code: list.unitCode } },
        select: { id: true, unitId: true },
      });
      const task = await tx.task.findUnique({ where: { number: list.taskNumber }, select: { id: true } });
      if (!staff?.unitId || !task)
        throw new Error(`Seed data error in demo measures: unknown unit ${list.unitCode} or task ${list.taskNumber}`);
      const at = day(`${list.year}-01-20`);
      await tx.measureList.create({
        data: {
          taskId: task.id,
          unitId: staff.unitId,
          year: list.year,
          role: list.role,
          status: "ACCEPTED",
          reviewStage: "FINAL",
          demo: true,
          updatedById: reviewer?.id ?? staff.id,
          updatedAt: at,
          submittedAt: at,
          reviewedAt: at,
          measures: {
            create: list.measures.map((measure, index) => ({
              position: index + 1,
              text: measure.text,
              responsible: measure.responsible,
              fundsPlanned: measure.fundsPlanned ?? null,
              fundsSpent: measure.fundsSpent ?? null,
              fundsSource: measure.fundsSource ?? null,
              milestones: {
                create: measure.milestones.map((milestone, position) => ({
                  position: position + 1,
                  title: milestone.title,
                  plannedDate: day(milestone.plannedDate),
                  deliverable: milestone.deliverable,
                  status: milestone.doneDate ? ("DONE" as const) : ("PLANNED" as const),
                  doneDate: milestone.doneDate ? day(milestone.doneDate) : null,
                })),
              },
            })),
          },
        },
      });
    }
  });
  return "seeded";
}

/**
 * Demo mode: a completed example 成效考核 for 2025 (示例数据) under the default scheme, into an
 * empty table: the scheme locked, every unit self-assessed, scored and confirmed by 省生态环境厅's
 * reviewer, totals and grades computed as the app computes them. Skipped when there is no such
 * reviewer to have done it.
 */
export async function seedDemoAssessment(db: AppPrismaClient): Promise<"seeded" | "already present" | "skipped"> {
  if ((await db.assessmentScheme.count()) > 0) return "already present";
  const reviewerAccount = DEMO_ACCOUNTS.find((account) => account.role === "REVIEWER")!;
  const [reviewer, units] = await Promise.all([
    db.user.findFirst({
      where: { role: "REVIEWER", unit: { code: reviewerAccount.unitCode } },
      orderBy: { id: "asc" },
      select: { id: true },
    }),
    db.unit.findMany({
      orderBy: { sortOrder: "asc" },
      select: { id: true, code: true, kind: true, sortOrder: true, _count: { select: { assignments: true } } },
    }),
  ]);
  if (!reviewer) return "skipped";
  const scheme = defaultScheme(DEMO_ASSESSMENT_YEAR);
  const dates = DEMO_ASSESSMENT_DATES;

  const sheets = units.map((unit) => {
    const example = demoUnitAssessment({
      code: unit.code,
      sortOrder: unit.sortOrder,
      kind: unit.kind,
      tasksCarried: unit._count.assignments,
    });
    const scores = scheme.items.map((item) => {
      if (item.kind === "AUTO" && item.metric) {
        const computed = { ...autoScore(item.metric, item.points, example.facts), asOf: dates.asOf };
        return { item, score: computed.score, selfScore: computed.score, reason: null, selfReason: null, computed };
      }
      const byHand = example.byHand[item.code as DemoHandItemCode];
      if (!byHand) throw new Error(`Seed data error in the demo assessment: no example score for item ${item.code}`);
      return { item, ...byHand, computed: null };
    });
    const totalFrom = (pick: (score: (typeof scores)[number]) => number | null) =>
      totalOf(
        scores.map((score) => ({ kind: score.item.kind, score: pick(score) ?? 0 })),
        scheme,
      ).total;
    const total = totalFrom((score) => score.score);
    return { unit, scores, total, selfTotal: totalFrom((score) => score.selfScore), grade: gradeOf(total, scheme.grades) };
  });

  await db.$transaction(async (tx) => {
    const created = await tx.assessmentScheme.create({
      data: {
        year: scheme.year,
        version: 1,
        name: `${scheme.name}（示例数据）`,
        grades: scheme.grades.map((grade) => ({ grade: grade.grade, min: grade.min })),
        bonusCap: scheme.bonusCap,
        deductionCap: scheme.deductionCap,
        demo: true,
        lockedAt: dates.lockedAt,
        createdAt: dates.schemeCreatedAt,
        createdById: reviewer.id,
        items: {
          create: schemeItemRows(scheme.items),
        },
      },
      select: { id: true, items: { select: { id: true, code: true } } },
    });
    const itemIdByCode = new Map(created.items.map((item) => [item.code, item.id]));
    await tx.assessmentResult.createMany({
      data: sheets.map((sheet) => ({
        schemeId: created.id,
        unitId: sheet.unit.id,
        stage: "CONFIRMED" as const,
        selfTotal: sheet.selfTotal,
        total: sheet.total,
        grade: sheet.grade,
        selfSubmittedAt: dates.selfSubmittedAt(sheet.unit.sortOrder),
        confirmedAt: dates.confirmedAt,
        confirmedById: reviewer.id,
      })),
    });
    const results = await tx.assessmentResult.findMany({ where: { schemeId: created.id }, select: { id: true, unitId: true } });
    const resultIdByUnit = new Map(results.map((result) => [result.unitId, result.id]));
    await tx.assessmentScore.createMany({
      data: sheets.flatMap((sheet) =>
        sheet.scores.map((score) => ({
          resultId: requireId(resultIdByUnit, sheet.unit.id, "demo assessment"),
          itemId: requireId(itemIdByCode, score.item.code, "demo assessment"),
          selfScore: score.selfScore,
          selfReason: score.selfReason,
          score: score.score,
          reason: score.reason,
          computed: score.computed ?? undefined,
          // As the score sheet does: the reviewer signs every item scored by hand.
          scoredById: score.item.kind === "AUTO" ? null : reviewer.id,
          scoredAt: score.item.kind === "AUTO" ? null : dates.scoredAt,
        })),
      ),
    });
  });
  return "seeded";
}

function requireId<K>(ids: Map<K, number>, key: K, context: string): number {
  const id = ids.get(key);
  if (id === undefined) throw new Error(`Seed data error in ${context}: unknown reference ${String(key)}`);
  return id;
}
