/**
 * Signing in through the identity service (统一身份认证) against the database: which local account
 * an identity signs in as (linked, linked automatically by the configured claim, or refused), the
 * account's own controls, the same server-side session as a password sign-in, every attempt
 * audited; the admin's links. One test takes its claims from a real OpenID Connect provider
 * (oidc-provider, tests/support/oidc-provider.ts) through the app's own provider configuration.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generators, Issuer } from "openid-client";
import { findSessionUser } from "@/lib/auth/accounts";
import { endSession } from "@/lib/auth/user-sessions";
import { checkAuditChain } from "@/lib/audit/audit";
import { oidcProvider, type OidcSettings } from "@/lib/auth/oidc";
import { signInWithIdentity } from "@/lib/auth/oidc-sign-in";
import { linkIdentity, listUserIdentities, unlinkIdentity } from "@/lib/auth/oidc-identities";
import { linkIdentitySchema } from "@/lib/auth/oidc-schemas";
import { seededPrisma } from "../support/database";
import { startOidcProvider, type TestOidcProvider } from "../support/oidc-provider";

const db = seededPrisma();
afterAll(() => db.$disconnect());

const ISSUER = "https://sso.example.gov.cn/oidc";
const settings = { issuer: ISSUER, autoLinkClaim: null };
const withAutoLink = { issuer: ISSUER, autoLinkClaim: "preferred_username" };
const address = "10.50.0.7";

let sequence = 0;
/** A fresh local account (its password is never used here). */
async function account(overrides: { active?: boolean; mustChangePassword?: boolean } = {}) {
  sequence += 1;
  const username = `oidc.user${sequence}.${Math.random().toString(36).slice(2, 7)}`;
  return db.user.create({
    data: { username, displayName: `统一认证测试${sequence}`, role: "LEADER", passwordHash: "not-a-hash", ...overrides },
    select: { id: true, username: true, sessionVersion: true },
  });
}
const admin = () => db.user.findUniqueOrThrow({ where: { username: "admin" }, select: { id: true } });
const lastAudit = (action: string) =>
  db.auditLog.findFirstOrThrow({
    where: { action },
    orderBy: { id: "desc" },
    select: { actorId: true, entityId: true, before: true, after: true },
  });

describe("an identity linked to an account", () => {
  it("signs in as that account with a server-side session, noting the use, audited with its address", async () => {
    const user = await account();
    const { id: adminId } = await admin();
    await linkIdentity(linkIdentitySchema.parse({ username: user.username, subject: "sub-linked-1" }), adminId, ISSUER);
    const now = new Date("2026-12-02T01:00:00Z");

    const result = await signInWithIdentity({ iss: ISSUER, sub: "sub-linked-1", name: "张三" }, { settings, address, now });

    expect(result).toMatchObject({ ok: true, autoLinked: false, user: { id: user.id, username: user.username, sessionVersion: 1 } });
    if (!result.ok) return;
    expect(await findSessionUser(user.id, result.sessionId, now)).toMatchObject({ id: user.id });
    const identity = await db.userIdentity.findUniqueOrThrow({ where: { issuer_subject: { issuer: ISSUER, subject: "sub-linked-1" } } });
    expect(identity).toMatchObject({ userId: user.id, linkedById: adminId, lastUsedAt: now, claims: { name: "张三" } });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).lastSignInAt).toEqual(now);
    expect(await db.signInAttempt.count({ where: { username: user.username, address, success: true } })).toBe(1);
    expect(await lastAudit("auth.signin")).toMatchObject({
      actorId: user.id,
      entityId: user.username,
      after: { address, via: "oidc", issuer: ISSUER, externalSubject: "sub-linked-1", autoLinked: false },
    });

    // Signing out ends it as it ends a password session.
    expect(await endSession(result.sessionId)).toBe(true);
    expect(await findSessionUser(user.id, result.sessionId, now)).toBeNull();
  });

  it("is refused while the account is inactive, and the refusal is audited", async () => {
    const user = await account({ active: false });
    await linkIdentity(linkIdentitySchema.parse({ username: user.username, subject: "sub-inactive" }), (await admin()).id, ISSUER);
    const result = await signInWithIdentity({ iss: ISSUER, sub: "sub-inactive" }, { settings, address });
    expect(result).toEqual({ ok: false, refusal: "OidcInactive" });
    expect(await db.userSession.count({ where: { userId: user.id } })).toBe(0);
    expect(await lastAudit("auth.oidc_refused")).toMatchObject({
      actorId: user.id,
      after: { address, via: "oidc", externalSubject: "sub-inactive", reason: "inactive" },
    });
  });

  it("keeps the account's initial password for a password sign-in: the account is returned as stored", async () => {
    const user = await account({ mustChangePassword: true });
    await linkIdentity(linkIdentitySchema.parse({ username: user.username, subject: "sub-initial" }), (await admin()).id, ISSUER);
    const result = await signInWithIdentity({ iss: ISSUER, sub: "sub-initial" }, { settings, address });
    // The session cookie says "oidc", which lets getCurrentUser() skip the forced change (lib/auth/session.ts).
    expect(result).toMatchObject({ ok: true, user: { mustChangePassword: true } });
  });

  it("is refused when the token's issuer is not the configured one", async () => {
    const result = await signInWithIdentity({ iss: "https://elsewhere.example", sub: "sub-linked-1" }, { settings, address });
    expect(result).toEqual({ ok: false, refusal: "OidcFailed" });
    expect(await lastAudit("auth.oidc_refused")).toMatchObject({ after: { reason: "issuer differs from OIDC_ISSUER" } });
  });
});

