/**
 * Automatic notices against the real database, with an injected day: 省能源局's desk officers get
 * "due in 7 days" for each report of the collecting quarter not yet submitted (once, however often
 * the job runs), submitting settles it, the closed quarter's unsubmitted reports come as urgent
 * notices with deliveries; the day's digest gathers a person's non-urgent notices into one delivery
 * per channel, once; an unsettled notice escalates after 3 China days to the unit's 单位负责人 and 3
 * days later to 省生态环境厅's reviewers, while a settled one does not.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findActiveSessionUser, type SessionUser } from "@/lib/auth/accounts";
import { getWindowSetting } from "@/lib/admin/settings";
import { addDays, chinaToday, formatQuarter, windowCloseDate, type Quarter } from "@/lib/core/quarters";
import { runDailyNotices } from "@/lib/notices/automatic";
import { runDailyDigest } from "@/lib/notices/digest";
import { runEscalations } from "@/lib/notices/escalate";
import { NOTICE_KINDS } from "@/lib/notices/kinds";
import { SUBJECTS } from "@/lib/notices/notice-rules";
import { saveReport } from "@/lib/reports/save-report";
import { saveReportSchema } from "@/lib/reports/schemas";
import { seededPrisma } from "../support/database";

const db = seededPrisma();
const UNIT = "nyj";
const QUARTER: Quarter = { year: 2029, quarter: 4 };
const LEAD_USERNAME = "nyj.lead.notice-automation-test";
const ADDRESS = `notice-automation-${Math.random().toString(36).slice(2, 8)}@meili.example.org`;
const started = new Date();

let staff: SessionUser;
let unitId = 0;
let leadId = 0;
let tasks: { id: number; number: number }[] = [];
let dueDay = "";
let closes = "";
let savedContact: { email: string | null; emailEnabled: boolean | null } | null = null;
let submittedReportId = 0;

const subjectOf = (taskId: number) => SUBJECTS.owedReport(unitId, taskId, QUARTER);
const noticesOf = (subject: string, userId = staff.id) =>
  db.notice.findMany({ where: { subject, userId }, orderBy: { id: "asc" }, include: { deliveries: true } });

beforeAll(async () => {
  const row = await db.user.findUniqueOrThrow({ where: { username: UNIT }, select: { id: true, unitId: true } });
  staff = (await findActiveSessionUser(row.id))!;
  unitId = row.unitId!;
  tasks = await db.task.findMany({
    where: { units: { some: { unitId } }, deadlineDate: { gte: new Date("2029-12-31T00:00:00Z") } },
    orderBy: { number: "asc" },
    select: { id: true, number: true },
  });
  expect(tasks.length).toBeGreaterThanOrEqual(2);
  const { windowDays } = await getWindowSetting();
  closes = windowCloseDate(QUARTER, windowDays);
  dueDay = addDays(closes, -7);
  const lead = await db.user.create({
    data: { username: LEAD_USERNAME, displayName: "省能源局单位负责人", role: "UNIT_LEAD", unitId, passwordHash: "-" },
    select: { id: true },
  });
  leadId = lead.id;
  savedContact = await db.contactPreference.findUnique({ where: { userId: staff.id }, select: { email: true, emailEnabled: true } });
  await db.contactPreference.upsert({
    where: { userId: staff.id },
    create: { userId: staff.id, email: ADDRESS, emailEnabled: true },
    update: { email: ADDRESS, emailEnabled: true },
  });
});

afterAll(async () => {
  const unitUsers = await db.user.findMany({ where: { unitId }, select: { id: true } });
  const reviewers = await db.user.findMany({ where: { role: "REVIEWER" }, select: { id: true } });
  const userIds = [...unitUsers, ...reviewers].map((user) => user.id);
  await db.noticeDelivery.deleteMany({
    where: { OR: userIds.map((id) => ({ dedupeKey: { startsWith: `digest:${id}:` }, createdAt: { gte: started } })) },
  });
  // Escalation test moved some back three days: the unit's own subjects find those.
  await db.notice.deleteMany({
    where: {
      userId: { in: userIds },
      kind: { in: Object.values(NOTICE_KINDS).filter((kind) => kind !== NOTICE_KINDS.reportReturned) },
      OR: [{ createdAt: { gte: started } }, { subject: { startsWith: `ProgressReport:${unitId}:` } }],
    },
  });
  if (submittedReportId) await db.progressReport.deleteMany({ where: { id: submittedReportId } });
  if (savedContact) await db.contactPreference.update({ where: { userId: staff.id }, data: savedContact });
  else await db.contactPreference.deleteMany({ where: { userId: staff.id } });
  await db.user.delete({ where: { id: leadId } });
  await db.$disconnect();
});

describe("automatic notices", () => {
  it("tells the desk officers 7 days before the window closes about each report owed and not submitted, once", async () => {
    await runDailyNotices(dueDay, { unitIds: [unitId] });
    for (const task of tasks) {
      const [notice, ...more] = await noticesOf(subjectOf(task.id));
      expect(more).toEqual([]);
      expect(notice).toMatchObject({ kind: "report.due", urgent: false, escalationLevel: 0, settledAt: null });
      expect(notice!.dedupeKey).toBe(`report.due:7:${unitId}:${task.id}:${formatQuarter(QUARTER)}:u${staff.id}`);
      expect(notice!.title).toContain(`还有 7 天截止：任务 ${task.number}`);
      expect(notice!.body).toContain(closes);
      expect(notice!.deliveries).toEqual([]);
    }
    const before = await db.notice.count({ where: { userId: staff.id } });
    expect(await runDailyNotices(dueDay, { unitIds: [unitId] })).toEqual({ written: 0 });
    expect(await db.notice.count({ where: { userId: staff.id } })).toBe(before);
  });

  it("settles the notice when the report is submitted", async () => {
    const task = tasks[0]!;
    const input = saveReportSchema.parse({
      taskNumber: String(task.number),
      quarter: formatQuarter(QUARTER),
      version: "0",
      intent: "submit",
      progressState: "ON_TRACK",
      percent: "60",
      progress: "本季度按计划推进。",
    });
    const saved = await saveReport(input, staff, dueDay);
    submittedReportId = saved.id;
    const [notice] = await noticesOf(subjectOf(task.id));
    expect(notice!.settledAt).not.toBeNull();
    const [other] = await noticesOf(subjectOf(tasks[1]!.id));
    expect(other!.settledAt).toBeNull();
  });

  it("sends the closed quarter's unsubmitted reports as urgent notices with their deliveries", async () => {
    await runDailyNotices(addDays(closes, 1), { unitIds: [unitId] });
    const overdue = (await noticesOf(subjectOf(tasks[1]!.id))).filter((notice) => notice.kind === NOTICE_KINDS.reportOverdue);
    expect(overdue).toHaveLength(1);
    expect(overdue[0]!.urgent).toBe(true);
    expect(overdue[0]!.title).toContain("已逾期");
    expect(overdue[0]!.deliveries.map((delivery) => [delivery.channel, delivery.address])).toEqual([["EMAIL", ADDRESS]]);
    // The submitted one is not overdue.
    expect((await noticesOf(subjectOf(tasks[0]!.id))).some((notice) => notice.kind === NOTICE_KINDS.reportOverdue)).toBe(false);
  });

  it("gathers a person's day of non-urgent notices into one digest delivery per channel, once", async () => {
    const day = addDays(closes, 1);
    const open = await db.notice.findMany({
      where: { userId: staff.id, urgent: false, digestedAt: null },
      orderBy: { id: "asc" },
      select: { id: true },
    });
    expect(open.length).toBeGreaterThanOrEqual(2);
    await runDailyDigest(day, { userIds: [staff.id] });
    const digests = await db.noticeDelivery.findMany({ where: { dedupeKey: { startsWith: `digest:${staff.id}:${day}:` } } });
    expect(digests).toHaveLength(1);
    expect(digests[0]).toMatchObject({ noticeId: null, channel: "EMAIL", address: ADDRESS, dedupeKey: `digest:${staff.id}:${day}:EMAIL` });
    expect(digests[0]!.digest).toEqual({ userId: staff.id, day, notices: open.map((notice) => notice.id) });
    expect(await db.notice.count({ where: { id: { in: open.map((notice) => notice.id) }, digestedAt: null } })).toBe(0);
    expect(await runDailyDigest(day, { userIds: [staff.id] })).toEqual({ deliveries: 0, notices: 0 });
    expect(await db.noticeDelivery.count({ where: { dedupeKey: { startsWith: `digest:${staff.id}:` } } })).toBe(1);
    // The urgent overdue notices were delivered at once, not in the digest.
    const urgent = await db.notice.findMany({
      where: { userId: staff.id, urgent: true, createdAt: { gte: started } },
      select: { id: true },
    });
    expect(urgent.some((notice) => open.some((o) => o.id === notice.id))).toBe(false);
  });

  it("escalates an unsettled notice after 3 China days to the 单位负责人, 3 days later to the reviewers; a settled one never", async () => {
    const today = chinaToday(new Date());
    const threeDaysAgo = new Date(Date.now() - 3 * 86_400_000);
    await db.notice.updateMany({ where: { userId: staff.id, createdAt: { gte: started } }, data: { createdAt: threeDaysAgo } });
    const scope = { userIds: [staff.id, leadId] };
    const open = subjectOf(tasks[1]!.id);
    const settled = subjectOf(tasks[0]!.id);

    await runEscalations(addDays(today, -1), scope);
    expect(await db.notice.count({ where: { subject: open, escalationLevel: { gt: 0 } } })).toBe(0);

    await runEscalations(today, scope);
    const [original] = await noticesOf(open);
    const leadNotices = await db.notice.findMany({ where: { subject: open, escalationLevel: 1 }, include: { deliveries: true } });
    expect(leadNotices.length).toBeGreaterThanOrEqual(1);
    expect(leadNotices.every((notice) => notice.userId === leadId && notice.urgent)).toBe(true);
    expect(leadNotices.map((notice) => notice.escalatedFromId)).toContain(original!.id);
    expect(leadNotices[0]!.title).toMatch(/^【督促】/);
    expect(await db.notice.count({ where: { subject: settled, escalationLevel: { gt: 0 } } })).toBe(0);
    const audit = await db.auditLog.findFirst({ where: { action: "notice.escalate", actorId: null }, orderBy: { id: "desc" } });
    expect(audit).not.toBeNull();

    // Run again the same day: each level once.
    await runEscalations(today, scope);
    expect(await db.notice.count({ where: { subject: open, escalationLevel: 1 } })).toBe(leadNotices.length);
    expect(await db.notice.count({ where: { subject: open, escalationLevel: 2 } })).toBe(0);

    await runEscalations(addDays(today, 3), scope);
    const reviewerNotices = await db.notice.findMany({
      where: { subject: open, escalationLevel: 2 },
      include: { user: { select: { role: true } } },
    });
    const reviewers = await db.user.count({ where: { role: "REVIEWER", active: true } });
    expect(reviewerNotices.filter((notice) => notice.kind === NOTICE_KINDS.reportDue)).toHaveLength(reviewers);
    expect(reviewerNotices.every((notice) => notice.user.role === "REVIEWER" && notice.urgent)).toBe(true);
    expect(reviewerNotices.map((notice) => notice.escalatedFromId)).toEqual(
      expect.arrayContaining([leadNotices.find((notice) => notice.kind === NOTICE_KINDS.reportDue)!.id]),
    );
    expect(await db.notice.count({ where: { subject: settled, escalationLevel: { gt: 0 } } })).toBe(0);
  });

  it("settles the escalations with their original", async () => {
    const open = subjectOf(tasks[1]!.id);
    const input = saveReportSchema.parse({
      taskNumber: String(tasks[1]!.number),
      quarter: formatQuarter(QUARTER),
      version: "0",
      intent: "submit",
      progressState: "ON_TRACK",
      percent: "40",
      progress: "补报本季度进展。",
    });
    const saved = await saveReport(input, staff, addDays(closes, 1));
    expect(await db.notice.count({ where: { subject: open, settledAt: null } })).toBe(0);
    await db.progressReport.delete({ where: { id: saved.id } });
  });
});
