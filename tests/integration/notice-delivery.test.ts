/**
 * Notices that are delivered, against the real database, a real SMTP server (smtp-server on a
 * random port) and a local HTTP receiver: a returned report yields one Chinese e-mail and one signed
 * webhook call to each of the unit's staff; with the mail server down the e-mail is retried, every
 * attempt logged, and sent exactly once when it is back — also with two job queues (two app
 * instances) relaying at the same time, and with relays racing each other directly. A delivery
 * that fails for good is queued again by the admin (audited); a digest waits for the end of the
 * recipient's quiet hours. The queue runs in a pg-boss schema of its own, dropped at the end, with
 * short test-only retry delays passed as options.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findActiveSessionUser, type SessionUser } from "@/lib/auth/accounts";
import { StaleWriteError } from "@/lib/core/errors";
import { quarterLabel } from "@/lib/core/quarters";
import { startJobQueue, type JobQueue } from "@/lib/jobs/queue";
import { relayDueDeliveries, type RelayOptions } from "@/lib/notices/delivery";
import { requeueDelivery } from "@/lib/notices/delivery-log";
import { saveContactPreference } from "@/lib/notices/contact";
import { notify } from "@/lib/notices/notify";
import { listInbox, markAllNoticesRead, markNoticesRead, unreadNoticeCount } from "@/lib/notices/inbox";
import { contactPreferenceSchema, webhookSettingSchema } from "@/lib/notices/schemas";
import { verifySignature } from "@/lib/notices/webhook-signature";
import { getWebhookSetting, saveWebhookSetting } from "@/lib/notices/webhook-settings";
import { saveReport } from "@/lib/reports/save-report";
import { saveReportSchema } from "@/lib/reports/schemas";
import { reviewReports } from "@/lib/review/review-reports";
import { reviewSchema } from "@/lib/review/schemas";
import { backupDatabase } from "../../scripts/lib/backup";
import { seededDatabaseUrl, seededPrisma, withPg } from "../support/database";
import { startHttpReceiver, startSmtpPeer, type HttpReceiver, type ReceivedMail, type SmtpPeer } from "../support/notice-peers";

const db = seededPrisma();
const UNIT = "xinyu";
const QUARTER = "2025Q1";
const TODAY = "2026-11-25";
const SECRET = "test-webhook-secret-0123456789";
const BASE_URL = "https://meili.example.org";
const ADDRESS = `notice-test-${Math.random().toString(36).slice(2, 8)}@meili.example.org`;
const PHONE = "13800000000";
const QUEUE_SCHEMA = `pgboss_test_${Math.random().toString(36).slice(2, 8)}`;

let smtp: SmtpPeer;
let receiver: HttpReceiver;
let staff: SessionUser;
let reviewer: SessionUser;
let admin: SessionUser;
let taskNumber = 0;
let reportId = 0;
let savedContact: { email: string | null; webhookAddress: string | null; webhookEnabled: boolean | null } | null = null;
const queues: JobQueue[] = [];

/** Short, test-only retries: the production defaults stay as they are. */
const fast = (maxAttempts = 200): RelayOptions => ({
  smtpUrl: smtp.url,
  baseUrl: BASE_URL,
  policy: { maxAttempts, firstDelayMs: 100, maxDelayMs: 400 },
  webhookTimeoutMs: 2_000,
});

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const mailsOf = (deliveryId: number): ReceivedMail[] =>
  smtp.messages.filter((mail) => mail.headers["x-meili-delivery"] === String(deliveryId));
const callsOf = (deliveryId: number) => receiver.calls.filter((call) => call.headers["x-meili-delivery"] === String(deliveryId));
const delivery = (id: number) => db.noticeDelivery.findUniqueOrThrow({ where: { id }, include: { log: { orderBy: { id: "asc" } } } });