describe("an identity linked to no account", () => {
  it("is refused, audited, and opens nothing", async () => {
    const sessions = await db.userSession.count();
    const result = await signInWithIdentity({ iss: ISSUER, sub: "sub-nobody", preferred_username: "admin" }, { settings, address });
    expect(result).toEqual({ ok: false, refusal: "OidcUnlinked" });
    expect(await db.userSession.count()).toBe(sessions);
    expect(await db.userIdentity.count({ where: { subject: "sub-nobody" } })).toBe(0);
    expect(await lastAudit("auth.oidc_refused")).toMatchObject({
      actorId: null,
      entityId: "oidc:sub-nobody",
      after: { address, externalSubject: "sub-nobody", reason: "unlinked identity" },
    });
    expect(await db.signInAttempt.count({ where: { username: "oidc:sub-nobody", success: false } })).toBe(1);
  });

  it("is linked at its first sign-in when its auto-link claim names an active account, once", async () => {
    const user = await account();
    const claims = { iss: ISSUER, sub: "sub-auto-1", preferred_username: user.username, name: "李四" };
    const first = await signInWithIdentity(claims, { settings: withAutoLink, address });
    expect(first).toMatchObject({ ok: true, autoLinked: true, user: { id: user.id } });
    expect(await db.userIdentity.findUniqueOrThrow({ where: { issuer_subject: { issuer: ISSUER, subject: "sub-auto-1" } } })).toMatchObject(
      {
        userId: user.id,
        linkedById: null,
        claims: { name: "李四", preferred_username: user.username },
      },
    );
    expect(await lastAudit("user.identity_link")).toMatchObject({
      actorId: null,
      entityId: String(user.id),
      after: { automatic: true, claim: "preferred_username", externalSubject: "sub-auto-1" },
    });
    expect(await signInWithIdentity(claims, { settings: withAutoLink, address })).toMatchObject({ ok: true, autoLinked: false });

    // Another identity naming the same account is not linked to it by itself: the admin decides.
    const other = await signInWithIdentity({ ...claims, sub: "sub-auto-2" }, { settings: withAutoLink, address });
    expect(other).toEqual({ ok: false, refusal: "OidcUnlinked" });
    expect(await lastAudit("auth.oidc_refused")).toMatchObject({ after: { reason: "account already linked" } });
  });

  it("is not linked to an inactive account by its claim, nor when the claim is off or names nobody", async () => {
    const user = await account({ active: false });
    const claims = { iss: ISSUER, sub: "sub-auto-inactive", preferred_username: user.username };
    expect(await signInWithIdentity(claims, { settings: withAutoLink, address })).toEqual({ ok: false, refusal: "OidcInactive" });
    expect(await signInWithIdentity({ ...claims, preferred_username: "no-such-user" }, { settings: withAutoLink, address })).toEqual({
      ok: false,
      refusal: "OidcUnlinked",
    });
    const active = await account();
    expect(await signInWithIdentity({ ...claims, preferred_username: active.username }, { settings, address })).toEqual({
      ok: false,
      refusal: "OidcUnlinked",
    });
    expect(await db.userIdentity.count({ where: { subject: "sub-auto-inactive" } })).toBe(0);
  });
});

