/**
 * Sign-in controls against the database, at the default limits: failures only are counted (per
 * account × address, which locks; per address; per account, which slows), atomically, every
 * attempt audited with its address; sessions that end on the server; the password change's
 * current password limited like a sign-in.
 */
import { afterAll, describe, expect, it } from "vitest";
import { changePassword, findSessionUser, signIn } from "@/lib/auth/accounts";
import { endSession } from "@/lib/auth/user-sessions";
import { checkAuditChain } from "@/lib/audit/audit";
import { createUser } from "@/lib/admin/users";
import { createUserSchema } from "@/lib/admin/schemas";
import { DEMO_PASSWORD } from "@/prisma/seed-data/demo-accounts";
import { seededPrisma } from "../support/database";

const db = seededPrisma();
afterAll(() => db.$disconnect());
const minutes = (base: Date, count: number) => new Date(base.getTime() + count * 60_000);
/** Records the account delay instead of sleeping through it. */
function recordedWaits() {
  const waits: number[] = [];
  return { waits, wait: async (milliseconds: number) => void waits.push(milliseconds) };
}
const refusals = (results: { ok: boolean; refusal?: string }[]) => results.map((result) => (result.ok ? "ok" : result.refusal)).sort();
const counter = (username: string, address: string) =>
  db.signInFailureCount.findUnique({ where: { username_address: { username, address } }, select: { failures: true, lockedUntil: true } });
const auditActions = async (entityId: string) =>
  (
    await db.auditLog.findMany({
      where: { entity: "User", entityId, action: { startsWith: "auth." } },
      orderBy: { id: "asc" },
      select: { action: true },
    })
  ).map((row) => row.action);

describe("signing in from one address", () => {
  it("lets 40 different users in, at once, and counts none of their successes", async () => {
    const now = new Date("2026-11-25T01:00:00Z");
    const staff = await db.user.findMany({
      where: {
        role: "STAFF",
        active: true,
        mustChangePassword: false,
        username: { notIn: ["jian", "yingtan", "yichun", "fuzhou", "jiujiang"] },
      },
      orderBy: { id: "asc" },
      take: 40,
      select: { username: true },
    });
    expect(staff).toHaveLength(40);
    const results = await Promise.all(staff.map(({ username }) => signIn(username, DEMO_PASSWORD, "10.40.0.1", now)));
    expect(results.filter((result) => result.ok)).toHaveLength(40);
    // The same user signing in again and again (a shared office PC) is never limited either.
    for (let attempt = 0; attempt < 12; attempt += 1)
      expect((await signIn(staff[0]!.username, DEMO_PASSWORD, "10.40.0.1", minutes(now, 1))).ok).toBe(true);
    expect(await counter("", "10.40.0.1")).toBeNull();
    expect(await db.signInAttempt.count({ where: { address: "10.40.0.1", success: true } })).toBe(52);
    // Their audit rows, written at the same moment, still chain in the order of their ids.
    expect((await checkAuditChain()).brokenAt).toBeNull();
  });

  it("counts wrong passwords checked in parallel, every one, and engages the lock exactly once", async () => {
    const start = new Date("2026-11-25T02:00:00Z");
    const { wait } = recordedWaits();
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => signIn("jian", `Wrong#Password${i}`, "10.1.1.1", start, wait)));
    // Four told the password was wrong, the fifth engaged the lock, three more found it engaged.
    expect(refusals(results)).toEqual(["invalid", "invalid", "invalid", "invalid", "locked", "locked", "locked", "locked"]);
    expect(await counter("jian", "10.1.1.1")).toEqual({ failures: 8, lockedUntil: minutes(start, 15) });
    expect((await counter("jian", ""))?.failures).toBe(8);
    expect((await counter("", "10.1.1.1"))?.failures).toBe(8);
    const actions = await auditActions("jian");
    expect(actions.filter((action) => action === "auth.signin_failed")).toHaveLength(4);
    expect(actions.filter((action) => action === "auth.lockout")).toHaveLength(1);
    expect(actions.filter((action) => action === "auth.locked")).toHaveLength(3);
  });

  it("locks the account for the address that failed, the right password included, until the lock ends; audited step by step", async () => {
    const start = new Date("2026-11-25T03:00:00Z");
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expect(await signIn("fuzhou", "Wrong#Password1", "10.5.5.5", minutes(start, attempt / 10))).toEqual({
        ok: false,
        refusal: "invalid",
      });
    }
    expect(await signIn("fuzhou", "Wrong#Password1", "10.5.5.5", minutes(start, 1))).toEqual({ ok: false, refusal: "locked" });
    expect(await signIn("fuzhou", DEMO_PASSWORD, "10.5.5.5", minutes(start, 2))).toEqual({ ok: false, refusal: "locked" });
    expect((await signIn("fuzhou", DEMO_PASSWORD, "10.5.5.5", minutes(start, 16))).ok).toBe(true);
    // The success ends the streak: the next wrong password is the first again.
    expect(await counter("fuzhou", "10.5.5.5")).toBeNull();
    expect(await auditActions("fuzhou")).toEqual([
      ...Array<string>(4).fill("auth.signin_failed"),
      "auth.lockout",
      "auth.locked",
      "auth.signin",
    ]);
    const lockout = await db.auditLog.findFirstOrThrow({ where: { entityId: "fuzhou", action: "auth.lockout" } });
    expect(lockout.after).toMatchObject({
      address: "10.5.5.5",
      failuresForAccountFromAddress: 5,
      lockedUntil: minutes(start, 16).toISOString(),
    });
  });

  it("does not let a locked-out attacker lock the real user out from another address", async () => {
    const start = new Date("2026-11-25T04:00:00Z");
    const { wait } = recordedWaits();
    for (let attempt = 0; attempt < 5; attempt += 1)
      await signIn("yingtan", `Guess#${attempt}xyzw`, "10.66.6.6", minutes(start, attempt / 10), wait);
    expect(await signIn("yingtan", DEMO_PASSWORD, "10.66.6.6", minutes(start, 1), wait)).toEqual({ ok: false, refusal: "locked" });
    const real = await signIn("yingtan", DEMO_PASSWORD, "10.77.7.7", minutes(start, 1), wait);
    expect(real.ok).toBe(true);
  });

  it("treats an unknown username exactly like a real one, lock included, so probing reveals nothing", async () => {
    const start = new Date("2026-11-25T05:00:00Z");
    const results = [];
    for (let attempt = 0; attempt < 6; attempt += 1)
      results.push(await signIn("nosuchunit", "Wrong#Password1", "10.8.8.8", minutes(start, attempt / 10)));
    expect(results.map((result) => (result.ok ? "ok" : result.refusal))).toEqual([
      "invalid",
      "invalid",
      "invalid",
      "invalid",
      "locked",
      "locked",
    ]);
  });
});

