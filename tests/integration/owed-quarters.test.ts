/**
 * The quarters-owed rule in SQL (meili_owes_report, from the migrations) against the TypeScript
 * rule (quartersOfTask): the same quarters for sample deadlines and for every task of the plan, and
 * cheap enough to use on every row (the planner inlines it).
 */
import { afterAll, describe, expect, it } from "vitest";
import { formatIsoDate } from "@/lib/core/dates";
import { formatQuarter, quartersOfTask } from "@/lib/core/quarters";
import { seededPrisma } from "../support/database";

const db = seededPrisma();
afterAll(() => db.$disconnect());

/** Every quarter from 2020Q1 to 2040Q4 for which the function says a report on `deadline` is owed. */
async function owedQuarters(deadline: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ quarter: string }[]>`
    SELECT y.year || 'Q' || q.quarter AS quarter
    FROM generate_series(2020, 2040) AS y(year) CROSS JOIN generate_series(1, 4) AS q(quarter)
    WHERE meili_owes_report(${deadline}::date, y.year, q.quarter)
    ORDER BY y.year, q.quarter`;
  return rows.map((row) => row.quarter);
}

const quarters = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, index) => from + index).map((index) =>
    formatQuarter({ year: Math.floor(index / 4), quarter: ((index % 4) + 1) as 1 | 2 | 3 | 4 }),
  );

describe("meili_owes_report", () => {
  it("owes every quarter from 2024Q3 through the deadline's quarter, and nothing outside it", async () => {
    expect(await owedQuarters("2024-12-31")).toEqual(["2024Q3", "2024Q4"]);
    expect(await owedQuarters("2024-10-01")).toEqual(["2024Q3", "2024Q4"]);
    expect(await owedQuarters("2024-09-30")).toEqual(["2024Q3"]);
    expect(await owedQuarters("2027-12-31")).toEqual(quarters(2024 * 4 + 2, 2027 * 4 + 3));
    expect(await owedQuarters("2027-06-30")).toEqual(quarters(2024 * 4 + 2, 2027 * 4 + 1));
    expect(await owedQuarters("2035-12-31")).toEqual(quarters(2024 * 4 + 2, 2035 * 4 + 3));
    expect(await owedQuarters("2024-06-30")).toEqual([]);
  });

  it("agrees with quartersOfTask for every task's deadline in the plan", async () => {
    const tasks = await db.task.findMany({ orderBy: { number: "asc" }, select: { number: true, deadlineDate: true } });
    expect(tasks.length).toBe(60);
    for (const task of tasks) {
      const deadline = formatIsoDate(task.deadlineDate);
      expect(await owedQuarters(deadline), `task ${task.number} (${deadline})`).toEqual(quartersOfTask(deadline).map(formatQuarter));
    }
  });

  it("is inlined by the planner: no function call per row", async () => {
    const [plan] = await db.$queryRawUnsafe<{ "QUERY PLAN": unknown }[]>(
      `EXPLAIN (VERBOSE, FORMAT JSON) SELECT count(*) FROM "TaskUnit" tu JOIN "Task" t ON t.id = tu."taskId"
       CROSS JOIN generate_series(1, 4) AS q(quarter) WHERE meili_owes_report(t."deadlineDate", 2027, q.quarter)`,
    );
    const text = JSON.stringify(plan!["QUERY PLAN"]);
    expect(text).toContain("deadlineDate");
    expect(text).not.toContain("meili_owes_report");
  });
});
