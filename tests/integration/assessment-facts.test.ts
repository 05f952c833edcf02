/**
 * 成效考核's facts against a real database: for one provincial unit and one city made for this
 * file (so that no seeded assignment adds to their counts), the reports owed, on time, submitted
 * and complete; milestones due and on time; completions claimed and verified; indicators judged
 * and met; funds planned and spent within plan — each as of the end of the assessment day, with
 * what came later left out; and a unit with nothing to do reads all zeros. Everything written here
 * is year 2029 data of the file's own units and indicators, removed afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { windowCloseDate } from "@/lib/core/quarters";
import { getWindowSetting } from "@/lib/admin/settings";
import { gatherUnitFacts } from "@/lib/results-assessment/unit-facts";
import type { UnitYearFacts } from "@/lib/results-assessment/auto-items";
import { seededPrisma } from "../support/database";

const db = seededPrisma();
const YEAR = 2029;
const AS_OF = "2029-07-20";
const CODES = { province: "factsprov", city: "factscity", idle: "factsidle" } as const;
const INDICATOR_PREFIX = "FACTS_TEST_";

const at = (iso: string) => new Date(iso);
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

async function cleanup() {
  const units = await db.unit.findMany({ where: { code: { in: Object.values(CODES) } }, select: { id: true } });
  const unitIds = units.map((unit) => unit.id);
  const indicators = await db.indicator.findMany({ where: { code: { startsWith: INDICATOR_PREFIX } }, select: { id: true } });
  const indicatorIds = indicators.map((indicator) => indicator.id);
  await db.completionCheck.deleteMany({ where: { unitId: { in: unitIds } } });
  await db.progressReport.deleteMany({ where: { unitId: { in: unitIds } } });
  await db.measureList.deleteMany({ where: { unitId: { in: unitIds } } });
  await db.indicatorObservation.deleteMany({ where: { indicatorId: { in: indicatorIds } } });
  await db.indicator.deleteMany({ where: { id: { in: indicatorIds } } });
  await db.taskUnit.deleteMany({ where: { unitId: { in: unitIds } } });
  await db.unit.deleteMany({ where: { id: { in: unitIds } } });
}

let reviewerId = 0;
const ids = { province: 0, city: 0, idle: 0 };
/** T1 and T4 have indicators of their own (seeded), T2 none; T3 ended before the year. */
const tasks = { t1: 0, t2: 0, t3: 0, t4: 0 };
const indicatorIds: Record<string, number> = {};

interface ReportSpec {
  unit: number;
  task: number;
  quarter: number;
  status: "DRAFT" | "SUBMITTED" | "RETURNED" | "ACCEPTED";
  submittedAt?: Date;
  reviewedAt?: Date;
  state?: "ON_TRACK" | "COMPLETED";
  problems?: string;
  figure?: number;
}

async function report(spec: ReportSpec) {
  await db.progressReport.create({
    data: {
      taskId: spec.task,
      unitId: spec.unit,
      year: YEAR,
      quarter: spec.quarter,
      status: spec.status,
      progressState: spec.state ?? "ON_TRACK",
      percent: spec.state === "COMPLETED" ? 100 : 50,
      progress: "按计划推进。",
      problems: spec.problems ?? "资金到位偏慢。",
      nextSteps: "加快推进。",
      updatedById: reviewerId,
      submittedAt: spec.submittedAt ?? null,
      reviewedAt: spec.reviewedAt ?? null,
      reviewedById: spec.reviewedAt ? reviewerId : null,
      figures: spec.figure ? { create: [{ indicatorId: spec.figure, value: 55, period: `${YEAR}Q${spec.quarter}` }] } : undefined,
    },
  });
}

async function check(unit: number, task: number, passed: boolean, checkedOn: string) {
  await db.completionCheck.create({
    data: {
      subject: "TASK_UNIT",
      taskId: task,
      unitId: unit,
      checkedOn: day(checkedOn),
      method: "DOCUMENTS",
      passed,
      finding: passed ? "资料齐全" : "佐证不足",
      verifierId: reviewerId,
      createdAt: at(`${checkedOn}T10:00:00+08:00`),
    },
  });
}

interface MeasureSpec {
  fundsPlanned?: string;
  fundsSpent?: string;
  milestones?: { planned: string; done?: string; status?: "PLANNED" | "DONE" | "DROPPED" }[];
}

