/**
 * The seeded database against the document: sections, all 60 tasks with their units in order,
 * the 11 cities on every task, and every indicator target. The expectations in
 * tests/fixtures/plan-expected.ts were typed from the document by hand, independently of the
 * parser, so a wrong unit on any task fails here.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXPECTED_SECTIONS, EXPECTED_TASKS } from "../fixtures/plan-expected";
import { INDICATORS } from "@/prisma/seed-data/indicators";
import { CITY_UNITS, PROVINCIAL_UNITS } from "@/prisma/seed-data/units";
import { DEMO_ACCOUNTS } from "@/prisma/seed-data/demo-accounts";
import { seedDemoAccounts, seedPlan } from "@/prisma/seed";
import { listTasks } from "@/lib/plan/tasks";
import { freshSeededDatabase } from "../support/database";
import type { AppPrismaClient } from "@/lib/core/prisma-client";

// A database of its own: other test files change users and lead units in the shared one.
let db: AppPrismaClient;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ prisma: db, close } = await freshSeededDatabase("plan_seed"));
});
afterAll(() => close());

const CITY_NAMES = CITY_UNITS.map((city) => city.shortName);

describe("seeded plan", () => {
  it("has the annex's five sections in order", async () => {
    const sections = await db.section.findMany({ orderBy: { number: "asc" }, select: { number: true, title: true } });
    expect(sections).toEqual(EXPECTED_SECTIONS);
  });

  it("has every task with the document's number, section, title and deadline", async () => {
    const tasks = await db.task.findMany({
      orderBy: { number: "asc" },
      select: { number: true, title: true, deadlineText: true, deadlineDate: true, section: { select: { number: true } } },
    });
    expect(tasks).toHaveLength(60);
    expect(
      tasks.map((task) => ({
        number: task.number,
        sectionNumber: task.section.number,
        title: task.title,
        deadlineText: task.deadlineText,
        deadlineDate: task.deadlineDate.toISOString().slice(0, 10),
      })),
    ).toEqual(
      EXPECTED_TASKS.map(({ number, sectionNumber, title, deadlineText, deadlineDate }) => ({
        number,
        sectionNumber,
        title,
        deadlineText,
        deadlineDate,
      })),
    );
  });

  it.each(EXPECTED_TASKS.map((task) => [task.number, task] as const))(
    "task %i carries exactly the document's provincial units in order, then the 11 cities",
    async (number, expected) => {
      const assignments = await db.taskUnit.findMany({
        where: { task: { number } },
        orderBy: { position: "asc" },
        select: { unit: { select: { shortName: true, kind: true } } },
      });
      const names = assignments.map((assignment) => assignment.unit.shortName);
      expect(names).toEqual([...expected.units, ...CITY_NAMES]);
      expect(assignments.slice(expected.units.length).every((assignment) => assignment.unit.kind === "CITY")).toBe(true);
    },
  );

  it("has the 36 provincial units and 11 cities, each used by the annex", async () => {
    const units = await db.unit.findMany({
      orderBy: { sortOrder: "asc" },
      select: { code: true, shortName: true, name: true, kind: true, _count: { select: { assignments: true } } },
    });
    expect(units.filter((unit) => unit.kind === "PROVINCIAL")).toHaveLength(36);
    expect(units.filter((unit) => unit.kind === "CITY").map((unit) => unit.shortName)).toEqual(CITY_NAMES);
    expect(units.map((unit) => unit.code)).toEqual([...PROVINCIAL_UNITS, ...CITY_UNITS].map((unit) => unit.code));
    for (const unit of units) expect(unit._count.assignments, unit.shortName).toBeGreaterThan(0);
    const mentioned = new Set(EXPECTED_TASKS.flatMap((task) => task.units));
    expect(new Set(units.filter((unit) => unit.kind === "PROVINCIAL").map((unit) => unit.shortName))).toEqual(mentioned);
  });

  it("leaves every task without a lead unit until an admin marks one", async () => {
    expect(await db.task.count({ where: { leadUnitId: { not: null } } })).toBe(0);
  });

  it("stores every indicator with its targets, owner and tasks", async () => {
    const indicators = await db.indicator.findMany({
      orderBy: { sortOrder: "asc" },
      select: {
        code: true,
        direction: true,
        measureUnit: true,
        baselineValue: true,
        baselineYear: true,
        ownerUnit: { select: { code: true } },
        targets: { orderBy: { year: "asc" }, select: { year: true, comparator: true, value: true } },
        tasks: { orderBy: { task: { number: "asc" } }, select: { task: { select: { number: true } } } },
      },
    });
    expect(indicators.map((indicator) => indicator.code)).toEqual(INDICATORS.map((indicator) => indicator.code));
    for (const [index, stored] of indicators.entries()) {
      const expected = INDICATORS[index]!;
      expect(stored.ownerUnit.code, expected.code).toBe(expected.ownerUnitCode);
      expect(stored.direction, expected.code).toBe(expected.direction);
      expect(
        stored.tasks.map((link) => link.task.number),
        expected.code,
      ).toEqual([...expected.taskNumbers].sort((a, b) => a - b));
      expect(
        stored.targets.map((target) => ({ year: target.year, comparator: target.comparator, value: Number(target.value) })),
        expected.code,
      ).toEqual(
        [...expected.targets]
          .sort((a, b) => a.year - b.year)
          .map((target) => ({ year: target.year, comparator: target.comparator, value: target.value })),
      );
      expect(stored.baselineValue === null ? null : Number(stored.baselineValue), expected.code).toBe(expected.baseline?.value ?? null);
    }
  });

  it("knows PM2.5 must fall to 28 μg/m³ by 2027 and 25 by 2035", async () => {
    const pm25 = await db.indicator.findFirstOrThrow({
      where: { name: { contains: "PM2.5" } },
      select: { direction: true, targets: { select: { year: true, comparator: true, value: true } } },
    });
    expect(pm25.direction).toBe("LOWER_IS_BETTER");
    const byYear = new Map(pm25.targets.map((target) => [target.year, target]));
    expect(byYear.get(2027)).toMatchObject({ comparator: "LTE" });
    expect(Number(byYear.get(2027)?.value)).toBe(28);
    expect(Number(byYear.get(2035)?.value)).toBe(25);
  });
});

describe("seeding again", () => {
  it("writes nothing and loses nothing", async () => {
    const counts = async () => ({
      tasks: await db.task.count(),
      units: await db.unit.count(),
      assignments: await db.taskUnit.count(),
      indicators: await db.indicator.count(),
      targets: await db.indicatorTarget.count(),
      users: await db.user.count(),
    });
    const before = await counts();
    await db.user.update({ where: { username: "leader" }, data: { displayName: "省领导（已改名）" } });
    expect(await seedPlan(db)).toBe("already present");
    expect(await seedDemoAccounts(db)).toBe("already present");
    expect(await counts()).toEqual(before);
    const leader = await db.user.findUniqueOrThrow({ where: { username: "leader" }, select: { displayName: true } });
    expect(leader.displayName).toBe("省领导（已改名）");
    await db.user.update({ where: { username: "leader" }, data: { displayName: "省领导" } });
  });

  it("created the demo accounts: four roles and one staff account per unit", async () => {
    const users = await db.user.findMany({ select: { username: true, role: true, unit: { select: { code: true } } } });
    for (const account of DEMO_ACCOUNTS) {
      expect(users.find((user) => user.username === account.username)?.role).toBe(account.role);
    }
    const staff = users.filter((user) => user.role === "STAFF");
    expect(staff).toHaveLength(47);
    for (const user of staff) expect(user.unit?.code).toBe(user.username);
  });
});

describe("task queries of the data layer", () => {
  it("filters by unit, city, section, deadline year and text", async () => {
    const byUnit = await listTasks({ unit: "slt" });
    expect(byUnit.map((task) => task.number)).toEqual(
      EXPECTED_TASKS.filter((task) => task.units.includes("省水利厅")).map((task) => task.number),
    );
    expect(await listTasks({ city: "ganzhou" })).toHaveLength(60);
    expect(await listTasks({ city: "slt" })).toHaveLength(0);
    const section3 = await listTasks({ section: 3 });
    expect(section3.map((task) => task.number)).toEqual(
      EXPECTED_TASKS.filter((task) => task.sectionNumber === 3).map((task) => task.number),
    );
    const due2025 = await listTasks({ year: 2025 });
    expect(due2025.map((task) => task.number)).toEqual(
      EXPECTED_TASKS.filter((task) => task.deadlineDate.startsWith("2025")).map((task) => task.number),
    );
    const text = await listTasks({ q: "美丽河湖" });
    expect(text.map((task) => task.number)).toContain(24);
  });

  it("sorts by deadline, keeping the document's order within a year", async () => {
    const sorted = await listTasks({ sort: "deadline", dir: "asc" });
    const dates = sorted.map((task) => task.deadline.date);
    expect(dates).toEqual([...dates].sort());
    expect(sorted[0]?.deadline.date).toBe("2024-12-31");
  });
});