async function startQueue(): Promise<JobQueue> {
  const queue = await startJobQueue({
    connectionString: seededDatabaseUrl(),
    schema: QUEUE_SCHEMA,
    jobs: [],
    relayEverySeconds: 1,
    relay: fast(),
    pollingSeconds: 0.5,
    log: () => {},
  });
  queues.push(queue);
  return queue;
}

async function stopQueues(): Promise<void> {
  while (queues.length) await queues.pop()!.stop(5_000);
}

/** The staff submit the task's report (again) and the reviewer returns it: the report's new version. */
async function submitAndReturn(comment: string): Promise<number> {
  const current = await db.progressReport.findFirst({
    where: { task: { number: taskNumber }, unit: { code: UNIT }, year: 2025, quarter: 1 },
    select: { id: true, version: true },
  });
  const saved = await saveReport(
    saveReportSchema.parse({
      taskNumber: String(taskNumber),
      quarter: QUARTER,
      version: String(current?.version ?? 0),
      intent: "submit",
      progressState: "ON_TRACK",
      percent: "40",
      progress: "按计划推进。",
    }),
    staff,
    TODAY,
  );
  reportId = saved.id;
  const submitted = await db.progressReport.findUniqueOrThrow({ where: { id: saved.id }, select: { version: true } });
  await reviewReports(reviewSchema.parse({ reports: `${saved.id}:${submitted.version}`, decision: "return", comment }), reviewer);
  return submitted.version + 1;
}

/** The staff member's notice about the report's return at `version`, with its deliveries. */
const returnedNotice = (version: number) =>
  db.notice.findUniqueOrThrow({
    where: { dedupeKey: `report.returned:${reportId}:v${version}:u${staff.id}` },
    include: { deliveries: { orderBy: { channel: "asc" } } },
  });

beforeAll(async () => {
  smtp = await startSmtpPeer();
  receiver = await startHttpReceiver();
  for (const [username, set] of [
    [UNIT, (user: SessionUser) => (staff = user)],
    ["reviewer", (user: SessionUser) => (reviewer = user)],
    ["admin", (user: SessionUser) => (admin = user)],
  ] as const) {
    const row = await db.user.findUniqueOrThrow({ where: { username }, select: { id: true } });
    set((await findActiveSessionUser(row.id))!);
  }
  // A one-level task of the unit with no report of the quarter yet (the run's other files leave theirs).
  const task = await db.task.findFirstOrThrow({
    where: {
      reviewLevels: 1,
      units: { some: { unit: { code: UNIT } } },
      deadlineDate: { gte: new Date("2026-01-01") },
      reports: { none: { unit: { code: UNIT }, year: 2025, quarter: 1 } },
    },
    orderBy: { number: "asc" },
    select: { number: true },
  });
  taskNumber = task.number;
  savedContact = await db.contactPreference.findUnique({
    where: { userId: staff.id },
    select: { email: true, webhookAddress: true, webhookEnabled: true },
  });
  await db.contactPreference.upsert({
    where: { userId: staff.id },
    create: { userId: staff.id, email: ADDRESS, webhookAddress: PHONE, webhookEnabled: true },
    update: { email: ADDRESS, webhookAddress: PHONE, webhookEnabled: true, quietStart: null, quietEnd: null },
  });
  const webhook = await db.setting.findUnique({ where: { key: "noticeWebhook" }, select: { version: true } });
  await saveWebhookSetting(
    webhookSettingSchema.parse({ url: receiver.url, secretPassword: SECRET, enabled: "on", version: String(webhook?.version ?? 0) }),
    admin.id,
  );
});