describe("failures per address and per account", () => {
  it("stops an address after 30 failures on any accounts, and only that address, for 15 minutes", async () => {
    const start = new Date("2026-11-25T06:00:00Z");
    for (let attempt = 0; attempt < 30; attempt += 1) {
      expect(await signIn(`nobody${attempt}`, "x", "10.2.2.2", minutes(start, attempt / 10))).toEqual({ ok: false, refusal: "invalid" });
    }
    expect(await signIn("nanchang", DEMO_PASSWORD, "10.2.2.2", minutes(start, 4))).toEqual({ ok: false, refusal: "rate_limited" });
    expect((await signIn("nanchang", DEMO_PASSWORD, "10.2.2.3", minutes(start, 4))).ok).toBe(true);
    expect((await signIn("nanchang", DEMO_PASSWORD, "10.2.2.2", minutes(start, 16))).ok).toBe(true);
    expect(await db.auditLog.count({ where: { action: "auth.rate_limited", after: { path: ["address"], equals: "10.2.2.2" } } })).toBe(1);
  });

  it("slows a much-guessed account (from many addresses) by a growing delay, yet lets the real user in", async () => {
    const start = new Date("2026-11-25T07:00:00Z");
    const { waits, wait } = recordedWaits();
    // Ten failures spread over three addresses, none of them locked yet.
    for (let attempt = 0; attempt < 10; attempt += 1) {
      expect(await signIn("yichun", "Wrong#Password1", `10.3.3.${Math.floor(attempt / 4)}`, minutes(start, attempt / 10), wait)).toEqual({
        ok: false,
        refusal: "invalid",
      });
    }
    expect(waits).toEqual([]);
    for (let attempt = 0; attempt < 5; attempt += 1)
      await signIn("yichun", "Wrong#Password1", `10.3.4.${attempt}`, minutes(start, 2), wait);
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16_000]);
    const real = await signIn("yichun", DEMO_PASSWORD, "10.3.9.9", minutes(start, 3), wait);
    expect(real.ok).toBe(true);
    expect(waits.at(-1)).toBe(16_000);
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: "yichun", action: "auth.signin" }, orderBy: { id: "desc" } });
    expect(audit.after).toMatchObject({ address: "10.3.9.9", delaySeconds: 16 });
  });
});