describe("the admin's links", () => {
  it("refuses an identity already linked, naming the account holding it", async () => {
    const [first, second] = [await account(), await account()];
    const { id: adminId } = await admin();
    await linkIdentity(linkIdentitySchema.parse({ username: first.username, subject: "sub-taken" }), adminId, ISSUER);
    await expect(
      linkIdentity(linkIdentitySchema.parse({ username: second.username, subject: "sub-taken" }), adminId, ISSUER),
    ).rejects.toThrow(`该统一身份认证账号已关联到账号 ${first.username}，请先在该账号下解除关联`);
    await expect(
      linkIdentity(linkIdentitySchema.parse({ username: first.username, subject: "sub-taken" }), adminId, ISSUER),
    ).rejects.toThrow("该统一身份认证账号已关联到此账号");
    // Another service's identity with the same subject is another identity.
    await linkIdentity(
      linkIdentitySchema.parse({ username: second.username, issuer: "https://other-sso.example.gov.cn", subject: "sub-taken" }),
      adminId,
      ISSUER,
    );
    expect((await listUserIdentities(second.username))?.identities.map((identity) => identity.issuer)).toEqual([
      "https://other-sso.example.gov.cn",
    ]);
  });

  it("needs an issuer when none is configured, and validates the form in Chinese", async () => {
    const user = await account();
    await expect(
      linkIdentity(linkIdentitySchema.parse({ username: user.username, subject: "sub-x" }), (await admin()).id, null),
    ).rejects.toThrow("未配置统一身份认证服务（OIDC_ISSUER），请填写统一身份认证服务地址（issuer）");
    const refused = linkIdentitySchema.safeParse({ username: user.username, subject: " ", issuer: "sso.example" });
    expect(refused.error?.issues.map((issue) => [issue.path[0], issue.message])).toEqual([
      ["issuer", "请填写统一身份认证服务地址（issuer），如 https://sso.example.gov.cn"],
      ["subject", "请填写统一身份认证账号标识（sub）"],
    ]);
  });

  it("unlinks an identity: it signs in no more, every session of the account ends, audited", async () => {
    const user = await account();
    const { id: adminId } = await admin();
    await linkIdentity(linkIdentitySchema.parse({ username: user.username, subject: "sub-unlink" }), adminId, ISSUER);
    const signedIn = await signInWithIdentity({ iss: ISSUER, sub: "sub-unlink" }, { settings, address });
    expect(signedIn.ok).toBe(true);
    const listed = await listUserIdentities(user.username);
    expect(listed?.identities).toMatchObject([{ subject: "sub-unlink", linkedBy: { username: "admin" } }]);
    expect(listed?.identities[0]?.lastUsedAt).toBeInstanceOf(Date);

    await expect(unlinkIdentity({ username: "admin", id: listed!.identities[0]!.id }, adminId)).rejects.toThrow(
      "该关联已不存在，请刷新页面",
    );
    expect(await unlinkIdentity({ username: user.username, id: listed!.identities[0]!.id }, adminId)).toBe(1);

    expect(await db.userSession.count({ where: { userId: user.id } })).toBe(0);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(user.sessionVersion + 1);
    expect(await signInWithIdentity({ iss: ISSUER, sub: "sub-unlink" }, { settings, address })).toEqual({
      ok: false,
      refusal: "OidcUnlinked",
    });
    expect(await lastAudit("user.identity_unlink")).toMatchObject({
      actorId: adminId,
      entityId: String(user.id),
      before: { username: user.username, issuer: ISSUER, externalSubject: "sub-unlink" },
      after: { sessionsEnded: 1 },
    });
    expect((await checkAuditChain()).brokenAt).toBeNull();
  });
});

