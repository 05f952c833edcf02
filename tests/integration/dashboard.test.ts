/**
 * The dashboard's aggregate queries against known fixtures: statuses of task × unit pairs and of
 * tasks, counts, rankings, the reporting share, upcoming deadlines and the quarterly brief.
 * Fixtures are written straight into the shared database with fixed timestamps and removed after.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countByStatus, laggingUnits, rankUnits, taskStatuses, upcomingDeadlines } from "@/lib/dashboard/dashboard";
import { reportingCounts } from "@/lib/reminders/reminders";
import { quarterBrief } from "@/lib/dashboard/brief";
import { assessAllIndicators } from "@/lib/indicators/observations";
import { seededPrisma } from "../support/database";
import { rankText } from "@/lib/core/ranking";
import { sharePercent } from "@/lib/core/shares";

const db = seededPrisma();
const NOW = "2026-11-25T12:00:00+08:00";
const at = (date: string) => new Date(`${date}T10:00:00+08:00`);
const created: number[] = [];
let soilObservation = 0;

beforeAll(async () => {
  const units = await db.unit.findMany({ select: { id: true, code: true } });
  const idOf = (code: string) => units.find((unit) => unit.code === code)!.id;
  const author = (await db.user.findUniqueOrThrow({ where: { username: "jiujiang" }, select: { id: true } })).id;
  const tasks = await db.task.findMany({ select: { id: true, number: true, deadlineDate: true, units: { select: { unitId: true } } } });
  const report = async (taskNumber: number, unitCode: string, quarter: [number, number], over: Record<string, unknown>) => {
    const task = tasks.find((candidate) => candidate.number === taskNumber)!;
    const row = await db.progressReport.create({
      data: {
        taskId: task.id,
        unitId: idOf(unitCode),
        year: quarter[0],
        quarter: quarter[1],
        status: "ACCEPTED",
        progressState: "ON_TRACK",
        percent: 50,
        progress: "测试数据",
        updatedById: author,
        submittedAt: at("2026-10-01"),
        reviewedAt: at("2026-10-05"),
        ...over,
      },
      select: { id: true },
    });
    created.push(row.id);
  };
  // 九江市 reported 2026Q3 on every task still running then, half done, accepted in early October.
  for (const task of tasks.filter((candidate) => candidate.deadlineDate >= new Date("2026-07-01") && candidate.number !== 20)) {
    await report(task.number, "jiujiang", [2026, 3], {});
  }
  // Task 20 (省生态环境厅 and the 11 cities): every unit completed, accepted on 20 October.
  const task20 = tasks.find((task) => task.number === 20)!;
  for (const { unitId } of task20.units) {
    const code = units.find((unit) => unit.id === unitId)!.code;
    await report(20, code, [2026, 3], { progressState: "COMPLETED", percent: 100, reviewedAt: at("2026-10-20") });
  }
  // 省水利厅 reported 2026Q2 on task 3 and then nothing.
  await report(3, "slt", [2026, 2], { submittedAt: at("2026-07-05"), reviewedAt: at("2026-07-08") });
  // A first value of 水土保持率, accepted on 20 October.
  const soil = await db.indicator.findUniqueOrThrow({ where: { code: "SOIL_CONSERVATION_RATE" }, select: { id: true } });
  soilObservation = (
    await db.indicatorObservation.create({
      data: { indicatorId: soil.id, year: 2025, value: 86, source: "测试", status: "ACCEPTED", reviewedAt: at("2026-10-20") },
      select: { id: true },
    })
  ).id;
});

afterAll(async () => {
  await db.progressReport.deleteMany({ where: { id: { in: created } } });
  await db.indicatorObservation.deleteMany({ where: { id: soilObservation } });
  await db.$disconnect();
});

describe("dashboard aggregates", () => {
  it("rolls every task up from its units as of the moment", async () => {
    const { moment, tasks } = await taskStatuses(undefined, NOW);
    expect(moment).toMatchObject({ today: "2026-11-25", collecting: { year: 2026, quarter: 4 }, lastClosed: { year: 2026, quarter: 3 } });
    expect(tasks).toHaveLength(60);
    const counts = countByStatus(tasks);
    const pastDeadline = await db.task.count({ where: { deadlineDate: { lt: new Date("2026-11-25") } } });
    expect(counts).toMatchObject({
      DONE: 1,
      OVERDUE: pastDeadline,
      OVERDUE_REPORT: 60 - 1 - pastDeadline,
      BEHIND: 0,
      DUE_SOON: 0,
      ON_TRACK: 0,
    });
    expect(tasks.find((task) => task.number === 20)!.status).toBe("DONE");
  });

  it("narrows to one city: its own statuses, behind where a near deadline outruns 50 %", async () => {
    const { tasks: jiujiang } = await taskStatuses(undefined, NOW, "jiujiang");
    expect(jiujiang).toHaveLength(60);
    const nearDeadline = await db.task.count({ where: { deadlineDate: { gte: new Date("2026-11-25"), lte: new Date("2027-11-25") } } });
    const pastDeadline = await db.task.count({ where: { deadlineDate: { lt: new Date("2026-11-25") } } });
    expect(countByStatus(jiujiang)).toEqual({
      DONE: 1,
      OVERDUE: pastDeadline,
      BEHIND: nearDeadline,
      ON_TRACK: 60 - 1 - pastDeadline - nearDeadline,
      OVERDUE_REPORT: 0,
      DUE_SOON: 0,
    });
    const { tasks: sectionTwo } = await taskStatuses(undefined, NOW, undefined, 2);
    expect(sectionTwo.length).toBe(await db.task.count({ where: { section: { number: 2 } } }));
    expect(sectionTwo.every((task) => task.section === 2)).toBe(true);
  });

  it("ranks 九江市 first among the cities by the share of its tasks lagging, and the ten cities tied on 59 of 60 share second place", async () => {
    const { units: ranking } = await rankUnits("CITY", undefined, NOW);
    expect(ranking).toHaveLength(11);
    const pastOrNear = await db.task.count({ where: { deadlineDate: { lte: new Date("2027-11-25") } } });
    expect(ranking[0]).toMatchObject({ code: "jiujiang", assignments: 60, lagging: pastOrNear, rank: 1, tied: false });
    expect(ranking[0]!.laggingShare).toBe(sharePercent(pastOrNear, 60));
    const others = ranking.slice(1);
    expect(others.map((unit) => [unit.lagging, unit.laggingShare, unit.rank, unit.tied])).toEqual(others.map(() => [59, 98.3, 2, true]));
    expect(rankText(others[0]!)).toBe("并列第 2 名");
    // In the official order within the tie.
    expect(others.map((unit) => unit.code)).toEqual(
      (await db.unit.findMany({ where: { kind: "CITY", code: { not: "jiujiang" } }, orderBy: { sortOrder: "asc" } })).map(
        (unit) => unit.code,
      ),
    );
    expect((await rankUnits("PROVINCIAL", undefined, NOW)).units).toHaveLength(36);
  });

  it("moves two cities ahead together when their stored reports put one more task back on track", async () => {
    const author = (await db.user.findUniqueOrThrow({ where: { username: "jiujiang" }, select: { id: true } })).id;
    const task = await db.task.findFirstOrThrow({ where: { deadlineDate: { gte: new Date("2030-01-01") } }, orderBy: { number: "asc" } });
    const cities = await db.unit.findMany({ where: { code: { in: ["ganzhou", "shangrao"] } }, select: { id: true } });
    const written = await Promise.all(
      cities.map((city) =>
        db.progressReport.create({
          data: {
            taskId: task.id,
            unitId: city.id,
            year: 2026,
            quarter: 3,
            status: "ACCEPTED",
            progressState: "ON_TRACK",
            percent: 50,
            progress: "测试数据",
            updatedById: author,
            submittedAt: at("2026-10-01"),
            reviewedAt: at("2026-10-05"),
          },
          select: { id: true },
        }),
      ),
    );
    try {
      const { units: ranking } = await rankUnits("CITY", undefined, NOW);
      const placeOf = (code: string) => ranking.find((unit) => unit.code === code)!;
      expect(placeOf("ganzhou")).toMatchObject({ lagging: 58, rank: 2, tied: true });
      expect(placeOf("shangrao")).toMatchObject({ lagging: 58, rank: 2, tied: true });
      // The eight still on 59 of 60 share the place after the two: 4th, not 4th to 11th.
      const rest = ranking.filter((unit) => !["jiujiang", "ganzhou", "shangrao"].includes(unit.code));
      expect(rest).toHaveLength(8);
      expect(new Set(rest.map((unit) => `${unit.lagging}/${rankText(unit)}`))).toEqual(new Set(["59/并列第 4 名"]));
      // The two ends of a long ranking keep the places they hold in the whole of it.
      const ends = await rankUnits("CITY", undefined, NOW, undefined, 2);
      expect(ends.total).toBe(11);
      expect(ends.units.map((unit) => [unit.code, rankText(unit)])).toEqual([
        ["jiujiang", "第 1 名"],
        ["ganzhou", "并列第 2 名"],
        ["yichun", "并列第 4 名"],
        ["fuzhou", "并列第 4 名"],
      ]);
    } finally {
      await db.progressReport.deleteMany({ where: { id: { in: written.map((row) => row.id) } } });
    }
    expect((await rankUnits("CITY", undefined, NOW)).units.find((unit) => unit.code === "ganzhou")).toMatchObject({ lagging: 59, rank: 2 });
  });

  it("keeps the day's status snapshot true to every report written after it was built", async () => {
    const slt = await db.unit.findUniqueOrThrow({ where: { code: "slt" }, select: { id: true } });
    const task3 = await db.task.findUniqueOrThrow({ where: { number: 3 }, select: { id: true } });
    const author = (await db.user.findUniqueOrThrow({ where: { username: "jiujiang" }, select: { id: true } })).id;
    const statusOfTask3 = async () => (await taskStatuses(undefined, NOW, "slt")).tasks.find((task) => task.number === 3)!.status;
    expect(await statusOfTask3()).toBe("OVERDUE_REPORT");
    expect((await laggingUnits(undefined, NOW, "slt")).get(task3.id)?.[0]?.reason).toMatch(/逾期未报/);
    const snapshots = await db.statusSnapshot.count({ where: { today: new Date("2026-11-25T00:00:00Z") } });
    const report = await db.progressReport.create({
      data: {
        taskId: task3.id,
        unitId: slt.id,
        year: 2026,
        quarter: 3,
        status: "ACCEPTED",
        progressState: "COMPLETED",
        percent: 100,
        progress: "测试数据",
        updatedById: author,
        submittedAt: at("2026-10-02"),
        reviewedAt: at("2026-10-06"),
      },
      select: { id: true },
    });
    try {
      expect(await db.pairStatus.count({ where: { taskId: task3.id, unitId: slt.id, stale: true } })).toBeGreaterThan(0);
      expect(await statusOfTask3()).toBe("DONE");
      await db.progressReport.update({ where: { id: report.id }, data: { progressState: "BEHIND", percent: 40 } });
      expect(await statusOfTask3()).toBe("BEHIND");
    } finally {
      await db.progressReport.delete({ where: { id: report.id } });
    }
    expect(await statusOfTask3()).toBe("OVERDUE_REPORT");
    // The same snapshot served every read: only the changed pair was evaluated again.
    expect(await db.statusSnapshot.count({ where: { today: new Date("2026-11-25T00:00:00Z") } })).toBe(snapshots);
  });

  it("counts the quarters' reports owed, submitted and accepted, for one city and over all units", async () => {
    const { reporting } = await taskStatuses(undefined, NOW, "jiujiang");
    const running = await db.task.count({ where: { deadlineDate: { gte: new Date("2026-07-01") } } });
    expect(reporting.lastClosed).toMatchObject({
      quarter: { year: 2026, quarter: 3 },
      owed: running,
      submitted: running,
      accepted: running,
    });
    // Over all units, the snapshot's tallies agree with the reminders' own count straight from the reports.
    const { moment, reporting: all } = await taskStatuses(undefined, NOW);
    for (const [quarter, share] of [
      [moment.lastClosed, all.lastClosed],
      [moment.collecting, all.collecting],
    ] as const) {
      const counts = await reportingCounts(quarter, quarter);
      const total = (pick: (count: (typeof counts)[number]) => number) => counts.reduce((sum, count) => sum + pick(count), 0);
      expect(share).toEqual({
        quarter,
        owed: total((count) => count.owed),
        submitted: total((count) => count.submitted),
        accepted: total((count) => count.accepted),
      });
    }
    expect(all.lastClosed.submitted).toBeGreaterThanOrEqual(running);
  });

  it("refreshes stale pairs without deadlocking a transaction that writes several reports, and shows its writes once committed", async () => {
    // Two of 九江市's reports, on tasks far from their deadlines (ON_TRACK until a report says behind).
    const late = await db.progressReport.findMany({
      where: { id: { in: created }, unit: { code: "jiujiang" }, task: { deadlineDate: { gte: new Date("2030-01-01") } } },
      orderBy: { id: "asc" },
      take: 2,
      select: { id: true, task: { select: { number: true } } },
    });
    const [first, second] = late;
    const statusOf = async (number: number) =>
      (await taskStatuses(undefined, NOW, "jiujiang")).tasks.find((task) => task.number === number)!.status;
    expect([await statusOf(first!.task.number), await statusOf(second!.task.number)]).toEqual(["ON_TRACK", "ON_TRACK"]);
    // Both pairs stale from committed writes, then a transaction (a batch review, an import) holds the first.
    await db.progressReport.updateMany({ where: { id: { in: [first!.id, second!.id] } }, data: { percent: 51 } });
    const writer = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await writer.connect();
    try {
      await writer.query("BEGIN");
      await writer.query(`UPDATE "ProgressReport" SET "progressState" = 'BEHIND' WHERE id = $1`, [first!.id]);
      const reading = statusOf(second!.task.number);
      await new Promise((resolve) => setTimeout(resolve, 300));
      // The writer now needs the second pair, which the refresh must not be holding while it waits.
      await writer.query(`UPDATE "ProgressReport" SET "progressState" = 'BEHIND' WHERE id = $1`, [second!.id]);
      await writer.query("COMMIT");
      expect(await reading).toBe("ON_TRACK");
    } finally {
      await writer.end();
    }
    expect([await statusOf(first!.task.number), await statusOf(second!.task.number)]).toEqual(["BEHIND", "BEHIND"]);
    await db.progressReport.updateMany({
      where: { id: { in: [first!.id, second!.id] } },
      data: { progressState: "ON_TRACK", percent: 50 },
    });
  });

  it("lists the tasks due within twelve months", async () => {
    const { moment, tasks } = await taskStatuses(undefined, NOW);
    const due = await db.task.findMany({
      where: { deadlineDate: { gte: new Date("2026-11-25"), lte: new Date("2027-11-25") } },
      orderBy: { number: "asc" },
      select: { number: true },
    });
    expect(
      upcomingDeadlines(tasks, moment)
        .map((task) => task.number)
        .sort((a, b) => a - b),
    ).toEqual(due.map((task) => task.number));
  });

  it("assesses indicators only on values accepted by the moment", async () => {
    const before = await assessAllIndicators(2026, at("2026-10-10"));
    const now = await assessAllIndicators(2026, new Date(NOW));
    const soil = (items: typeof now) => items.find((item) => item.indicator.code === "SOIL_CONSERVATION_RATE")!.assessment.verdict;
    expect(soil(before)).toBe("NO_DATA");
    expect(soil(now)).toBe("AT_RISK");
  });
});

describe("the quarterly brief", () => {
  it("names the task completed, the indicator whose verdict changed and the unit still owing reports", async () => {
    const brief = await quarterBrief(undefined, NOW);
    expect(brief.before.today).toBe("2026-10-10");
    expect(brief.statusChanges.filter((task) => task.now === "DONE").map((task) => task.number)).toEqual([20]);
    expect(brief.verdictChanges).toContainEqual({ code: "SOIL_CONSERVATION_RATE", name: "水土保持率", before: "NO_DATA", now: "AT_RISK" });
    expect(brief.values).toContainEqual(expect.objectContaining({ indicator: "水土保持率", area: "全省", value: "86", period: "2025年" }));
    // Task 20's twelve reports were accepted on 20 October, inside the period; 九江市's on 5 October, before it.
    expect(brief.reports.units).toContainEqual(expect.objectContaining({ unit: "南昌市", accepted: 1 }));
    expect(brief.reports.units.find((unit) => unit.unit === "九江市")?.acceptedTasks ?? []).toEqual([
      { task: 20, quarter: { year: 2026, quarter: 3 } },
    ]);
    expect(brief.late.map((unit) => unit.unit)).toContain("省水利厅");
    expect(brief.late.map((unit) => unit.unit)).not.toContain("九江市");
  });
});
