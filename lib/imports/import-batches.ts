import "server-only";
import { db } from "@/lib/core/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { SessionUser } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit/audit";
import { UserFacingError } from "@/lib/core/errors";

const BATCH_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** Keeps validated rows until the user confirms them. */
export async function keepBatch(kind: string, user: SessionUser, fileName: string, rows: object[]): Promise<number> {
  const batch = await db.importBatch.create({
    data: { kind, userId: user.id, fileName: fileName.slice(-120), rows },
    select: { id: true },
  });
  return batch.id;
}

/** Writes a confirmed batch in one transaction (every row or none), at most once, by its owner only. */
export async function applyBatch<Row>(
  batchId: number,
  kind: string,
  user: SessionUser,
  write: (tx: Prisma.TransactionClient, row: Row) => Promise<unknown>,
): Promise<number> {
  const batch = await db.importBatch.findUnique({
    where: { id: batchId },
    select: { kind: true, userId: true, rows: true, createdAt: true, appliedAt: true, fileName: true },
  });
  if (!batch || batch.kind !== kind || batch.userId !== user.id) throw new UserFacingError("导入记录不存在，请重新上传文件");
  if (batch.appliedAt) throw new UserFacingError("该文件已经导入过了");
  if (Date.now() - batch.createdAt.getTime() > BATCH_LIFETIME_MS) throw new UserFacingError("预览已过期，请重新上传文件");
  const rows = batch.rows as unknown as Row[];
  await db.$transaction(
    async (tx) => {
      const claimed = await tx.importBatch.updateMany({ where: { id: batchId, appliedAt: null }, data: { appliedAt: new Date() } });
      if (claimed.count === 0) throw new UserFacingError("该文件已经导入过了");
      for (const row of rows) await write(tx, row);
      await recordAudit(tx, {
        actorId: user.id,
        action: `import.${kind}`,
        entity: "ImportBatch",
        entityId: String(batchId),
        after: { fileName: batch.fileName, rows: rows.length },
      });
    },
    { timeout: 60_000 },
  );
  return rows.length;
}