async function measureList(unit: number, task: number, year: number, status: "ACCEPTED" | "SUBMITTED", measures: MeasureSpec[]) {
  await db.measureList.create({
    data: {
      taskId: task,
      unitId: unit,
      year,
      role: "SUPPORT",
      status,
      updatedById: reviewerId,
      reviewedAt: status === "ACCEPTED" ? at(`${year}-01-15T10:00:00+08:00`) : null,
      measures: {
        create: measures.map((measure, position) => ({
          position,
          text: `举措 ${position + 1}`,
          responsible: "测试 责任人",
          fundsPlanned: measure.fundsPlanned ?? null,
          fundsSpent: measure.fundsSpent ?? null,
          milestones: {
            create: (measure.milestones ?? []).map((milestone, index) => ({
              position: index,
              title: `节点 ${index + 1}`,
              plannedDate: day(milestone.planned),
              deliverable: "文件",
              status: milestone.status ?? (milestone.done ? "DONE" : "PLANNED"),
              doneDate: milestone.done ? day(milestone.done) : null,
            })),
          },
        })),
      },
    },
  });
}

async function indicator(
  key: string,
  cityLevel: boolean,
  target: boolean,
  values: { area?: string; year: number; value: number; reviewedAt: string; status?: "ACCEPTED" | "SUBMITTED" }[],
) {
  const created = await db.indicator.create({
    data: {
      code: `${INDICATOR_PREFIX}${key}`,
      name: `成效考核测试指标${key}`,
      measureUnit: "%",
      direction: "HIGHER_IS_BETTER",
      ownerUnitId: ids.province,
      clauseRef: "测试",
      clause: "测试条款",
      cityLevel,
      sortOrder: 9000 + Object.keys(indicatorIds).length,
      targets: target ? { create: [{ year: 2030, comparator: "GTE", value: 50, text: "50%以上" }] } : undefined,
      observations: {
        create: values.map((value) => ({
          area: value.area ?? "province",
          year: value.year,
          value: value.value,
          source: "成效考核测试",
          status: value.status ?? "ACCEPTED",
          reviewedAt: at(value.reviewedAt),
        })),
      },
    },
    select: { id: true },
  });
  indicatorIds[key] = created.id;
  return created.id;
}

