import "server-only";
import { cache } from "react";
import { db } from "@/lib/core/db";

/** The in-app inbox (收件箱): a person's own notices only, newest first. */

export const INBOX_PAGE_SIZE = 30;

export async function listInbox(userId: number, page: number) {
  const [total, unread, rows] = await Promise.all([
    db.notice.count({ where: { userId } }),
    unreadNoticeCount(userId),
    db.notice.findMany({
      where: { userId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * INBOX_PAGE_SIZE,
      take: INBOX_PAGE_SIZE,
      select: { id: true, kind: true, title: true, body: true, href: true, urgent: true, createdAt: true, readAt: true },
    }),
  ]);
  return { total, unread, page, pages: Math.max(1, Math.ceil(total / INBOX_PAGE_SIZE)), rows };
}

/** Unread notices of the person: the header's count (once per request). */
export const unreadNoticeCount = cache(async (userId: number): Promise<number> => db.notice.count({ where: { userId, readAt: null } }));

/** Marks the person's own notices among `ids` read; another person's ids change nothing. */
export async function markNoticesRead(userId: number, ids: readonly number[]): Promise<number> {
  const { count } = await db.notice.updateMany({ where: { id: { in: [...ids] }, userId, readAt: null }, data: { readAt: new Date() } });
  return count;
}

export async function markAllNoticesRead(userId: number): Promise<number> {
  const { count } = await db.notice.updateMany({ where: { userId, readAt: null }, data: { readAt: new Date() } });
  return count;
}
