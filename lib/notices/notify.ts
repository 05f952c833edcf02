import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Notices, written once: a notice to each recipient goes into the in-app inbox, and — when urgent —
 * into the outbox as one delivery per channel the person receives (e-mail, the messaging webhook),
 * in the caller's transaction, so a notice exists exactly when what caused it was committed. The
 * job queue (lib/notices/delivery.ts) sends the outbox; non-urgent notices wait for the person's
 * daily digest (减负: one message a day rather than one per task).
 */

type Tx = Prisma.TransactionClient;

export interface NoticeInput {
  /** What caused it: report.returned, report.due, escalation.letter… */
  kind: string;
  title: string;
  body: string;
  /** The page that lets the person act on it. */
  href?: string;
  /** Sent at once (returned, overdue, an escalation step) instead of in the day's digest. */
  urgent?: boolean;
  /** Automatic notices: a key per cause; with the recipient it makes the notice unique, so a re-run adds nothing. */
  dedupeKey?: string;
  /** The record the person is expected to act on ("ProgressReport:1234"): acting on it settles the notice. */
  subject?: string;
  escalatedFromId?: number;
  escalationLevel?: number;
}

export interface Channels {
  email: string | null;
  webhook: string | null;
}

/**
 * The channels a person receives notices on: their own choice where they made one, else their
 * unit's defaults (e-mail on, webhook off), and only with an address to send to.
 */
export function channelsOf(
  contact: { email: string | null; webhookAddress: string | null; emailEnabled: boolean | null; webhookEnabled: boolean | null } | null,
  unitDefault: { emailEnabled: boolean; webhookEnabled: boolean } | null,
): Channels {
  const emailOn = contact?.emailEnabled ?? unitDefault?.emailEnabled ?? true;
  const webhookOn = contact?.webhookEnabled ?? unitDefault?.webhookEnabled ?? false;
  return {
    email: emailOn && contact?.email ? contact.email : null,
    webhook: webhookOn && contact?.webhookAddress ? contact.webhookAddress : null,
  };
}

/** The channels of each of `userIds`, read in two queries. */
export async function channelsOfUsers(tx: Tx, userIds: readonly number[]): Promise<Map<number, Channels>> {
  const users = await tx.user.findMany({
    where: { id: { in: [...userIds] } },
    select: {
      id: true,
      contact: { select: { email: true, webhookAddress: true, emailEnabled: true, webhookEnabled: true } },
      unit: { select: { noticeDefault: { select: { emailEnabled: true, webhookEnabled: true } } } },
    },
  });
  return new Map(users.map((user) => [user.id, channelsOf(user.contact, user.unit?.noticeDefault ?? null)]));
}

/**
 * Writes a notice to each recipient (active accounts only) in the caller's transaction, and for an
 * urgent one its outbox deliveries. A recipient who already has a notice with the same dedupeKey gets
 * nothing new. Returns the ids of the notices written.
 */
export async function notify(tx: Tx, userIds: readonly number[], input: NoticeInput): Promise<number[]> {
  return notifyAll(tx, [{ userIds, input }]);
}

/**
 * notify() for many notices at once (the daily job's hundreds), in four queries whatever their
 * number: the recipients' accounts, the notices, the urgent ones' channels and their deliveries.
 */
export async function notifyAll(tx: Tx, batch: readonly { userIds: readonly number[]; input: NoticeInput }[]): Promise<number[]> {
  const wanted = [...new Set(batch.flatMap((item) => item.userIds))];
  if (wanted.length === 0) return [];
  const active = new Set(
    (await tx.user.findMany({ where: { id: { in: wanted }, active: true }, select: { id: true } })).map((user) => user.id),
  );
  const data = batch.flatMap(({ userIds, input }) =>
    [...new Set(userIds)]
      .filter((userId) => active.has(userId))
      .map((userId) => ({
        userId,
        kind: input.kind,
        title: input.title,
        body: input.body,
        href: input.href ?? null,
        urgent: input.urgent ?? false,
        dedupeKey: input.dedupeKey ? `${input.dedupeKey}:u${userId}` : null,
        subject: input.subject ?? null,
        escalatedFromId: input.escalatedFromId ?? null,
        escalationLevel: input.escalationLevel ?? 0,
      })),
  );
  if (data.length === 0) return [];
  const written = await tx.notice.createManyAndReturn({ data, skipDuplicates: true, select: { id: true, userId: true, urgent: true } });
  const urgent = written.filter((notice) => notice.urgent);
  if (urgent.length > 0) {
    const channels = await channelsOfUsers(
      tx,
      urgent.map((notice) => notice.userId),
    );
    await tx.noticeDelivery.createMany({
      data: urgent.flatMap((notice) => {
        const of = channels.get(notice.userId);
        return [
          ...(of?.email ? [{ noticeId: notice.id, channel: "EMAIL" as const, address: of.email }] : []),
          ...(of?.webhook ? [{ noticeId: notice.id, channel: "WEBHOOK" as const, address: of.webhook }] : []),
        ];
      }),
    });
  }
  return written.map((notice) => notice.id);
}

/** Active accounts of a unit in the given roles (its desk officers by default). */
export async function usersOfUnit(tx: Tx, unitId: number, roles: readonly ("STAFF" | "UNIT_LEAD")[] = ["STAFF"]): Promise<number[]> {
  const users = await tx.user.findMany({ where: { unitId, role: { in: [...roles] }, active: true }, select: { id: true } });
  return users.map((user) => user.id);
}

/**
 * Settles the notices about a record once someone acted on it: they no longer escalate. Escalations
 * carry their original's subject, so they are settled with it.
 */
export async function settleNotices(tx: Tx, subject: string | readonly string[]): Promise<void> {
  const subjects = typeof subject === "string" ? [subject] : [...subject];
  await tx.notice.updateMany({ where: { subject: { in: subjects }, settledAt: null }, data: { settledAt: new Date() } });
}

/** Active accounts of many units in the given roles, by unit, in one query. */
export async function usersOfUnits(
  tx: Tx,
  unitIds: readonly number[],
  roles: readonly ("STAFF" | "UNIT_LEAD")[] = ["STAFF"],
): Promise<Map<number, number[]>> {
  const users = await tx.user.findMany({
    where: { unitId: { in: [...new Set(unitIds)] }, role: { in: [...roles] }, active: true },
    select: { id: true, unitId: true },
  });
  const byUnit = new Map<number, number[]>();
  for (const user of users) if (user.unitId !== null) byUnit.set(user.unitId, [...(byUnit.get(user.unitId) ?? []), user.id]);
  return byUnit;
}

/** The active 省生态环境厅 reviewer accounts. */
export async function reviewerAccounts(tx: Tx): Promise<number[]> {
  const users = await tx.user.findMany({ where: { role: "REVIEWER", active: true }, select: { id: true } });
  return users.map((user) => user.id);
}
