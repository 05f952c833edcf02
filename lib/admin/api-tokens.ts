import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/core/db";
import { recordAudit } from "@/lib/audit/audit";
import { UserFacingError } from "@/lib/core/errors";

const TOKEN_PREFIX = "mljx_";

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Issues a read-only API token; the plain token is returned once and only its hash is kept. */
export async function issueApiToken(name: string, adminId: number): Promise<string> {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  await db.$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: { name, tokenHash: hashToken(token), prefix: token.slice(0, 12), createdById: adminId },
      select: { id: true },
    });
    await recordAudit(tx, { actorId: adminId, action: "apiToken.issue", entity: "ApiToken", entityId: String(row.id), after: { name } });
  });
  return token;
}

export async function revokeApiToken(id: number, adminId: number): Promise<void> {
  await db.$transaction(async (tx) => {
    const token = await tx.apiToken.findUnique({ where: { id }, select: { name: true, revokedAt: true } });
    if (!token || token.revokedAt) throw new UserFacingError("令牌不存在或已吊销");
    await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, {
      actorId: adminId,
      action: "apiToken.revoke",
      entity: "ApiToken",
      entityId: String(id),
      before: { name: token.name },
    });
  });
}

export async function listApiTokens() {
  return db.apiToken.findMany({
    orderBy: { id: "desc" },
    select: {
      id: true,
      name: true,
      prefix: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
      createdBy: { select: { displayName: true } },
    },
  });
}

/** The token's row when it is valid (known, not revoked); records when it was last used. */
export async function verifyApiToken(token: string): Promise<{ id: number; name: string } | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashToken(token) }, select: { id: true, name: true, revokedAt: true } });
  if (!row || row.revokedAt) return null;
  await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  return { id: row.id, name: row.name };
}