afterAll(async () => {
  await stopQueues();
  await db.notice.deleteMany({ where: { userId: staff.id } });
  await db.noticeDelivery.deleteMany({ where: { address: ADDRESS } });
  await db.progressReport.deleteMany({ where: { task: { number: taskNumber }, unit: { code: UNIT }, year: 2025, quarter: 1 } });
  if (savedContact)
    await db.contactPreference.update({ where: { userId: staff.id }, data: { ...savedContact, quietStart: null, quietEnd: null } });
  else await db.contactPreference.deleteMany({ where: { userId: staff.id } });
  await db.setting.deleteMany({ where: { key: "noticeWebhook" } });
  await withPg(seededDatabaseUrl(), (client) => client.query(`DROP SCHEMA IF EXISTS "${QUEUE_SCHEMA}" CASCADE`));
  await Promise.all([smtp.stop(), receiver.close()]);
  await db.$disconnect();
});

describe("a returned report", () => {
  it("notifies the unit's staff in the inbox and sends one Chinese e-mail and one signed webhook call", async () => {
    const version = await submitAndReturn("请补充第一季度的佐证材料。");
    const notice = await returnedNotice(version);
    const quarter = quarterLabel({ year: 2025, quarter: 1 });
    expect(notice).toMatchObject({
      kind: "report.returned",
      urgent: true,
      readAt: null,
      href: `/reports/${reportId}`,
      title: `进展报告被退回：任务 ${taskNumber}（${quarter}）`,
      subject: `ProgressReport:${reportId}`,
    });
    expect(notice.body).toContain("已被省生态环境厅退回");
    expect(notice.body).toContain("意见：请补充第一季度的佐证材料。");
    expect(notice.deliveries.map((row) => [row.channel, row.address, row.status])).toEqual([
      ["EMAIL", ADDRESS, "PENDING"],
      ["WEBHOOK", PHONE, "PENDING"],
    ]);
    const [email, webhook] = notice.deliveries as [(typeof notice.deliveries)[0], (typeof notice.deliveries)[0]];

    await startQueue();
    await until("both deliveries sent", async () => {
      const rows = await db.noticeDelivery.findMany({ where: { id: { in: [email.id, webhook.id] } }, select: { status: true } });
      return rows.every((row) => row.status === "SENT");
    });
    await stopQueues();

    const mails = mailsOf(email.id);
    expect(mails).toHaveLength(1);
    const [mail] = mails as [ReceivedMail];
    expect(mail.envelopeTo).toEqual([ADDRESS]);
    expect(mail.headers.to).toContain(ADDRESS);
    expect(mail.headers.to).toContain(staff.displayName);
    expect(mail.headers.from).toContain("美丽江西建设推进管理平台");
    expect(mail.subject).toBe(`【美丽江西】进展报告被退回：任务 ${taskNumber}（${quarter}）`);
    expect(mail.text).toContain(`${staff.displayName}：`);
    expect(mail.text).toContain("意见：请补充第一季度的佐证材料。");
    expect(mail.text).toContain(`办理入口：${BASE_URL}/reports/${reportId}`);
    expect(mail.html).toContain(`<a href="${BASE_URL}/reports/${reportId}">`);

    const calls = callsOf(webhook.id);
    expect(calls).toHaveLength(1);
    const [call] = calls as [(typeof calls)[0]];
    expect(call.headers["content-type"]).toMatch(/^application\/json/);
    expect(verifySignature(call.rawBody, SECRET, call.headers["x-meili-signature"] as string)).toBe(true);
    expect(verifySignature(call.rawBody, "not-the-secret-0000000", call.headers["x-meili-signature"] as string)).toBe(false);
    expect(JSON.parse(call.rawBody)).toEqual({
      id: notice.id,
      kind: "report.returned",
      title: notice.title,
      body: notice.body,
      href: `${BASE_URL}/reports/${reportId}`,
      to: PHONE,
      urgent: true,
      createdAt: notice.createdAt.toISOString(),
    });

    for (const id of [email.id, webhook.id]) {
      const row = await delivery(id);
      expect(row).toMatchObject({ status: "SENT", attempts: 1 });
      expect(row.sentAt).not.toBeNull();
      expect(row.log.map((attempt) => attempt.ok)).toEqual([true]);
    }
    expect((await delivery(email.id)).log[0]!.response).toMatch(/^250/);
    expect((await delivery(webhook.id)).log[0]!.response).toMatch(/^HTTP 200/);
  });

  it("is retried while the mail server is down and e-mailed exactly once when it is back, with two queues relaying", async () => {
    await smtp.stop();
    const version = await submitAndReturn("数据与上季度不一致，请核实。");
    const notice = await returnedNotice(version);
    const email = notice.deliveries.find((row) => row.channel === "EMAIL")!;
    const webhook = notice.deliveries.find((row) => row.channel === "WEBHOOK")!;

    // Two app instances: two pg-boss instances on the same database and schema, both relaying.
    await Promise.all([startQueue(), startQueue()]);
    const retrying = await until("the e-mail retried a few times", async () => {
      const row = await delivery(email.id);
      return row.status === "RETRYING" && row.log.length >= 3 ? row : null;
    });
    expect(retrying.attempts).toBe(retrying.log.length);
    expect(retrying.log.every((attempt) => !attempt.ok && /ECONNREFUSED/.test(attempt.response))).toBe(true);
    expect(retrying.notBefore.getTime()).toBeGreaterThan(retrying.log.at(-1)!.at.getTime());
    // The gateway was up all along: its call went out at once.
    await until("the webhook call", async () => (await delivery(webhook.id)).status === "SENT");

    await smtp.start();
    const sent = await until("the e-mail sent", async () => {
      const row = await delivery(email.id);
      return row.status === "SENT" ? row : null;
    });
    // Both queues keep relaying for a while: nothing more may go out.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    await stopQueues();

    expect(mailsOf(email.id)).toHaveLength(1);
    expect(mailsOf(email.id)[0]!.text).toContain("意见：数据与上季度不一致，请核实。");
    expect(callsOf(webhook.id)).toHaveLength(1);
    const final = await delivery(email.id);
    expect(final).toMatchObject({ status: "SENT", attempts: sent.attempts });
    expect(final.log.length).toBe(final.attempts);
    expect(final.log.filter((attempt) => attempt.ok)).toHaveLength(1);
    expect(final.log.at(-1)!.ok).toBe(true);
  });
});

