import "server-only";
import { db } from "@/lib/core/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AUDIT_CHAIN_CHECK_SQL, AUDIT_COUNT_SQL } from "./audit-chain-sql";

export interface AuditEntryInput {
  actorId: number | null;
  action: string;
  entity: string;
  entityId: string | null;
  before?: Prisma.InputJsonValue | null;
  after?: Prisma.InputJsonValue | null;
}

type AuditWriter = Pick<Prisma.TransactionClient, "auditLog">;

/** Appends one audit row; call it inside the transaction of the write it records. */
export async function recordAudit(tx: AuditWriter, entry: AuditEntryInput): Promise<void> {
  await tx.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      before: entry.before ?? undefined,
      after: entry.after ?? undefined,
    },
  });
}

/** What the audit page and its export show of an entry. */
const entryFields = {
  id: true,
  at: true,
  action: true,
  entity: true,
  entityId: true,
  before: true,
  after: true,
  actor: { select: { username: true, displayName: true } },
} satisfies Prisma.AuditLogSelect;

export const AUDIT_PAGE_SIZE = 50;

export async function listAuditEntries(page: number) {
  const [total, rows] = await Promise.all([
    db.auditLog.count(),
    db.auditLog.findMany({
      orderBy: { id: "desc" },
      skip: (page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      select: entryFields,
    }),
  ]);
  return { total, rows: rows.map((row) => ({ ...row, id: row.id.toString() })) };
}

/** Who last changed an entity and when: named in optimistic-concurrency refusals (read in the refused write's transaction). */
export async function lastChangeOf(entity: string, entityId: string, reader?: AuditWriter) {
  return (reader ?? db).auditLog.findFirst({
    where: { entity, entityId },
    orderBy: { id: "desc" },
    select: { at: true, actor: { select: { displayName: true, username: true } } },
  });
}

/** The hash chain's state: rows checked and the first broken row (null when intact). */
export async function checkAuditChain(): Promise<{ total: number; brokenAt: string | null }> {
  const [count] = await db.$queryRawUnsafe<{ total: number }[]>(AUDIT_COUNT_SQL);
  const [broken] = await db.$queryRawUnsafe<{ id: string }[]>(AUDIT_CHAIN_CHECK_SQL);
  return { total: count?.total ?? 0, brokenAt: broken?.id ?? null };
}

/** Every audit row, oldest first, for the auditor's export (the export itself is audited). */
export async function exportAuditEntries(actorId: number) {
  const rows = await db.auditLog.findMany({
    orderBy: { id: "asc" },
    select: { ...entryFields, hash: true },
  });
  await db.$transaction((tx) =>
    recordAudit(tx, { actorId, action: "audit.export", entity: "AuditLog", entityId: null, after: { rows: rows.length } }),
  );
  return rows.map((row) => ({ ...row, id: row.id.toString() }));
}
