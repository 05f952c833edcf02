/**
 * 本季度变化 on a real database: what happened in the period is what the brief lists — a report
 * submitted and accepted, one returned, a 催办, an indicator value accepted — each written through
 * the app's own functions, and read back from the brief's data function.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findActiveSessionUser, type SessionUser } from "@/lib/auth/accounts";
import { quarterBrief } from "@/lib/dashboard/brief";
import { saveReport } from "@/lib/reports/save-report";
import { saveReportSchema } from "@/lib/reports/schemas";
import { reviewReports } from "@/lib/review/review-reports";
import { reviewSchema } from "@/lib/review/schemas";
import { sendReminders } from "@/lib/reminders/reminders";
import { reminderSchema } from "@/lib/reminders/schemas";
import { chinaToday } from "@/lib/core/quarters";
import { seededPrisma } from "../support/database";

const db = seededPrisma();
const users: Record<string, SessionUser> = {};
const reportIds: number[] = [];
let observationId = 0;
let taskAccepted = 0;
let taskReturned = 0;
let sectionOfAccepted = 0;

beforeAll(async () => {
  for (const username of ["fuzhou", "reviewer"]) {
    const row = await db.user.findUniqueOrThrow({ where: { username }, select: { id: true } });
    users[username] = (await findActiveSessionUser(row.id))!;
  }
  // Two tasks still running in 2026Q3 (every city carries every task).
  const running = await db.task.findMany({
    where: { deadlineDate: { gte: new Date("2027-12-31") } },
    orderBy: { number: "desc" },
    take: 2,
    select: { number: true, section: { select: { number: true } } },
  });
  [taskAccepted, taskReturned] = running.map((task) => task.number) as [number, number];
  sectionOfAccepted = running[0]!.section.number;
});

afterAll(async () => {
  await db.indicatorObservation.deleteMany({ where: { id: observationId } });
  await db.progressReport.deleteMany({ where: { id: { in: reportIds } } });
  await db.$disconnect();
});

async function submit(task: number) {
  const fields = {
    taskNumber: String(task),
    quarter: "2026Q3",
    progressState: "ON_TRACK",
    percent: "40",
    progress: "按计划推进（简报测试）。",
  };
  const saved = await saveReport(saveReportSchema.parse({ ...fields, version: "0", intent: "submit" }), users.fuzhou!, chinaToday());
  reportIds.push(saved.id);
  return saved;
}

const review = (decision: "accept" | "return", ref: { id: number; version: number }) =>
  reviewReports(
    reviewSchema.parse({ reports: `${ref.id}:${ref.version}`, decision, comment: decision === "return" ? "请补充佐证材料" : "" }),
    users.reviewer!,
  );

describe("the quarterly brief", () => {
  it("lists the reports received, accepted and returned, the 催办 sent and the indicator value accepted in the period", async () => {
    const before = await quarterBrief();
    const unitBefore = before.reports.units.find((unit) => unit.unit === "抚州市");
    const sectionBefore = before.reports.sections.find((section) => section.section === sectionOfAccepted);

    await review("accept", await submit(taskAccepted));
    await review("return", await submit(taskReturned));
    await sendReminders(
      reminderSchema.parse({ units: ["fuzhou"], quarter: "2026Q3", level: "REMIND", message: "请尽快补报（简报测试）。" }),
      users.reviewer!,
    );
    const pm25 = await db.indicator.findUniqueOrThrow({ where: { code: "PM25" }, select: { id: true } });
    observationId = (
      await db.indicatorObservation.create({
        data: {
          indicatorId: pm25.id,
          area: "fuzhou",
          year: 2026,
          value: 25.8,
          source: "简报测试",
          status: "ACCEPTED",
          reviewedAt: new Date(),
        },
        select: { id: true },
      })
    ).id;

    const brief = await quarterBrief();
    const unit = brief.reports.units.find((row) => row.unit === "抚州市")!;
    expect(unit).toBeDefined();
    expect(unit.received - (unitBefore?.received ?? 0)).toBe(2);
    expect(unit.accepted - (unitBefore?.accepted ?? 0)).toBe(1);
    expect(unit.returned - (unitBefore?.returned ?? 0)).toBe(1);
    expect(unit.acceptedTasks).toContainEqual({ task: taskAccepted, quarter: { year: 2026, quarter: 3 } });
    expect(unit.returnedTasks).toContainEqual({ task: taskReturned, quarter: { year: 2026, quarter: 3 } });
    expect(unit.acceptedTasks).not.toContainEqual({ task: taskReturned, quarter: { year: 2026, quarter: 3 } });
    const section = brief.reports.sections.find((row) => row.section === sectionOfAccepted)!;
    expect(section.accepted - (sectionBefore?.accepted ?? 0)).toBeGreaterThanOrEqual(1);
    expect(brief.reports.totals.accepted - before.reports.totals.accepted).toBeGreaterThanOrEqual(1);

    expect(brief.reminders).toContainEqual(
      expect.objectContaining({ unit: "抚州市", level: "REMIND", quarter: { year: 2026, quarter: 3 } }),
    );
    expect(brief.values).toContainEqual(
      expect.objectContaining({ area: "抚州市", value: "25.8", measureUnit: "微克/立方米", period: "2026年" }),
    );
    // 抚州市 has reported two of its 2026Q3 tasks: it still owes the rest of the last closed quarter.
    const late = brief.late.find((row) => row.unit === "抚州市");
    expect(late).toBeDefined();
    expect(late!.submitted).toBeGreaterThanOrEqual(2);
    expect(late!.submitted).toBeLessThan(late!.owed);
  });

  it("counts a report returned and accepted since as both returned and accepted, once each", async () => {
    const returned = await db.progressReport.findUniqueOrThrow({ where: { id: reportIds[1]! }, select: { id: true, version: true } });
    const fields = {
      taskNumber: String(taskReturned),
      quarter: "2026Q3",
      progressState: "ON_TRACK",
      percent: "45",
      progress: "已补充佐证材料（简报测试）。",
    };
    const resubmitted = await saveReport(
      saveReportSchema.parse({ ...fields, version: String(returned.version), intent: "submit" }),
      users.fuzhou!,
      chinaToday(),
    );
    await review("accept", resubmitted);
    const unit = (await quarterBrief()).reports.units.find((row) => row.unit === "抚州市")!;
    const ofTask = (list: typeof unit.acceptedTasks) => list.filter((report) => report.task === taskReturned);
    expect(ofTask(unit.acceptedTasks)).toHaveLength(1);
    expect(ofTask(unit.returnedTasks)).toHaveLength(1);
  });
});
