import "server-only";
import { db } from "@/lib/core/db";
import { addDays } from "@/lib/core/quarters";
import { chinaDayStart } from "./notice-rules";
import { channelsOfUsers } from "./notify";

/**
 * 每日汇总 (job `notices-digest`): one message per person, day and channel gathering the person's
 * non-urgent notices not yet in a digest, written to the end of `day` (China time); the relay
 * (lib/notices/delivery.ts) sends it, after the person's quiet hours. Urgent notices went out at
 * once (notify()). A second run on the same day writes nothing: the delivery's key is
 * `digest:<userId>:<day>:<channel>` and the notices it lists are marked digested with it; notices
 * that arrive after the day's digest wait for the next day's.
 */

export interface DigestScope {
  /** Only these people's digests (tests; production runs for everyone). */
  userIds?: readonly number[];
}

export async function runDailyDigest(day: string, scope: DigestScope = {}): Promise<{ deliveries: number; notices: number }> {
  return db.$transaction(
    async (tx) => {
      const notices = await tx.notice.findMany({
        where: {
          urgent: false,
          digestedAt: null,
          createdAt: { lt: chinaDayStart(addDays(day, 1)) },
          ...(scope.userIds ? { userId: { in: [...scope.userIds] } } : {}),
        },
        orderBy: [{ userId: "asc" }, { createdAt: "asc" }, { id: "asc" }],
        take: 20_000,
        select: { id: true, userId: true },
      });
      if (notices.length === 0) return { deliveries: 0, notices: 0 };
      const byUser = new Map<number, number[]>();
      for (const notice of notices) byUser.set(notice.userId, [...(byUser.get(notice.userId) ?? []), notice.id]);
      const channels = await channelsOfUsers(tx, [...byUser.keys()]);
      const rows = [...byUser].flatMap(([userId, ids]) => {
        const of = channels.get(userId);
        const digest = { userId, day, notices: ids };
        return [
          ...(of?.email ? [{ channel: "EMAIL" as const, address: of.email }] : []),
          ...(of?.webhook ? [{ channel: "WEBHOOK" as const, address: of.webhook }] : []),
        ].map((channel) => ({ ...channel, digest, dedupeKey: `digest:${userId}:${day}:${channel.channel}` }));
      });
      const written = rows.length
        ? await tx.noticeDelivery.createManyAndReturn({ data: rows, skipDuplicates: true, select: { digest: true } })
        : [];
      // Marked digested: what a written delivery lists, and the notices of people with no channel (the inbox has them).
      const listed = new Set(written.flatMap((row) => (row.digest as { notices: number[] }).notices));
      const reachable = new Set(rows.map((row) => row.digest.userId));
      const digested = notices.filter((notice) => listed.has(notice.id) || !reachable.has(notice.userId)).map((notice) => notice.id);
      await tx.notice.updateMany({ where: { id: { in: digested }, digestedAt: null }, data: { digestedAt: new Date() } });
      return { deliveries: written.length, notices: digested.length };
    },
    { timeout: 120_000 },
  );
}
