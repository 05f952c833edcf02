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