describe("the outbox relay", () => {
  it("never sends a delivery twice when relays race each other", async () => {
    const ids = await db.$transaction(async (tx) => {
      const written: number[] = [];
      for (let index = 0; index < 8; index += 1) {
        written.push(
          ...(await notify(tx, [staff.id], {
            kind: "report.returned",
            title: `并发测试 ${index}`,
            body: "测试通知。",
            href: "/my",
            urgent: true,
          })),
        );
      }
      return written;
    });
    const deliveries = await db.noticeDelivery.findMany({ where: { noticeId: { in: ids } }, select: { id: true } });
    expect(deliveries).toHaveLength(16);
    await Promise.all(Array.from({ length: 5 }, () => relayDueDeliveries(fast())));
    for (const { id } of deliveries) {
      const row = await delivery(id);
      expect(row).toMatchObject({ status: "SENT", attempts: 1 });
      expect(row.log).toHaveLength(1);
      expect(mailsOf(id).length + callsOf(id).length).toBe(1);
    }
  });

  it("marks a delivery failed after its last attempt, and the admin's re-queue sends it (audited)", async () => {
    await smtp.stop();
    const [noticeId] = await db.$transaction((tx) =>
      notify(tx, [staff.id], { kind: "report.returned", title: "重试上限测试", body: "测试通知。", urgent: true }),
    );
    const email = await db.noticeDelivery.findFirstOrThrow({ where: { noticeId, channel: "EMAIL" } });
    await until("the delivery failed", async () => {
      await relayDueDeliveries(fast(3));
      return (await delivery(email.id)).status === "FAILED";
    });
    expect((await delivery(email.id)).log.map((attempt) => attempt.ok)).toEqual([false, false, false]);
    // Failed is final: a relay leaves it alone.
    await relayDueDeliveries(fast(3));
    expect((await delivery(email.id)).log).toHaveLength(3);

    await smtp.start();
    await requeueDelivery(email.id, admin.id);
    expect(await delivery(email.id)).toMatchObject({ status: "PENDING", attempts: 0 });
    await expect(requeueDelivery(email.id, admin.id)).rejects.toThrow("只能重新发送失败的通知");
    const audit = await db.auditLog.findFirstOrThrow({
      where: { entity: "NoticeDelivery", entityId: String(email.id) },
      orderBy: { id: "desc" },
    });
    expect(audit).toMatchObject({ action: "notice.requeue", actorId: admin.id });
    await relayDueDeliveries(fast(3));
    const row = await delivery(email.id);
    expect(row).toMatchObject({ status: "SENT", attempts: 1 });
    expect(row.log.map((attempt) => attempt.ok)).toEqual([false, false, false, true]);
    expect(mailsOf(email.id)).toHaveLength(1);
  });

  it("holds a digest until the recipient's quiet hours end, then lists its notices in one e-mail", async () => {
    const [first, second] = await db.$transaction(async (tx) => [
      ...(await notify(tx, [staff.id], {
        kind: "report.due",
        title: "第一季度报告即将到期",
        body: "请于 4 月 10 日前报送。",
        href: "/my",
      })),
      ...(await notify(tx, [staff.id], { kind: "milestone.due", title: "节点即将到期", body: "请更新节点完成情况。" })),
    ]);
    const china = new Date(Date.now() + 8 * 3_600_000);
    const clock = (offsetHours: number) =>
      `${String((china.getUTCHours() + offsetHours + 24) % 24).padStart(2, "0")}:${String(china.getUTCMinutes()).padStart(2, "0")}`;
    await db.contactPreference.update({ where: { userId: staff.id }, data: { quietStart: clock(-1), quietEnd: clock(1) } });
    const digest = await db.noticeDelivery.create({
      data: {
        channel: "EMAIL",
        address: ADDRESS,
        digest: { userId: staff.id, day: "2026-12-02", notices: [first!, second!] },
        dedupeKey: `digest:${staff.id}:test:EMAIL`,
      },
    });
    await relayDueDeliveries(fast());
    const held = await delivery(digest.id);
    expect(held).toMatchObject({ status: "PENDING", attempts: 0 });
    expect(held.log).toHaveLength(0);
    expect(held.notBefore.getTime() - Date.now()).toBeGreaterThan(50 * 60_000);

    await db.contactPreference.update({ where: { userId: staff.id }, data: { quietStart: null, quietEnd: null } });
    await db.noticeDelivery.update({ where: { id: digest.id }, data: { notBefore: new Date() } });
    await relayDueDeliveries(fast());
    expect(await delivery(digest.id)).toMatchObject({ status: "SENT", attempts: 1 });
    const [mail] = mailsOf(digest.id) as [ReceivedMail];
    expect(mail.subject).toBe("【美丽江西】2026年12月2日待办汇总（2 条）");
    expect(mail.text).toMatch(/1\. 第一季度报告即将到期[\s\S]*2\. 节点即将到期/);
    expect(mail.text).toContain(`办理入口：${BASE_URL}/my`);
  });
});