beforeAll(async () => {
  await cleanup();
  const { windowDays } = await getWindowSetting();
  // The scenario's days assume the quarters' windows close in the usual place: Q2's before, Q3's after the day.
  expect(windowCloseDate({ year: YEAR, quarter: 2 }, windowDays)).toBe("2029-07-10");
  reviewerId = (await db.user.findUniqueOrThrow({ where: { username: "reviewer" }, select: { id: true } })).id;
  const later = { deadlineDate: { gte: day("2030-01-01") } };
  const [t1, t4] = await db.task.findMany({
    where: { ...later, indicators: { some: {} } },
    orderBy: { number: "asc" },
    take: 2,
    select: { id: true },
  });
  const t2 = await db.task.findFirstOrThrow({
    where: { ...later, indicators: { none: {} } },
    orderBy: { number: "asc" },
    select: { id: true },
  });
  const t3 = await db.task.findFirstOrThrow({
    where: { deadlineDate: { lt: day("2029-01-01") } },
    orderBy: { number: "asc" },
    select: { id: true },
  });
  Object.assign(tasks, { t1: t1!.id, t2: t2.id, t3: t3.id, t4: t4!.id });

  for (const [key, code] of Object.entries(CODES) as [keyof typeof CODES, string][]) {
    const unit = await db.unit.create({
      data: {
        code,
        shortName: `成效考核测试${code}`,
        name: `成效考核测试单位${code}`,
        kind: key === "province" ? "PROVINCIAL" : "CITY",
        sortOrder: 9000 + Object.keys(CODES).indexOf(key),
      },
      select: { id: true },
    });
    ids[key] = unit.id;
  }
  const assignments = (unit: number, taskIds: number[]) => taskIds.map((taskId) => ({ taskId, unitId: unit, position: 9000 + unit }));
  await db.taskUnit.createMany({
    data: [
      ...assignments(ids.province, [tasks.t1, tasks.t2, tasks.t3, tasks.t4]),
      ...assignments(ids.city, [tasks.t1, tasks.t2, tasks.t3]),
    ],
  });

  // Indicators, all owned by the provincial unit, target 50 % or more by 2030.
  const one = await indicator("1", true, true, [
    { year: 2029, value: 60, reviewedAt: "2029-03-01T10:00:00+08:00" }, // province: met → ON_COURSE
    { area: CODES.city, year: 2029, value: 40, reviewedAt: "2029-07-01T10:00:00+08:00" }, // city: one value short → AT_RISK
  ]);
  await db.indicatorTask.create({ data: { indicatorId: one, taskId: tasks.t1 } });
  await indicator("2", true, true, [
    { year: 2029, value: 60, reviewedAt: "2029-08-01T10:00:00+08:00" }, // province: accepted after the day → NO_DATA
    { area: CODES.city, year: 2029, value: 70, reviewedAt: "2029-07-20T23:00:00+08:00" }, // city: accepted on the day → ON_COURSE
  ]);
  await indicator("3", true, false, [
    { year: 2029, value: 60, reviewedAt: "2029-03-01T10:00:00+08:00" }, // no target: not judged
    { area: CODES.city, year: 2029, value: 60, reviewedAt: "2029-03-01T10:00:00+08:00" },
  ]);
  await indicator("4", false, true, [
    { year: 2028, value: 40, reviewedAt: "2029-01-10T10:00:00+08:00" }, // province: falling and short → OFF_COURSE
    { year: 2029, value: 30, reviewedAt: "2029-03-01T10:00:00+08:00" },
  ]);
  await indicator("5", true, true, [
    { area: CODES.city, year: 2029, value: 70, reviewedAt: "2029-07-21T00:00:00+08:00" }, // after the day: NO_DATA
    { area: CODES.city, year: 2028, value: 70, reviewedAt: "2029-01-10T10:00:00+08:00", status: "SUBMITTED" }, // not accepted
  ]);

  const p = ids.province;
  // Provincial unit: T1 asks it for figures (it owns indicator 1 of T1); T2 has no indicator; T4's are others'.
  await report({
    unit: p,
    task: tasks.t1,
    quarter: 1,
    status: "ACCEPTED",
    submittedAt: at("2029-04-10T15:00:00+08:00"),
    reviewedAt: at("2029-04-20T10:00:00+08:00"),
    state: "COMPLETED",
    figure: one,
  });
  await report({ unit: p, task: tasks.t1, quarter: 2, status: "SUBMITTED", submittedAt: at("2029-07-11T09:00:00+08:00") }); // late, no figure
  await report({ unit: p, task: tasks.t1, quarter: 3, status: "SUBMITTED", submittedAt: at("2029-07-15T09:00:00+08:00") }); // window still open
  await report({
    unit: p,
    task: tasks.t2,
    quarter: 1,
    status: "RETURNED",
    submittedAt: at("2029-04-10T23:59:00+08:00"),
    problems: "\u3000",
  });
  await report({ unit: p, task: tasks.t2, quarter: 2, status: "DRAFT" });
  await report({
    unit: p,
    task: tasks.t4,
    quarter: 1,
    status: "ACCEPTED",
    submittedAt: at("2029-04-08T09:00:00+08:00"),
    reviewedAt: at("2029-04-12T10:00:00+08:00"),
    state: "COMPLETED",
  });
  await report({
    unit: p,
    task: tasks.t4,
    quarter: 2,
    status: "ACCEPTED",
    submittedAt: at("2029-07-12T09:00:00+08:00"),
    reviewedAt: at("2029-07-14T10:00:00+08:00"),
  });
  await report({
    unit: p,
    task: tasks.t3,
    quarter: 1,
    status: "ACCEPTED",
    submittedAt: at("2029-04-01T09:00:00+08:00"),
    reviewedAt: at("2029-04-15T10:00:00+08:00"),
    state: "COMPLETED",
  });
  await check(p, tasks.t1, true, "2029-05-01");
  await check(p, tasks.t3, true, "2029-07-21"); // dated after the day

  const c = ids.city;
  // City: T1 has indicators, so it asks the city for figures; T2 does not.
  await report({
    unit: c,
    task: tasks.t1,
    quarter: 1,
    status: "ACCEPTED",
    submittedAt: at("2029-04-09T09:00:00+08:00"),
    reviewedAt: at("2029-04-20T10:00:00+08:00"),
    figure: one,
  });
  await report({
    unit: c,
    task: tasks.t1,
    quarter: 2,
    status: "ACCEPTED",
    submittedAt: at("2029-07-09T09:00:00+08:00"),
    reviewedAt: at("2029-07-15T10:00:00+08:00"),
    state: "COMPLETED",
  });
  await report({ unit: c, task: tasks.t2, quarter: 1, status: "SUBMITTED", submittedAt: at("2029-07-21T09:00:00+08:00") }); // after the day
  await report({
    unit: c,
    task: tasks.t2,
    quarter: 2,
    status: "ACCEPTED",
    submittedAt: at("2029-07-10T23:59:00+08:00"),
    reviewedAt: at("2029-07-18T10:00:00+08:00"),
    state: "COMPLETED",
  });
  await report({
    unit: c,
    task: tasks.t3,
    quarter: 1,
    status: "ACCEPTED",
    submittedAt: at("2029-04-01T09:00:00+08:00"),
    reviewedAt: at("2029-07-21T10:00:00+08:00"),
    state: "COMPLETED",
  });
  await check(c, tasks.t1, false, "2029-07-16");

  await measureList(p, tasks.t1, YEAR, "ACCEPTED", [
    {
      fundsPlanned: "100",
      fundsSpent: "120", // overspent: counts as 100
      milestones: [
        { planned: "2029-03-31", done: "2029-03-30" }, // on time
        { planned: "2029-05-31", done: "2029-06-10" }, // done late
        { planned: "2029-06-30" }, // missed
        { planned: "2029-07-20", done: "2029-07-18" }, // due on the day, on time
        { planned: "2029-09-30" }, // not due yet
        { planned: "2029-04-30", status: "DROPPED" }, // not counted
      ],
    },
    { fundsPlanned: "50.55" }, // nothing spent
    { fundsSpent: "30" }, // no plan: not counted
  ]);
  await measureList(p, tasks.t2, YEAR, "SUBMITTED", [{ fundsPlanned: "1000", fundsSpent: "10", milestones: [{ planned: "2029-03-31" }] }]);
  await measureList(p, tasks.t4, 2028, "ACCEPTED", [
    { fundsPlanned: "200", fundsSpent: "200", milestones: [{ planned: "2028-12-31", done: "2028-12-30" }, { planned: "2029-02-28" }] },
  ]);
  await measureList(c, tasks.t2, YEAR, "ACCEPTED", [
    {
      fundsPlanned: "80.25",
      fundsSpent: "20.1",
      milestones: [{ planned: "2029-06-30", done: "2029-06-30" }, { planned: "2029-12-31" }],
    },
  ]);
});

