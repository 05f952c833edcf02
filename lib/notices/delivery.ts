import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "@/lib/core/zod";
import { db } from "@/lib/core/db";
import { env } from "@/lib/core/env";
import { isRealIsoDate } from "@/lib/core/schemas";
import { afterFailure, quietHoursOf, quietUntil, type RetryPolicy } from "./delivery-rules";
import { digestMail, digestPayload, noticeMail, noticePayload, type NoticeContent } from "./message";
import { postWebhook, sendMail, type SendResult } from "./transports";
import { webhookTarget } from "./webhook-settings";

/**
 * The outbox relay: sends the deliveries notify() wrote (and the daily digests), one at a time,
 * each claimed first, so that any number of relays — one per app instance, run by the job queue
 * (lib/jobs/queue.ts) — never send the same delivery twice. A claim is one conditional UPDATE of
 * a due row not locked by another claimer (`FOR UPDATE SKIP LOCKED`) that moves its notBefore past a
 * lease and names the claim in jobId; the result is written only under that claim, and SENT and
 * FAILED are final. Every attempt is logged with the other side's answer; a failure waits
 * (exponential, capped) and is tried again until the last attempt, then it is FAILED and the admin
 * may queue it again from the delivery log.
 *
 * A relay that dies between the other side's acceptance and its own write leaves the delivery to be
 * sent again once the lease is over (at least once, in that case only); the X-Meili-Delivery header
 * on every e-mail and call lets the receiver see the repeat.
 */

const OPEN = ["PENDING", "RETRYING"] as const;

export interface RelayOptions {
  policy?: RetryPolicy;
  /** null: no mail server (e-mail deliveries fail at once). */
  smtpUrl?: string | null;
  mailFrom?: string;
  baseUrl?: string;
  webhookTimeoutMs?: number;
  /** How long a claim keeps other relays off a delivery: longer than any one send can take. */
  leaseMs?: number;
  /** A run claims no further delivery after this long (the rest waits for the next run). */
  budgetMs?: number;
  /** Names this run's claims (the relay job's id). */
  runId?: string;
}

export interface RelaySummary {
  sent: number;
  retrying: number;
  failed: number;
  /** Put off to the end of the recipient's quiet hours. */
  postponed: number;
}

/** The address links in messages start with. */
export function publicBaseUrl(): string {
  const config = env();
  return config.APP_BASE_URL ?? config.NEXTAUTH_URL ?? `http://localhost:${config.PORT}`;
}

/** The production retry policy (lib/core/env.ts). */
export function configuredRetryPolicy(): RetryPolicy {
  const config = env();
  return {
    maxAttempts: config.NOTICE_MAX_ATTEMPTS,
    firstDelayMs: config.NOTICE_RETRY_SECONDS * 1000,
    maxDelayMs: Math.max(config.NOTICE_RETRY_MAX_SECONDS, config.NOTICE_RETRY_SECONDS) * 1000,
  };
}

interface Settings {
  policy: RetryPolicy;
  smtpUrl: string | null;
  mailFrom: string;
  baseUrl: string;
  webhookTimeoutMs: number;
  leaseMs: number;
  budgetMs: number;
  runId: string;
}

function settingsOf(options: RelayOptions): Settings {
  const config = env();
  return {
    policy: options.policy ?? configuredRetryPolicy(),
    smtpUrl: options.smtpUrl === undefined ? (config.SMTP_URL ?? null) : options.smtpUrl,
    mailFrom: options.mailFrom ?? config.MAIL_FROM,
    baseUrl: options.baseUrl ?? publicBaseUrl(),
    webhookTimeoutMs: options.webhookTimeoutMs ?? 10_000,
    leaseMs: options.leaseMs ?? 5 * 60_000,
    budgetMs: options.budgetMs ?? 60_000,
    runId: options.runId ?? randomUUID(),
  };
}

/**
 * Claims the next due delivery for `claim`, on the database's clock (the same for every instance),
 * or returns null when none is due or every due one is held by another relay.
 */
async function claimNext(claim: string, leaseMs: number): Promise<number | null> {
  const [row] = await db.$queryRaw<{ id: number }[]>`
    UPDATE "NoticeDelivery"
    SET "jobId" = ${claim}, "notBefore" = (now() AT TIME ZONE 'UTC') + ${leaseMs}::int * interval '1 millisecond'
    WHERE id = (
      SELECT id FROM "NoticeDelivery"
      WHERE status IN ('PENDING', 'RETRYING') AND "notBefore" <= (now() AT TIME ZONE 'UTC')
      ORDER BY "notBefore", id
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id`;
  return row?.id ?? null;
}

const digestSchema = z.object({
  userId: z.number().int().positive(),
  day: z.string().refine(isRealIsoDate),
  notices: z.array(z.number().int().positive()).min(1),
});

const noticeFields = { id: true, kind: true, title: true, body: true, href: true, urgent: true, createdAt: true } as const;

/** A delivery with everything its message needs, read in four queries at most. */
async function loadDelivery(id: number) {
  const delivery = await db.noticeDelivery.findUnique({
    where: { id },
    select: {
      id: true,
      channel: true,
      address: true,
      attempts: true,
      digest: true,
      createdAt: true,
      notice: { select: { ...noticeFields, userId: true } },
    },
  });
  if (!delivery) return null;
  const digest = delivery.notice ? null : digestSchema.safeParse(delivery.digest);
  const userId = delivery.notice?.userId ?? (digest?.success ? digest.data.userId : null);
  const recipient =
    userId === null
      ? null
      : await db.user.findUnique({
          where: { id: userId },
          select: {
            displayName: true,
            active: true,
            contact: { select: { quietStart: true, quietEnd: true } },
            unit: { select: { noticeDefault: { select: { quietStart: true, quietEnd: true } } } },
          },
        });
  const digestNotices: NoticeContent[] =
    digest?.success && userId !== null
      ? await db.notice.findMany({
          where: { id: { in: digest.data.notices }, userId },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          select: noticeFields,
        })
      : [];
  return { delivery, digest: digest?.success ? digest.data : null, recipient, digestNotices };
}