describe("the inbox", () => {
  it("lists the person's own notices newest first and marks only their own read", async () => {
    const inbox = await listInbox(staff.id, 1);
    expect(inbox.total).toBeGreaterThan(10);
    expect(inbox.unread).toBe(await unreadNoticeCount(staff.id));
    const times = inbox.rows.map((row) => row.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const [newest] = inbox.rows as [(typeof inbox.rows)[0]];
    expect(await markNoticesRead(reviewer.id, [newest.id])).toBe(0);
    expect((await db.notice.findUniqueOrThrow({ where: { id: newest.id } })).readAt).toBeNull();
    expect(await markNoticesRead(staff.id, [newest.id])).toBe(1);
    expect((await listInbox(staff.id, 1)).unread).toBe(inbox.unread - 1);
    await markAllNoticesRead(staff.id);
    expect((await listInbox(staff.id, 1)).unread).toBe(0);
  });
});

describe("the queue's own schema", () => {
  it("is left out of a backup: its jobs are transient, the outbox lives in the app's tables", async () => {
    const count = (sql: string) => withPg(seededDatabaseUrl(), async (client) => (await client.query<{ n: number }>(sql)).rows[0]!.n);
    expect(await count(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = '${QUEUE_SCHEMA}'`)).toBeGreaterThan(
      0,
    );
    const dir = mkdtempSync(path.join(os.tmpdir(), "meili-backup-"));
    try {
      const summary = await backupDatabase(seededDatabaseUrl(), path.join(dir, "backup.gz"));
      expect(summary.tables).toBe(
        await count(
          `SELECT count(*)::int AS n FROM information_schema.tables
           WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`,
        ),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("notice settings", () => {
  it("show the gateway's secret only as set, keep it when left blank, and never write it to the audit log", async () => {
    const shown = await getWebhookSetting();
    expect(shown).toEqual({ url: receiver.url, enabled: true, secretSet: true, version: shown.version });
    expect(JSON.stringify(shown)).not.toContain(SECRET);
    await saveWebhookSetting(webhookSettingSchema.parse({ url: receiver.url, enabled: "on", version: String(shown.version) }), admin.id);
    const stored = await db.setting.findUniqueOrThrow({ where: { key: "noticeWebhook" } });
    expect(stored.value).toMatchObject({ secret: SECRET, enabled: true });
    const audits = await db.auditLog.findMany({
      where: { entity: "Setting", entityId: "noticeWebhook" },
      select: { before: true, after: true },
    });
    expect(audits.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(audits)).not.toContain(SECRET);
    expect(audits.at(-1)!.after).toMatchObject({ webhookSecret: "已设置", webhookOn: true });
    const refused = webhookSettingSchema.safeParse({ url: receiver.url, secretPassword: "short", version: "1" });
    expect(refused.error?.issues[0]?.message).toMatch(/共享密钥须为 16–200 个字符/);
  });

  it("are saved as the version loaded and audited; a stale save is refused", async () => {
    const current = await db.contactPreference.findUniqueOrThrow({ where: { userId: staff.id }, select: { version: true } });
    const input = (version: number, quietStart = "22:00") =>
      contactPreferenceSchema.parse({
        email: ADDRESS,
        webhookAddress: PHONE,
        emailEnabled: "on",
        webhookEnabled: "default",
        quietStart,
        quietEnd: "07:00",
        version: String(version),
      });
    await saveContactPreference(input(current.version), staff.id);
    expect(await db.contactPreference.findUniqueOrThrow({ where: { userId: staff.id } })).toMatchObject({
      emailEnabled: true,
      webhookEnabled: null,
      quietStart: "22:00",
      quietEnd: "07:00",
      version: current.version + 1,
    });
    const audit = await db.auditLog.findFirstOrThrow({
      where: { entity: "ContactPreference", entityId: String(staff.id) },
      orderBy: { id: "desc" },
    });
    expect(audit).toMatchObject({ action: "contact.update", actorId: staff.id });
    await expect(saveContactPreference(input(current.version, "23:00"), staff.id)).rejects.toBeInstanceOf(StaleWriteError);
    expect(contactPreferenceSchema.safeParse({ quietStart: "22:00", version: "1" }).error?.issues[0]?.message).toBe(
      "免打扰时段须同时填写开始和结束时间，或都不填",
    );
    expect(contactPreferenceSchema.safeParse({ email: "not-an-address", version: "1" }).error?.issues[0]?.message).toMatch(
      /邮箱地址格式不正确/,
    );
  });
});
