/**
 * From an indicator to its tasks and their accepted reports (the indicator page): which reports
 * each reader sees, newest first, with the figure a report gave for the indicator.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findActiveSessionUser, type SessionUser } from "@/lib/auth/accounts";
import { listIndicatorTasks, REPORTS_PER_TASK } from "@/lib/indicators/indicator-tasks";
import { seededPrisma } from "../support/database";

const db = seededPrisma();
const users: Record<string, SessionUser> = {};
const created: number[] = [];
let pm25 = 0;

beforeAll(async () => {
  for (const username of ["leader", "admin", "pingxiang", "xinyu"]) {
    const row = await db.user.findUniqueOrThrow({ where: { username }, select: { id: true } });
    users[username] = (await findActiveSessionUser(row.id))!;
  }
  pm25 = (await db.indicator.findUniqueOrThrow({ where: { code: "PM25" }, select: { id: true } })).id;
  const task19 = await db.task.findUniqueOrThrow({ where: { number: 19 }, select: { id: true } });
  const unitId = async (code: string) => (await db.unit.findUniqueOrThrow({ where: { code }, select: { id: true } })).id;
  const write = async (code: string, quarter: [number, number], status: "ACCEPTED" | "SUBMITTED", figure?: string) => {
    const row = await db.progressReport.create({
      data: {
        taskId: task19.id,
        unitId: await unitId(code),
        year: quarter[0],
        quarter: quarter[1],
        status,
        progressState: "ON_TRACK",
        percent: quarter[1] * 10,
        progress: "测试：指标关联任务",
        updatedById: users.leader!.id,
        submittedAt: new Date("2026-10-01T02:00:00Z"),
        ...(status === "ACCEPTED" ? { reviewedAt: new Date("2026-10-05T02:00:00Z") } : {}),
        ...(figure ? { figures: { create: { indicatorId: pm25, value: figure, period: "2026Q3" } } } : {}),
      },
      select: { id: true },
    });
    created.push(row.id);
  };
  await write("pingxiang", [2026, 2], "ACCEPTED");
  await write("pingxiang", [2026, 3], "ACCEPTED", "31.5");
  await write("xinyu", [2026, 3], "SUBMITTED");
});

afterAll(async () => {
  await db.progressReport.deleteMany({ where: { id: { in: created } } });
  await db.$disconnect();
});

describe("an indicator's tasks and their accepted reports", () => {
  it("lists every linked task in order, with its accepted reports newest first and the figure given for the indicator", async () => {
    const tasks = await listIndicatorTasks(pm25, users.leader!);
    const linked = await db.indicatorTask.findMany({ where: { indicatorId: pm25 }, select: { task: { select: { number: true } } } });
    expect(tasks.map((task) => task.number)).toEqual(linked.map((row) => row.task.number).sort((a, b) => a - b));
    const task19 = tasks.find((task) => task.number === 19)!;
    expect(task19.acceptedCount).toBe(await db.progressReport.count({ where: { task: { number: 19 }, status: "ACCEPTED" } }));
    const own = task19.reports.filter((report) => created.includes(report.id));
    expect(own.map((report) => [report.unit.shortName, report.quarter, report.percent, report.figure])).toEqual([
      ["萍乡市", { year: 2026, quarter: 3 }, 30, { value: "31.5", period: "2026Q3" }],
      ["萍乡市", { year: 2026, quarter: 2 }, 20, null],
    ]);
    // The submitted report is not accepted yet: it is not listed.
    expect(task19.reports.some((report) => report.unit.shortName === "新余市")).toBe(false);
    expect(task19.reports.length).toBeLessThanOrEqual(REPORTS_PER_TASK);
  });

  it("shows staff only their own unit's accepted reports, and roles that read no reports none", async () => {
    const ofTask19 = async (user: SessionUser) => (await listIndicatorTasks(pm25, user)).find((task) => task.number === 19)!;
    expect((await ofTask19(users.pingxiang!)).reports.map((report) => report.unit.shortName)).toEqual(["萍乡市", "萍乡市"]);
    expect(await ofTask19(users.xinyu!)).toMatchObject({ reports: [], acceptedCount: 0 });
    const admin = await listIndicatorTasks(pm25, users.admin!);
    expect(admin.map((task) => task.number)).toContain(19);
    expect(admin.every((task) => task.reports.length === 0 && task.acceptedCount === 0)).toBe(true);
  });
});
