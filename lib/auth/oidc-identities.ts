import "server-only";
/**
 * The admin's links between identities of the identity service (统一身份认证: issuer and subject)
 * and local accounts: listed per account with their last use, linked, unlinked, each audited.
 * Unlinking ends every session of the account, as deactivating does: a session opened through
 * the identity must not outlive the link.
 */
import { z } from "zod";
import { db } from "@/lib/core/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit/audit";
import { UserFacingError } from "@/lib/core/errors";
import { endAllSessions } from "./user-sessions";
import type { LinkIdentityInput, UnlinkIdentityInput } from "./oidc-schemas";

export interface LinkedIdentity {
  id: number;
  issuer: string;
  subject: string;
  /** What the identity service said about the person (name, preferred_username…), at linking or first use. */
  claims: Record<string, string>;
  linkedAt: Date;
  /** Null: linked automatically at its first sign-in (OIDC_AUTO_LINK_CLAIM). */
  linkedBy: { username: string; displayName: string } | null;
  lastUsedAt: Date | null;
}

const storedClaims = z.record(z.string(), z.unknown()).catch({});

function claimStrings(value: unknown): Record<string, string> {
  return Object.fromEntries(
    Object.entries(storedClaims.parse(value ?? {})).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
}

/** The account and its linked identities, oldest link first; null for no such account. */
export async function listUserIdentities(username: string) {
  const user = await db.user.findUnique({
    where: { username },
    select: {
      id: true,
      username: true,
      displayName: true,
      active: true,
      identities: {
        orderBy: { linkedAt: "asc" },
        select: {
          id: true,
          issuer: true,
          subject: true,
          claims: true,
          linkedAt: true,
          lastUsedAt: true,
          linkedBy: { select: { username: true, displayName: true } },
        },
      },
    },
  });
  if (!user) return null;
  const identities: LinkedIdentity[] = user.identities.map((identity) => ({ ...identity, claims: claimStrings(identity.claims) }));
  return { ...user, identities };
}

/**
 * Links the identity (issuer, by default the configured one, and subject) to the account. An
 * identity signs in as one account only: one linked elsewhere is refused, naming that account.
 */
export async function linkIdentity(input: LinkIdentityInput, actorId: number, configuredIssuer: string | null): Promise<void> {
  const issuer = input.issuer ?? configuredIssuer;
  if (!issuer) {
    const message = "未配置统一身份认证服务（OIDC_ISSUER），请填写统一身份认证服务地址（issuer）";
    throw new UserFacingError(message, { issuer: [message] });
  }
  const identity = { issuer, subject: input.subject };
  try {
    await db.$transaction(async (tx) => {
      const user = await tx.user.findUnique({ where: { username: input.username }, select: { id: true } });
      if (!user) throw new UserFacingError("用户不存在");
      const existing = await tx.userIdentity.findUnique({
        where: { issuer_subject: identity },
        select: { user: { select: { id: true, username: true } } },
      });
      if (existing) throw alreadyLinked(existing.user.id === user.id ? null : existing.user.username);
      await tx.userIdentity.create({ data: { userId: user.id, ...identity, linkedById: actorId }, select: { id: true } });
      await recordAudit(tx, {
        actorId,
        action: "user.identity_link",
        entity: "User",
        entityId: String(user.id),
        after: { username: input.username, issuer, externalSubject: input.subject, automatic: false },
      });
    });
  } catch (error) {
    // Linked by someone else (or its first sign-in) between the check and the write.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw alreadyLinked(undefined);
    throw error;
  }
}

/** `owner`: the other account holding it; null: this account already; undefined: not known. */
function alreadyLinked(owner: string | null | undefined): UserFacingError {
  const message =
    owner === null
      ? "该统一身份认证账号已关联到此账号"
      : owner
        ? `该统一身份认证账号已关联到账号 ${owner}，请先在该账号下解除关联`
        : "该统一身份认证账号已关联到其他账号，请刷新后查看";
  return new UserFacingError(message, { subject: [message] }, "CONFLICT");
}

/** Unlinks one identity of the account and ends every session of the account; returns how many ended. */
export async function unlinkIdentity(input: UnlinkIdentityInput, actorId: number): Promise<number> {
  return db.$transaction(async (tx) => {
    const identity = await tx.userIdentity.findUnique({
      where: { id: input.id },
      select: { id: true, issuer: true, subject: true, linkedAt: true, user: { select: { id: true, username: true } } },
    });
    if (!identity || identity.user.username !== input.username) throw new UserFacingError("该关联已不存在，请刷新页面", {}, "NOT_FOUND");
    await tx.userIdentity.delete({ where: { id: identity.id } });
    await tx.user.update({ where: { id: identity.user.id }, data: { sessionVersion: { increment: 1 } } });
    const sessionsEnded = await endAllSessions(tx, identity.user.id);
    await recordAudit(tx, {
      actorId,
      action: "user.identity_unlink",
      entity: "User",
      entityId: String(identity.user.id),
      before: {
        username: input.username,
        issuer: identity.issuer,
        externalSubject: identity.subject,
        linkedAt: identity.linkedAt.toISOString(),
      },
      after: { sessionsEnded },
    });
    return sessionsEnded;
  });
}
