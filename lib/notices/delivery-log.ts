import "server-only";
import { db } from "@/lib/core/db";
import { UserFacingError } from "@/lib/core/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit/audit";
import type { DeliveryQuery, DeliveryStatusName } from "./schemas";

/** The admin's delivery log (系统设置 → 通知发送记录): every delivery with its attempts, and the re-queue of a failed one. */

export const DELIVERIES_PAGE_SIZE = 50;
/** Attempts shown per delivery: the latest ones (a delivery has at most NOTICE_MAX_ATTEMPTS per round). */
const ATTEMPTS_SHOWN = 30;

export async function listDeliveries(query: DeliveryQuery) {
  const where: Prisma.NoticeDeliveryWhereInput = query.status ? { status: query.status } : {};
  const [total, counts, rows] = await Promise.all([
    db.noticeDelivery.count({ where }),
    db.noticeDelivery.groupBy({ by: ["status"], _count: { _all: true } }),
    db.noticeDelivery.findMany({
      where,
      orderBy: { id: "desc" },
      skip: (query.page - 1) * DELIVERIES_PAGE_SIZE,
      take: DELIVERIES_PAGE_SIZE,
      select: {
        id: true,
        channel: true,
        address: true,
        status: true,
        attempts: true,
        notBefore: true,
        sentAt: true,
        createdAt: true,
        digest: true,
        notice: { select: { title: true, urgent: true, user: { select: { displayName: true, username: true } } } },
        log: { orderBy: { id: "desc" }, take: ATTEMPTS_SHOWN, select: { id: true, at: true, ok: true, response: true } },
        _count: { select: { log: true } },
      },
    }),
  ]);
  const byStatus = Object.fromEntries(counts.map((row) => [row.status, row._count._all])) as Partial<Record<DeliveryStatusName, number>>;
  // A digest names its recipient in its JSON: one query for all of the page's.
  const digestUserIds = [
    ...new Set(rows.map((row) => (row.notice ? null : digestOf(row.digest).userId)).filter((id): id is number => id !== null)),
  ];
  const digestUsers = digestUserIds.length
    ? new Map(
        (await db.user.findMany({ where: { id: { in: digestUserIds } }, select: { id: true, displayName: true, username: true } })).map(
          (user) => [user.id, user],
        ),
      )
    : new Map<number, { displayName: string; username: string }>();
  return {
    total,
    page: query.page,
    pages: Math.max(1, Math.ceil(total / DELIVERIES_PAGE_SIZE)),
    byStatus,
    rows: rows.map((row) => {
      const digest = row.notice ? null : digestOf(row.digest);
      return {
        ...row,
        title: row.notice ? row.notice.title : `${digest?.day ?? ""} 待办汇总（${digest?.count ?? 0} 条）`,
        urgent: row.notice?.urgent ?? false,
        recipient: row.notice?.user ?? (digest?.userId ? (digestUsers.get(digest.userId) ?? null) : null),
      };
    }),
  };
}

/** The parts of a digest's JSON the log shows; whatever is malformed reads as missing. */
function digestOf(value: Prisma.JsonValue): { userId: number | null; day: string | null; count: number } {
  const record = value && typeof value === "object" && !Array.isArray(value) ? value : {};
  return {
    userId: typeof record.userId === "number" ? record.userId : null,
    day: typeof record.day === "string" ? record.day : null,
    count: Array.isArray(record.notices) ? record.notices.length : 0,
  };
}

export type DeliveryRow = Awaited<ReturnType<typeof listDeliveries>>["rows"][number];

/**
 * A failed delivery goes back into the outbox, due now, with a fresh round of attempts (its log
 * keeps the earlier ones); audited. Only a FAILED one: a pending or sent delivery is left alone.
 */
export async function requeueDelivery(id: number, actorId: number): Promise<void> {
  await db.$transaction(async (tx) => {
    const delivery = await tx.noticeDelivery.findUnique({
      where: { id },
      select: { status: true, attempts: true, channel: true, address: true },
    });
    if (!delivery) throw new UserFacingError("该发送记录不存在", {}, "NOT_FOUND");
    const { count } = await tx.noticeDelivery.updateMany({
      where: { id, status: "FAILED" },
      data: { status: "PENDING", attempts: 0, notBefore: new Date(), jobId: null },
    });
    if (count === 0) throw new UserFacingError("只能重新发送失败的通知：该通知已不是失败状态，请刷新后查看", {}, "CONFLICT");
    await recordAudit(tx, {
      actorId,
      action: "notice.requeue",
      entity: "NoticeDelivery",
      entityId: String(id),
      before: { status: "FAILED", attempts: delivery.attempts, channel: delivery.channel },
      after: { status: "PENDING", attempts: 0, channel: delivery.channel },
    });
  });
}