type Loaded = NonNullable<Awaited<ReturnType<typeof loadDelivery>>>;

/** Why a delivery cannot be sent at all, or null. */
function unsendable({ delivery, digest, recipient, digestNotices }: Loaded): string | null {
  if (!delivery.notice && !digest) return "汇总内容无效（digest 字段格式不正确），未发送";
  if (!recipient) return "收件人账号不存在，未发送";
  if (!recipient.active) return "收件人账号已停用，未发送";
  if (digest && digestNotices.length === 0) return "汇总中的通知已不存在，未发送";
  return null;
}

async function send(
  loaded: Loaded,
  settings: Settings,
  webhook: () => Promise<{ url: string; secret: string } | null>,
): Promise<SendResult> {
  const { delivery, digest, recipient, digestNotices } = loaded;
  const name = recipient!.displayName;
  if (delivery.channel === "EMAIL") {
    if (!settings.smtpUrl) return { ok: false, response: "未配置邮件服务器（SMTP_URL），未发送", permanent: true };
    const mail = delivery.notice
      ? noticeMail(delivery.notice, name, settings.baseUrl)
      : digestMail(digest!.day, digestNotices, name, settings.baseUrl);
    return sendMail(settings.smtpUrl, {
      ...mail,
      from: settings.mailFrom,
      to: { name, address: delivery.address },
      deliveryId: delivery.id,
    });
  }
  const target = await webhook();
  if (!target) return { ok: false, response: "消息推送未启用或未设置推送地址和密钥，未发送", permanent: true };
  const payload = delivery.notice
    ? noticePayload(delivery.notice, delivery.address, settings.baseUrl)
    : digestPayload(delivery, digest!.day, digestNotices, delivery.address, settings.baseUrl);
  return postWebhook({ url: target.url, secret: target.secret, deliveryId: delivery.id, payload, timeoutMs: settings.webhookTimeoutMs });
}

/** A bug while composing or sending still counts as an attempt, so a delivery cannot fail unrecorded forever. */
function internalFailure(error: unknown): SendResult {
  console.error("[notices] sending a delivery failed unexpectedly:", error);
  return { ok: false, response: `内部错误：${error instanceof Error ? error.message : String(error)}`.slice(0, 500), permanent: false };
}

/** The attempt's outcome, written only while `claim` still holds the delivery; the attempt is logged either way. */
async function record(id: number, claim: string, attempts: number, result: SendResult, policy: RetryPolicy): Promise<keyof RelaySummary> {
  const now = new Date();
  const outcome = result.ok ? ({ status: "SENT" } as const) : afterFailure(attempts, now, policy, result.permanent);
  await db.$transaction(async (tx) => {
    await tx.noticeDelivery.updateMany({
      where: { id, jobId: claim, status: { in: [...OPEN] } },
      data: {
        status: outcome.status,
        attempts,
        ...(outcome.status === "SENT" ? { sentAt: now } : {}),
        ...(outcome.status === "RETRYING" ? { notBefore: outcome.notBefore } : {}),
      },
    });
    await tx.noticeDeliveryAttempt.create({ data: { deliveryId: id, at: now, ok: result.ok, response: result.response } });
  });
  if (!result.ok) console.warn(`[notices] delivery ${id}, attempt ${attempts}: ${outcome.status.toLowerCase()} (${result.response})`);
  return outcome.status === "SENT" ? "sent" : outcome.status === "RETRYING" ? "retrying" : "failed";
}

/** One delivery under its claim: put off for quiet hours, refused, or sent and recorded. */
async function deliver(id: number, claim: string, settings: Settings, webhook: () => Promise<{ url: string; secret: string } | null>) {
  const loaded = await loadDelivery(id);
  if (!loaded) return null;
  const { delivery, recipient } = loaded;
  const urgent = delivery.notice?.urgent ?? false;
  // Quiet hours hold back what can wait (digests, ordinary notices); urgent notices go at once.
  const until =
    urgent || !recipient ? null : quietUntil(new Date(), quietHoursOf(recipient.contact, recipient.unit?.noticeDefault ?? null));
  if (until) {
    await db.noticeDelivery.updateMany({ where: { id, jobId: claim, status: { in: [...OPEN] } }, data: { notBefore: until } });
    return "postponed" as const;
  }
  const refusal = unsendable(loaded);
  const result = refusal ? { ok: false, response: refusal, permanent: true } : await send(loaded, settings, webhook).catch(internalFailure);
  return record(id, claim, delivery.attempts + 1, result, settings.policy);
}

/**
 * Sends every due delivery it can claim within its time budget, one after another, and says what
 * became of them. Safe to run any number of times at once, in any number of processes.
 */
export async function relayDueDeliveries(options: RelayOptions = {}): Promise<RelaySummary> {
  const settings = settingsOf(options);
  const summary: RelaySummary = { sent: 0, retrying: 0, failed: 0, postponed: 0 };
  let target: Promise<{ url: string; secret: string } | null> | undefined;
  const webhook = () => (target ??= webhookTarget());
  const deadline = Date.now() + settings.budgetMs;
  for (let claims = 1; Date.now() < deadline; claims += 1) {
    const claim = `${settings.runId}:${claims}`;
    const id = await claimNext(claim, settings.leaseMs);
    if (id === null) break;
    const outcome = await deliver(id, claim, settings, webhook);
    if (outcome) summary[outcome] += 1;
  }
  return summary;
}
