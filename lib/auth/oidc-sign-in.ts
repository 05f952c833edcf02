import "server-only";
/**
 * Which local account a verified identity of the identity service signs in as, and the sign-in
 * itself: the identity linked to an account (UserIdentity, by issuer and subject), else — when
 * OIDC_AUTO_LINK_CLAIM is set — the account whose username equals that claim, linked there and
 * then (linkedById null, audited); else refused. The local account's controls still apply: an
 * inactive account is refused, and a success opens the same server-side session as a password
 * sign-in (lib/auth/accounts.ts), so the idle timeout, the absolute lifetime and sign-out apply
 * alike. Every attempt is recorded and audited with its address, as password attempts are. No
 * failure is counted against the password limits: the identity service did the authenticating.
 */
import { z } from "zod";
import { db } from "@/lib/core/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit/audit";
import { afterSignIn, openSession, recordSignInAttempt, sessionUserSelect, toSessionUser, type SessionUser } from "./accounts";
import type { OidcRefusal, OidcSettings } from "./oidc";

type Tx = Prisma.TransactionClient;

export interface IdentitySignInOptions {
  settings: Pick<OidcSettings, "issuer" | "autoLinkClaim">;
  address: string;
  now?: Date;
}

export type IdentitySignIn = { ok: true; user: SessionUser; sessionId: string; autoLinked: boolean } | { ok: false; refusal: OidcRefusal };

const verifiedClaims = z.looseObject({ iss: z.string().min(1), sub: z.string().min(1).max(255) });

/** The claims kept with a link for the admin's list (what names the person), each shortened. */
const SHOWN_CLAIMS = ["name", "preferred_username", "nickname", "email"];

function keptClaims(claims: Record<string, unknown>, autoLinkClaim: string | null): Prisma.InputJsonObject {
  const kept: Record<string, string> = {};
  for (const name of autoLinkClaim ? [...SHOWN_CLAIMS, autoLinkClaim] : SHOWN_CLAIMS) {
    const value = claims[name];
    if (typeof value === "string" && value.trim()) kept[name] = value.trim().slice(0, 200);
  }
  return kept;
}

type LocalUser = Prisma.UserGetPayload<{ select: typeof sessionUserSelect }>;

/** Why no account was found for an identity (audited; labelled in lib/audit/audit-labels.ts). */
type NoAccount = "unlinked identity" | "no auto-link claim" | "no account named by the claim" | "account already linked";

/**
 * The account whose username is the auto-link claim's value, linked to this identity now: only an
 * active one, and only while it has no identity from this issuer yet (one link per person made
 * without an admin; any further one is the admin's). An inactive one is returned unlinked, to be
 * refused as such.
 */
async function autoLink(
  tx: Tx,
  identity: { issuer: string; subject: string },
  claims: Record<string, unknown>,
  claim: string,
): Promise<{ user: LocalUser } | { user: null; reason: NoAccount }> {
  const value = claims[claim];
  if (typeof value !== "string" || !value) return { user: null, reason: "no auto-link claim" };
  const user = await tx.user.findUnique({
    where: { username: value },
    select: { ...sessionUserSelect, identities: { where: { issuer: identity.issuer }, select: { id: true }, take: 1 } },
  });
  if (!user) return { user: null, reason: "no account named by the claim" };
  if (!user.active) return { user };
  if (user.identities.length) return { user: null, reason: "account already linked" };
  const { count } = await tx.userIdentity.createMany({
    data: [{ userId: user.id, ...identity, claims: keptClaims(claims, claim), linkedById: null }],
    skipDuplicates: true,
  });
  if (count === 0) {
    // Linked by a sign-in at the same moment: whichever account that one linked it to.
    const linked = await tx.userIdentity.findUnique({
      where: { issuer_subject: identity },
      select: { user: { select: sessionUserSelect } },
    });
    return linked ? { user: linked.user } : { user: null, reason: "unlinked identity" };
  }
  await recordAudit(tx, {
    actorId: null,
    action: "user.identity_link",
    entity: "User",
    entityId: String(user.id),
    after: { username: user.username, issuer: identity.issuer, externalSubject: identity.subject, automatic: true, claim },
  });
  return { user };
}

/**
 * Signs in the person the identity service vouched for (`claims`, from a verified ID token), from
 * `address`: the linked local account with a new session, or a refusal the sign-in page explains.
 */
export async function signInWithIdentity(claims: unknown, options: IdentitySignInOptions): Promise<IdentitySignIn> {
  const { settings, address } = options;
  const now = options.now ?? new Date();
  const parsed = verifiedClaims.safeParse(claims);
  if (!parsed.success) {
    console.error("identity service: refused claims without an issuer and a subject", claims);
    return { ok: false, refusal: "OidcFailed" };
  }
  const identity = { issuer: parsed.data.iss, subject: parsed.data.sub };
  const facts = { via: "oidc", issuer: identity.issuer, externalSubject: identity.subject };
  const refuse = async (tx: Tx, refusal: OidcRefusal, reason: string, user: LocalUser | null = null): Promise<IdentitySignIn> => {
    await recordSignInAttempt(tx, {
      username: user?.username ?? `oidc:${identity.subject}`,
      address,
      success: false,
      at: now,
      actorId: user?.id ?? null,
      action: "auth.oidc_refused",
      facts: { ...facts, reason },
    });
    return { ok: false, refusal };
  };
  // The ID token's issuer is the discovered one, which OIDC Discovery wants identical to the configured one.
  if (identity.issuer !== settings.issuer) {
    console.error(
      `identity service: it names itself ${JSON.stringify(identity.issuer)}, OIDC_ISSUER is ${JSON.stringify(settings.issuer)}`,
    );
    return db.$transaction((tx) => refuse(tx, "OidcFailed", "issuer differs from OIDC_ISSUER"));
  }

  const result = await db.$transaction(async (tx): Promise<IdentitySignIn> => {
    const linked = await tx.userIdentity.findUnique({
      where: { issuer_subject: identity },
      select: { claims: true, user: { select: sessionUserSelect } },
    });
    let found: { user: LocalUser } | { user: null; reason: NoAccount } = linked
      ? { user: linked.user }
      : { user: null, reason: "unlinked identity" };
    if (!linked && settings.autoLinkClaim) found = await autoLink(tx, identity, parsed.data, settings.autoLinkClaim);
    if (!found.user) return refuse(tx, "OidcUnlinked", found.reason);
    const { user } = found;
    if (!user.active) return refuse(tx, "OidcInactive", "inactive", user);

    const autoLinked = !linked;
    await tx.userIdentity.update({
      where: { issuer_subject: identity },
      // An identity the admin linked shows whom it names from its first use on.
      data: { lastUsedAt: now, ...(linked?.claims === null ? { claims: keptClaims(parsed.data, settings.autoLinkClaim) } : {}) },
    });
    const sessionId = await openSession(tx, user.id, now);
    await recordSignInAttempt(tx, {
      username: user.username,
      address,
      success: true,
      at: now,
      actorId: user.id,
      action: "auth.signin",
      facts: { ...facts, autoLinked },
    });
    return { ok: true, user: toSessionUser(user), sessionId, autoLinked };
  });
  if (result.ok) await afterSignIn(now);
  return result;
}