/** Follows the provider's redirects and submits its development sign-in and consent pages as `login`, up to the redirect to `redirectUri`. */
async function authorizeAs(url: string, login: string, redirectUri: string): Promise<URL> {
  const jar = new Map<string, string>();
  let next: { url: string; init?: RequestInit } = { url };
  for (let step = 0; step < 12; step += 1) {
    const response = await fetch(next.url, {
      ...next.init,
      redirect: "manual",
      headers: { ...next.init?.headers, cookie: [...jar].map(([name, value]) => `${name}=${value}`).join("; ") },
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ""] = cookie.split(";");
      const [name = "", value = ""] = pair.split("=");
      if (value && !/expires=Thu, 01 Jan 1970/i.test(cookie)) jar.set(name.trim(), value);
      else jar.delete(name.trim());
    }
    const location = response.headers.get("location");
    if (location) {
      const target = new URL(location, next.url);
      if (target.href.startsWith(redirectUri)) return target;
      next = { url: target.href };
      continue;
    }
    const page = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    if (!action) throw new Error(`the provider answered ${response.status} without a form: ${page.slice(0, 300)}`);
    const fields = new URLSearchParams();
    for (const [, name, value] of page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/?>/g)) fields.set(name!, value!);
    if (page.includes('name="login"')) fields.set("login", login);
    if (page.includes('name="password"')) fields.set("password", "any");
    next = {
      url: new URL(action, next.url).href,
      init: { method: "POST", body: fields.toString(), headers: { "content-type": "application/x-www-form-urlencoded" } },
    };
  }
  throw new Error("the provider never redirected back");
}

describe("claims from a real OpenID Connect provider", () => {
  const redirectUri = "http://127.0.0.1:9/api/auth/callback/oidc";
  let provider: TestOidcProvider;
  let user: Awaited<ReturnType<typeof account>>;
  beforeAll(async () => {
    user = await account();
    // The service's account is named like this run's fresh local account.
    provider = await startOidcProvider({
      redirectUris: [redirectUri],
      identities: [{ sub: "jx-real-0001", claims: { name: "赵真实", preferred_username: user.username } }],
    });
  });
  afterAll(() => provider.stop());

  it("reads the subject from the verified ID token and the profile claims from userinfo, and signs in by them", async () => {
    const config: OidcSettings = {
      issuer: provider.issuer,
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
      name: "统一身份认证登录",
      autoLinkClaim: "preferred_username",
    };
    const app = oidcProvider(config);
    const issuer = await Issuer.discover(app.wellKnown!);
    const client = new issuer.Client({ client_id: config.clientId, client_secret: config.clientSecret, redirect_uris: [redirectUri] });
    const checks = { code_verifier: generators.codeVerifier(), state: generators.state(), nonce: generators.nonce() };
    const authorizationUrl = client.authorizationUrl({
      scope: "openid profile",
      code_challenge: generators.codeChallenge(checks.code_verifier),
      code_challenge_method: "S256",
      state: checks.state,
      nonce: checks.nonce,
    });
    const back = await authorizeAs(authorizationUrl, "jx-real-0001", redirectUri);
    const tokens = await client.callback(redirectUri, client.callbackParams(back.href), checks);
    // As in a code flow of many services, the ID token names only the subject.
    expect(tokens.claims()).not.toHaveProperty("name");

    const userinfo = app.userinfo;
    if (typeof userinfo !== "object" || !userinfo.request) throw new Error("the provider reads userinfo itself");
    const claims = await userinfo.request({ tokens, client, provider: { ...app, signinUrl: "", callbackUrl: redirectUri } });
    expect(claims).toMatchObject({ iss: provider.issuer, sub: "jx-real-0001", name: "赵真实", preferred_username: user.username });

    const result = await signInWithIdentity(claims, { settings: config, address });
    expect(result).toMatchObject({ ok: true, autoLinked: true, user: { id: user.id } });
  });
});