describe("sessions", () => {
  it("are opened by a sign-in and ended by signing out, after which the same cookie's session is gone", async () => {
    const result = await signIn("pingxiang", DEMO_PASSWORD, "10.9.0.1");
    if (!result.ok) throw new Error("sign-in failed");
    const userId = result.user.id;
    expect(await findSessionUser(userId, result.sessionId)).toMatchObject({ username: "pingxiang" });
    expect(await findSessionUser(userId + 1, result.sessionId)).toBeNull();
    expect(await endSession(result.sessionId)).toBe(true);
    expect(await findSessionUser(userId, result.sessionId)).toBeNull();
    expect(await db.userSession.count({ where: { id: result.sessionId } })).toBe(0);
  });

  it("count as ended after their absolute lifetime, and expired rows are cleared by later sign-ins", async () => {
    const old = await signIn("pingxiang", DEMO_PASSWORD, "10.9.0.2", new Date(Date.now() - 13 * 3600_000));
    if (!old.ok) throw new Error("sign-in failed");
    expect(await findSessionUser(old.user.id, old.sessionId)).toBeNull();
    expect(await db.userSession.count({ where: { id: old.sessionId } })).toBe(1);
    const expired = () => db.userSession.count({ where: { expiresAt: { lte: new Date() } } });
    const before = await expired();
    expect((await signIn("pingxiang", DEMO_PASSWORD, "10.9.0.2")).ok).toBe(true);
    // Each sign-in clears up to 100 of them (a bounded statement, whatever has piled up).
    expect(await expired()).toBe(Math.max(0, before - 100));
  });
});

describe("changing a password", () => {
  it("needs the current password, refuses the last five, ends every session and clears the forced change", async () => {
    const admin = await db.user.findUniqueOrThrow({ where: { username: "admin" }, select: { id: true } });
    await createUser(
      createUserSchema.parse({ username: "pw.tester", displayName: "改密测试", role: "LEADER", password: "Initial#Pass01" }),
      admin.id,
    );
    const user = await db.user.findUniqueOrThrow({
      where: { username: "pw.tester" },
      select: { id: true, sessionVersion: true, mustChangePassword: true },
    });
    expect(user.mustChangePassword).toBe(true);
    const session = await signIn("pw.tester", "Initial#Pass01", "10.4.4.4");
    if (!session.ok) throw new Error("sign-in failed");

    await expect(changePassword(user.id, "Wrong#Pass001", "Second#Pass02", "10.4.4.4")).rejects.toThrow("当前密码不正确");
    await changePassword(user.id, "Initial#Pass01", "Second#Pass02", "10.4.4.4");
    expect(await findSessionUser(user.id, session.sessionId)).toBeNull();
    await changePassword(user.id, "Second#Pass02", "Third#Pass003", "10.4.4.4");
    await expect(changePassword(user.id, "Third#Pass003", "Initial#Pass01", "10.4.4.4")).rejects.toThrow(
      "新密码不能与最近 5 次使用过的密码相同",
    );
    await expect(changePassword(user.id, "Third#Pass003", "Second#Pass02", "10.4.4.4")).rejects.toThrow(
      "新密码不能与最近 5 次使用过的密码相同",
    );

    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { sessionVersion: true, mustChangePassword: true } });
    expect(stored).toEqual({ sessionVersion: user.sessionVersion + 2, mustChangePassword: false });
    expect(await db.userSession.count({ where: { userId: user.id } })).toBe(0);
    expect((await signIn("pw.tester", "Third#Pass003", "10.4.4.4")).ok).toBe(true);
    expect(await db.auditLog.count({ where: { action: "auth.password_change", entityId: String(user.id) } })).toBe(2);
  });

  it("limits wrong current passwords like sign-ins: audited, locked from that address after five, sign-in there too", async () => {
    const start = new Date("2026-11-25T08:00:00Z");
    const { wait } = recordedWaits();
    const leader = await db.user.findUniqueOrThrow({ where: { username: "leader" }, select: { id: true, passwordHash: true } });
    const attempt = (current: string, address: string, at: Date) => changePassword(leader.id, current, "Brand#NewPass1", address, at, wait);
    for (let i = 1; i <= 4; i += 1)
      await expect(attempt(`Wrong#Current${i}`, "10.12.0.1", minutes(start, i / 10))).rejects.toThrow("当前密码不正确");
    const locked = "当前密码连续 5 次输入错误，该账号已在当前网络地址锁定 15 分钟，请稍后再试。";
    await expect(attempt("Wrong#Current5", "10.12.0.1", minutes(start, 1))).rejects.toThrow(locked);
    // Even the right current password is refused from there while the lock lasts; nothing changes.
    await expect(attempt(DEMO_PASSWORD, "10.12.0.1", minutes(start, 2))).rejects.toThrow(locked);
    expect(await signIn("leader", DEMO_PASSWORD, "10.12.0.1", minutes(start, 2), wait)).toEqual({ ok: false, refusal: "locked" });
    expect((await db.user.findUniqueOrThrow({ where: { id: leader.id }, select: { passwordHash: true } })).passwordHash).toBe(
      leader.passwordHash,
    );

    const audit = await db.auditLog.findMany({
      where: { entityId: "leader", after: { path: ["during"], equals: "password change" } },
      orderBy: { id: "asc" },
      select: { action: true, actorId: true, after: true },
    });
    expect(audit.map((row) => row.action)).toEqual([
      ...Array<string>(4).fill("auth.password_change_failed"),
      "auth.lockout",
      "auth.locked",
    ]);
    expect(audit.every((row) => row.actorId === leader.id)).toBe(true);
    expect(audit[0]?.after).toMatchObject({ address: "10.12.0.1", reason: "wrong current password" });
  });
});
