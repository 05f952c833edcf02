/**
 * Milestone figures against a real database: lights per unit (the dashboard's 节点 panel and
 * 我的待办), the on-time share per unit, section and city with ties sharing a rank, and the day
 * they are judged on following APP_TODAY. Fixtures are accepted lists of 2027 written straight in
 * for cities and a provincial unit no other file writes measures for, removed afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findActiveSessionUser } from "@/lib/auth/accounts";
import { milestoneLightCounts, milestoneOnTimeView } from "@/lib/dashboard/milestones";
import { listUnitMilestoneAlerts } from "@/lib/measures/milestone-progress";
import { getUnitTodo } from "@/lib/reports/todo";
import { momentFor } from "@/lib/status/status-snapshot";
import { chinaToday } from "@/lib/core/quarters";
import { seededPrisma } from "../support/database";

const db = seededPrisma();
const TODAY = "2027-07-01";
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const lists: number[] = [];

interface Step {
  title: string;
  planned: string;
  done?: string;
  status?: "PLANNED" | "DONE" | "LATE" | "DROPPED";
  verified?: boolean;
}

async function acceptedList(unitCode: string, taskNumber: number, steps: Step[]) {
  const [unit, task, reviewer] = await Promise.all([
    db.unit.findUniqueOrThrow({ where: { code: unitCode }, select: { id: true } }),
    db.task.findUniqueOrThrow({ where: { number: taskNumber }, select: { id: true } }),
    db.user.findUniqueOrThrow({ where: { username: "reviewer" }, select: { id: true } }),
  ]);
  const list = await db.measureList.create({
    data: {
      taskId: task.id,
      unitId: unit.id,
      year: 2027,
      role: "SUPPORT",
      status: "ACCEPTED",
      updatedById: reviewer.id,
      reviewedAt: new Date(),
      measures: {
        create: [
          {
            position: 0,
            text: `${unitCode} 任务 ${taskNumber} 的举措`,
            responsible: "测试 责任人",
            milestones: {
              create: steps.map((step, position) => ({
                position,
                title: step.title,
                plannedDate: day(step.planned),
                deliverable: "文件",
                status: step.status ?? (step.done ? "DONE" : "PLANNED"),
                doneDate: step.done ? day(step.done) : null,
              })),
            },
          },
        ],
      },
    },
    select: { id: true, measures: { select: { id: true, milestones: { select: { id: true, title: true } } } } },
  });
  lists.push(list.id);
  for (const step of steps.filter((candidate) => candidate.verified)) {
    const milestone = list.measures[0]!.milestones.find((candidate) => candidate.title === step.title)!;
    await db.completionCheck.create({
      data: {
        subject: "MILESTONE",
        milestoneId: milestone.id,
        checkedOn: day(step.done!),
        method: "DOCUMENTS",
        passed: true,
        finding: "资料齐全",
        verifierId: reviewer.id,
      },
    });
  }
}

beforeAll(async () => {
  process.env.APP_TODAY = TODAY;
  // 上饶市: 2 due, both on time (one verified) → 100 %; one 滞后-free future milestone due soon.
  await acceptedList("shangrao", 19, [
    { title: "上饶节点一", planned: "2027-03-31", done: "2027-03-30", verified: true },
    { title: "上饶节点二", planned: "2027-05-31", done: "2027-05-31" },
    { title: "上饶节点三", planned: "2027-07-20" },
  ]);
  // 抚州市: 2 due, 1 on time → 50 %; the other done late.
  await acceptedList("fuzhou", 19, [
    { title: "抚州节点一", planned: "2027-03-31", done: "2027-03-31" },
    { title: "抚州节点二", planned: "2027-04-30", done: "2027-05-10" },
  ]);
  // 宜春市: 4 due, 2 on time → 50 %, tied with 抚州市; one 滞后 (task 19), one LATE (task 44), a dropped one not counted.
  await acceptedList("yichun", 19, [
    { title: "宜春节点一", planned: "2027-01-31", done: "2027-01-15" },
    { title: "宜春节点二", planned: "2027-02-28", done: "2027-02-28" },
    { title: "宜春节点三", planned: "2027-06-15" },
    { title: "宜春节点四", planned: "2027-06-01", status: "DROPPED" },
  ]);
  await acceptedList("yichun", 44, [
    { title: "宜春节点五", planned: "2027-05-15", status: "LATE" },
    { title: "宜春节点六", planned: "2027-07-31" },
    { title: "宜春节点七", planned: "2027-12-31" },
  ]);
  // 景德镇市: nothing due yet → not ranked.
  await acceptedList("jingdezhen", 19, [{ title: "景德镇节点一", planned: "2027-10-31" }]);
  // 省气象局: 1 due, missed → 0 %.
  await acceptedList("qxj", 19, [{ title: "气象节点一", planned: "2027-06-30" }]);
});

afterAll(async () => {
  delete process.env.APP_TODAY;
  await db.completionCheck.deleteMany({ where: { milestone: { measure: { listId: { in: lists } } } } });
  await db.measureList.deleteMany({ where: { id: { in: lists } } });
  await db.$disconnect();
});

describe("the day milestones are judged on", () => {
  it("is APP_TODAY when set, for chinaToday() and the dashboards' moment alike", async () => {
    expect(chinaToday()).toBe(TODAY);
    const moment = await momentFor();
    expect(moment.today).toBe(TODAY);
    expect(moment.collecting).toEqual({ year: 2027, quarter: 2 });
    expect(moment.asOf.toISOString()).toBe("2027-07-01T16:00:00.000Z");
  });
});

describe("lights per unit", () => {
  it("counts a unit's accepted milestones per light on the day judged", async () => {
    const { today, counts, total } = await milestoneLightCounts({ unitCode: "yichun" });
    expect(today).toBe(TODAY);
    expect(total).toBe(7);
    expect(counts).toEqual({ OVERDUE: 2, DUE_SOON: 1, ON_TRACK: 1, DONE_UNVERIFIED: 2, VERIFIED: 0, DROPPED: 1 });
    expect((await milestoneLightCounts({ unitCode: "shangrao" })).counts).toMatchObject({ VERIFIED: 1, DONE_UNVERIFIED: 1, DUE_SOON: 1 });
  });

  it("narrows to a section's tasks", async () => {
    const task44 = await db.task.findUniqueOrThrow({ where: { number: 44 }, select: { section: { select: { number: true } } } });
    const task19 = await db.task.findUniqueOrThrow({ where: { number: 19 }, select: { section: { select: { number: true } } } });
    expect(task44.section.number).not.toBe(task19.section.number);
    const { counts, total } = await milestoneLightCounts({ unitCode: "yichun", section: task44.section.number });
    expect(total).toBe(3);
    expect(counts).toMatchObject({ OVERDUE: 1, DUE_SOON: 1, ON_TRACK: 1 });
  });

  it("gives 我的待办 the unit's 滞后 and 即将到期 milestones, earliest first, and each task's lagging count", async () => {
    const yichun = await db.unit.findUniqueOrThrow({ where: { code: "yichun" }, select: { id: true } });
    const alerts = await listUnitMilestoneAlerts(yichun.id, TODAY);
    expect(alerts.map((alert) => [alert.task.number, alert.title, alert.plannedDate, alert.light, alert.year])).toEqual([
      [44, "宜春节点五", "2027-05-15", "OVERDUE", 2027],
      [19, "宜春节点三", "2027-06-15", "OVERDUE", 2027],
      [44, "宜春节点六", "2027-07-31", "DUE_SOON", 2027],
    ]);
    const staff = await db.user.findUniqueOrThrow({ where: { username: "yichun" }, select: { id: true } });
    const todo = (await getUnitTodo((await findActiveSessionUser(staff.id))!, {}))!;
    expect(todo.milestones).toEqual(alerts);
    expect(todo.laggingMilestones.get(44)).toBe(1);
    expect(todo.laggingMilestones.get(19)).toBe(1);
    expect(todo.laggingMilestones.get(20)).toBeUndefined();
  });
});

describe("the share of milestones on time", () => {
  it("ranks cities by their share, equal shares tied, cities with nothing due unranked", async () => {
    const view = await milestoneOnTimeView();
    expect(view.today).toBe(TODAY);
    const city = (code: string) => view.cities.find((row) => row.item.code === code)!;
    expect(city("shangrao")).toMatchObject({ tally: { due: 2, onTime: 2, onTimeVerified: 1 }, share: 100 });
    expect(city("fuzhou")).toMatchObject({ tally: { due: 2, onTime: 1, onTimeVerified: 0 }, share: 50, tied: true });
    expect(city("yichun")).toMatchObject({ tally: { due: 4, onTime: 2, onTimeVerified: 0 }, share: 50, tied: true });
    expect(city("yichun").rank).toBe(city("fuzhou").rank);
    expect(city("shangrao").rank!).toBeLessThan(city("fuzhou").rank!);
    expect(city("jingdezhen")).toMatchObject({ tally: { due: 0 }, share: null, rank: null });
    // Ranked ones first, best first; the unranked after them.
    const ranks = view.cities.map((row) => row.rank);
    expect(ranks.indexOf(null)).toBeGreaterThan(ranks.lastIndexOf(city("yichun").rank));
    expect(view.provincial.find((row) => row.item.code === "qxj")).toMatchObject({ tally: { due: 1, onTime: 0 }, share: 0 });
  });

  it("adds the units up per section and overall", async () => {
    const view = await milestoneOnTimeView();
    const task19 = await db.task.findUniqueOrThrow({ where: { number: 19 }, select: { section: { select: { number: true } } } });
    const section = view.sections.find((row) => row.item.number === task19.section.number)!;
    // At least this file's: 上饶 2/2, 抚州 1/2, 宜春 2/3 (task 19), 气象局 0/1 — plus any other file's accepted lists.
    expect(section.tally.due).toBeGreaterThanOrEqual(8);
    expect(section.tally.onTime).toBeGreaterThanOrEqual(5);
    expect(view.overall.due).toBeGreaterThanOrEqual(section.tally.due + 1);
  });
});