afterAll(async () => {
  await cleanup();
  await db.$disconnect();
});

describe("a unit's facts for the year", () => {
  let facts: Map<number, UnitYearFacts>;
  beforeAll(async () => {
    facts = await gatherUnitFacts(YEAR, AS_OF);
  });

  it("gives every unit an entry", async () => {
    expect(facts.size).toBe(await db.unit.count());
  });

  it("counts a provincial unit's reports, milestones, completions, indicators and funds as of the day", () => {
    expect(facts.get(ids.province)).toEqual({
      // T1, T2, T4 × Q1, Q2 (T3 ended in an earlier year; Q3's window is open); on time: T1Q1, T2Q1 (the close day's evening), T4Q1.
      reportsOwed: 6,
      reportsOnTime: 3,
      // Submitted: all but T2Q2 (a draft); complete: T1Q1 (with its figure), T4Q1 and T4Q2 (no figure asked of it); not T1Q2 (no figure), T2Q1 (problems blank).
      reportsSubmitted: 5,
      reportsComplete: 3,
      // Planned in the year by the day: four of its list of the year (the dropped one aside) and one of its 2028 list; two on time.
      milestonesDue: 5,
      milestonesOnTime: 2,
      // T1 (checked, passed) and T3 (its check dated after the day); T4's latest accepted report is no longer 已完成.
      completionsClaimed: 2,
      completionsVerified: 1,
      // Indicator 1 on course, 4 off course; 2 accepted after the day, 3 without a target.
      indicatorsJudged: 2,
      indicatorsMet: 1,
      fundsPlanned: 150.55,
      fundsSpentWithinPlan: 100,
    });
  });

  it("counts a city's, judging its own values against the province's targets", () => {
    expect(facts.get(ids.city)).toEqual({
      // T1, T2 × Q1, Q2; T2Q1 came after the day.
      reportsOwed: 4,
      reportsOnTime: 3,
      // Complete: T1Q1 (with a figure) and T2Q2 (no indicator); T1Q2 gave no figure.
      reportsSubmitted: 3,
      reportsComplete: 2,
      milestonesDue: 1,
      milestonesOnTime: 1,
      // T1 (its check failed) and T2 (not checked); T3 was accepted after the day.
      completionsClaimed: 2,
      completionsVerified: 0,
      // Indicator 1 at risk, 2 on course (accepted on the day); 5 accepted after it; seeded ones have no value for the city.
      indicatorsJudged: 2,
      indicatorsMet: 1,
      fundsPlanned: 80.25,
      fundsSpentWithinPlan: 20.1,
    });
  });

  it("gives a unit with nothing to do zeros", () => {
    expect(Object.values(facts.get(ids.idle)!)).toEqual(Array(12).fill(0));
  });

  it("owes nothing for a quarter whose window has not closed by the day", async () => {
    const early = await gatherUnitFacts(YEAR, "2029-04-09");
    expect(early.get(ids.province)).toMatchObject({ reportsOwed: 0, reportsOnTime: 0, reportsSubmitted: 0, reportsComplete: 0 });
    // Milestones planned by 9 April: one on time, one missed (the 2028 list's).
    expect(early.get(ids.province)).toMatchObject({ milestonesDue: 2, milestonesOnTime: 1 });
  });
});
