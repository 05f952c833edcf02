/**
 * Sign-in controls against the database: lock after five consecutive failures, rate limits per
 * account and per address, every attempt audited; password change with history and sign-out
 * everywhere.
 */
import { afterAll, describe, expect, it } from "vitest";
import { changePassword, signIn } from "@/lib/auth/accounts";
import { createUser } from "@/lib/admin/users";
import { createUserSchema } from "@/lib/admin/schemas";
import { DEMO_PASSWORD } from "@/prisma/seed-data/demo-accounts";
import { seededPrisma } from "../support/database";

const db = seededPrisma();
afterAll(() => db.$disconnect());
const minutes = (base: Date, count: number) => new Date(base.getTime() + count * 60_000);

describe("signing in", () => {
  it("locks an account for 15 minutes after five wrong passwords, even against the right one, and audits each step", async () => {
    const start = new Date("2026-11-25T02:00:00Z");
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expect(await signIn("jian", "Wrong#Password1", "10.1.1.1", minutes(start, attempt / 10))).toEqual({ ok: false, refusal: "invalid" });
    }
    expect(await signIn("jian", "Wrong#Password1", "10.1.1.1", minutes(start, 1))).toEqual({ ok: false, refusal: "locked" });
    expect(await signIn("jian", DEMO_PASSWORD, "10.1.1.1", minutes(start, 2))).toEqual({ ok: false, refusal: "locked" });
    const after = await signIn("jian", DEMO_PASSWORD, "10.1.1.1", minutes(start, 16));
    expect(after.ok).toBe(true);
    const stored = await db.user.findUniqueOrThrow({ where: { username: "jian" }, select: { failedSignIns: true, lockedUntil: true } });
    expect(stored).toEqual({ failedSignIns: 0, lockedUntil: null });
    const actions = await db.auditLog.findMany({
      where: { entity: "User", entityId: "jian", action: { startsWith: "auth." } },
      orderBy: { id: "asc" },
      select: { action: true },
    });
    expect(actions.map((row) => row.action)).toEqual([
      ...Array<string>(4).fill("auth.signin_failed"),
      "auth.lockout",
      "auth.locked",
      "auth.signin",
    ]);
  });

  it("limits attempts from one address, whatever the account, without revealing which accounts exist", async () => {
    const start = new Date("2026-11-25T03:00:00Z");
    for (let attempt = 0; attempt < 30; attempt += 1) {
      expect((await signIn(`nobody${attempt}`, "x", "10.2.2.2", minutes(start, attempt / 10))).ok).toBe(false);
    }
    expect(await signIn("yingtan", DEMO_PASSWORD, "10.2.2.2", minutes(start, 4))).toEqual({ ok: false, refusal: "rate_limited" });
    expect((await signIn("yingtan", DEMO_PASSWORD, "10.2.2.3", minutes(start, 4))).ok).toBe(true);
    expect((await signIn("yingtan", DEMO_PASSWORD, "10.2.2.2", minutes(start, 20))).ok).toBe(true);
  });

  it("limits attempts on one account from any address", async () => {
    const start = new Date("2026-11-25T04:00:00Z");
    for (let attempt = 0; attempt < 10; attempt += 1) {
      expect((await signIn("yichun", DEMO_PASSWORD, `10.3.3.${attempt}`, minutes(start, attempt / 10))).ok).toBe(true);
    }
    expect(await signIn("yichun", DEMO_PASSWORD, "10.3.3.99", minutes(start, 2))).toEqual({ ok: false, refusal: "rate_limited" });
    expect(await db.auditLog.count({ where: { entityId: "yichun", action: "auth.rate_limited" } })).toBe(1);
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

    await expect(changePassword(user.id, "Wrong#Pass001", "Second#Pass02")).rejects.toThrow("当前密码不正确");
    await changePassword(user.id, "Initial#Pass01", "Second#Pass02");
    await changePassword(user.id, "Second#Pass02", "Third#Pass003");
    await expect(changePassword(user.id, "Third#Pass003", "Initial#Pass01")).rejects.toThrow("新密码不能与最近 5 次使用过的密码相同");
    await expect(changePassword(user.id, "Third#Pass003", "Second#Pass02")).rejects.toThrow("新密码不能与最近 5 次使用过的密码相同");

    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { sessionVersion: true, mustChangePassword: true } });
    expect(stored).toEqual({ sessionVersion: user.sessionVersion + 2, mustChangePassword: false });
    expect((await signIn("pw.tester", "Third#Pass003", "10.4.4.4")).ok).toBe(true);
    expect(await db.auditLog.count({ where: { action: "auth.password_change", entityId: String(user.id) } })).toBe(2);
  });
});
