import { afterAll, describe, expect, it } from "vitest";
import { changePassword, findActiveSessionUser, findSessionUser, signIn, verifyCredentials } from "@/lib/auth/accounts";
import { createUser, listUsers, resetPassword, setUserActive, updateUser } from "@/lib/admin/users";
import { DEFAULT_SIGN_IN_HELP, getSignInHelp, setSignInHelp } from "@/lib/admin/settings";
import { setTaskLeadUnit } from "@/lib/plan/lead-unit";
import { StaleWriteError } from "@/lib/core/errors";
import { createUserSchema, resetPasswordSchema, setUserActiveSchema, updateUserSchema } from "@/lib/admin/schemas";
import { DEMO_PASSWORD } from "@/prisma/seed-data/demo-accounts";
import { seededPrisma } from "../support/database";

const db = seededPrisma();
afterAll(() => db.$disconnect());

const idOf = async (username: string) => (await db.user.findUniqueOrThrow({ where: { username }, select: { id: true } })).id;

describe("sign-in credentials", () => {
  it("accepts the right password and reports role and unit", async () => {
    const user = await verifyCredentials("nanchang", DEMO_PASSWORD);
    expect(user).toMatchObject({ username: "nanchang", role: "STAFF", unitCode: "nanchang", unitName: "南昌市" });
    const stored = await db.user.findUniqueOrThrow({ where: { username: "nanchang" }, select: { lastSignInAt: true } });
    expect(stored.lastSignInAt).toBeInstanceOf(Date);
  });

  it("refuses a wrong password and an unknown user alike", async () => {
    expect(await verifyCredentials("nanchang", "wrong-password")).toBeNull();
    expect(await verifyCredentials("nobody", DEMO_PASSWORD)).toBeNull();
  });

  it("stores passwords as Argon2id hashes, never in clear", async () => {
    const [row] = await db.$queryRaw<{ passwordHash: string }[]>`SELECT "passwordHash" FROM "User" WHERE username = 'leader'`;
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row?.passwordHash).not.toContain(DEMO_PASSWORD);
  });

  it("never returns password hashes from ordinary queries", async () => {
    const user = await db.user.findUniqueOrThrow({ where: { username: "leader" } });
    expect(user).not.toHaveProperty("passwordHash");
  });
});

describe("account administration", () => {
  it("creates a staff account bound to a unit and audits it", async () => {
    const adminId = await idOf("admin");
    const input = createUserSchema.parse({
      username: "ganzhou.li",
      displayName: "李四",
      role: "STAFF",
      unitCode: "ganzhou",
      password: "Ganzhou#2026x",
    });
    await createUser(input, adminId);
    const created = await db.user.findUniqueOrThrow({
      where: { username: "ganzhou.li" },
      select: { role: true, mustChangePassword: true, unit: { select: { code: true } } },
    });
    expect(created).toEqual({ role: "STAFF", mustChangePassword: true, unit: { code: "ganzhou" } });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "user.create" }, orderBy: { id: "desc" } });
    expect(audit.actorId).toBe(adminId);
    expect(audit.after).toMatchObject({ username: "ganzhou.li", unit: "赣州市" });
    expect(JSON.stringify(audit.after)).not.toContain("Ganzhou#2026x");
    expect(await verifyCredentials("ganzhou.li", "Ganzhou#2026x")).not.toBeNull();
  });

  it("refuses a duplicate username and changes nothing", async () => {
    const before = await db.user.count();
    const input = createUserSchema.parse({ username: "leader", displayName: "x", role: "LEADER", password: "Another#Pass99" });
    await expect(createUser(input, await idOf("admin"))).rejects.toMatchObject({
      message: "用户名已存在",
      fieldErrors: { username: ["该用户名已被使用"] },
    });
    expect(await db.user.count()).toBe(before);
  });

  it.each([
    [{ username: "A B", displayName: "x", role: "LEADER", password: "Valid#Pass123" }, "用户名只能包含小写字母"],
    [{ username: "staff1", displayName: "x", role: "STAFF", password: "Valid#Pass123" }, "填报人必须绑定一个单位"],
    [{ username: "weak", displayName: "x", role: "LEADER", password: "short" }, "密码至少 10 位"],
    [{ username: "weak2", displayName: "x", role: "LEADER", password: "alllowercaseletters" }, "至少三类"],
    [{ username: "norole", displayName: "x", role: "ROOT", password: "Valid#Pass123" }, "请选择角色"],
  ])("validates %o in Chinese", (input, message) => {
    const parsed = createUserSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.message).join("；")).toContain(message);
  });

  it("deactivating an account ends its sessions and blocks sign-in", async () => {
    const adminId = await idOf("admin");
    const before = await db.user.findUniqueOrThrow({ where: { username: "jiujiang" }, select: { id: true, sessionVersion: true } });
    await setUserActive("jiujiang", false, adminId);
    expect(await verifyCredentials("jiujiang", DEMO_PASSWORD)).toBeNull();
    expect(await findActiveSessionUser(before.id)).toBeNull();
    await setUserActive("jiujiang", true, adminId);
    const after = await findActiveSessionUser(before.id);
    expect(after?.sessionVersion).toBe(before.sessionVersion + 2);
    await expect(setUserActive("admin", false, adminId)).rejects.toThrow("不能停用自己的账号");
  });
});

/** Accounts of this file's own, so no other test file finds a demo account changed. */
async function ownStaff(username: string, unitCode: string, displayName = `${username}填报人`) {
  await createUser(createUserSchema.parse({ username, displayName, role: "STAFF", unitCode, password: "Own#Account2026" }), null);
  return username;
}

describe("password reset by the admin", () => {
  it("issues a temporary password shown once, ends every session, forces a change at the next sign-in, and is audited without the password", async () => {
    const adminId = await idOf("admin");
    const username = await ownStaff("reset.shangrao", "shangrao");
    const userId = await idOf(username);
    const before = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { sessionVersion: true } });
    const open = await signIn(username, "Own#Account2026", "10.0.0.7");
    expect(open.ok).toBe(true);
    const sessionId = open.ok ? open.sessionId : "";

    const temporary = await resetPassword(resetPasswordSchema.parse({ username, mode: "generate" }), adminId);
    expect(temporary).toHaveLength(14);
    const stored = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { mustChangePassword: true, sessionVersion: true } });
    expect(stored).toEqual({ mustChangePassword: true, sessionVersion: before.sessionVersion + 1 });
    expect(await findSessionUser(userId, sessionId)).toBeNull();
    expect(await db.userSession.count({ where: { userId } })).toBe(0);

    expect(await verifyCredentials(username, "Own#Account2026")).toBeNull();
    const signedIn = await verifyCredentials(username, temporary);
    expect(signedIn).toMatchObject({ username, mustChangePassword: true });

    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "user.password_reset", entityId: String(userId) },
      orderBy: { id: "desc" },
    });
    expect(audit.actorId).toBe(adminId);
    expect(audit.after).toMatchObject({ username, generated: true, mustChangePassword: true });
    expect(JSON.stringify(audit.after)).not.toContain(temporary);

    // The forced change: the temporary password is the current one; the old one cannot come back.
    await expect(changePassword(userId, temporary, "Own#Account2026")).rejects.toThrow("新密码不能与最近");
    await changePassword(userId, temporary, "Shangrao#New2026");
    expect(await verifyCredentials(username, "Shangrao#New2026")).toMatchObject({ mustChangePassword: false });
  });

  it("takes a temporary password the admin types when it meets the policy, and refuses the admin's own account", async () => {
    const adminId = await idOf("admin");
    expect(resetPasswordSchema.safeParse({ username: "yichun", mode: "set", password: "short" }).error?.issues[0]?.message).toBe(
      "密码至少 10 位",
    );
    const username = await ownStaff("reset.yichun", "yichun");
    await resetPassword(resetPasswordSchema.parse({ username, mode: "set", password: "Yichun#Temp2026" }), adminId);
    expect(await verifyCredentials(username, "Yichun#Temp2026")).toMatchObject({ mustChangePassword: true });
    await expect(resetPassword({ username: "admin", mode: "generate" }, adminId)).rejects.toThrow("不能重置自己的密码");
  });
});

describe("editing accounts", () => {
  const edit = (fields: Record<string, string>) =>
    updateUserSchema.parse({
      username: "leader",
      displayName: "省领导",
      role: "LEADER",
      unitCode: "",
      wasDisplayName: "省领导",
      wasRole: "LEADER",
      wasUnitCode: "",
      ...fields,
    });

  it("changes name, role and unit, audited field by field, and keeps the unit rule of each role", async () => {
    const adminId = await idOf("admin");
    await updateUser(
      updateUserSchema.parse({
        username: "pingxiang",
        displayName: "萍乡市填报人（王五）",
        role: "STAFF",
        unitCode: "pingxiang",
        wasDisplayName: "萍乡市填报人",
        wasRole: "STAFF",
        wasUnitCode: "pingxiang",
      }),
      adminId,
    );
    const stored = await db.user.findUniqueOrThrow({ where: { username: "pingxiang" }, select: { id: true, displayName: true } });
    expect(stored.displayName).toBe("萍乡市填报人（王五）");
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "user.update", entityId: String(stored.id) },
      orderBy: { id: "desc" },
    });
    expect(audit.before).toMatchObject({ displayName: "萍乡市填报人", unit: "萍乡市" });
    expect(audit.after).toMatchObject({ displayName: "萍乡市填报人（王五）", unit: "萍乡市" });

    expect(updateUserSchema.safeParse({ ...edit({}), role: "STAFF", unitCode: "" }).error?.issues[0]?.message).toBe(
      "填报人必须绑定一个单位",
    );
    expect(updateUserSchema.safeParse({ ...edit({}), unitCode: "nanchang" }).error?.issues[0]?.message).toBe("该角色不绑定单位");
  });

  it("refuses an edit of an account changed since the form was loaded, naming who changed it", async () => {
    const adminId = await idOf("admin");
    await updateUser(edit({ displayName: "省领导（甲）" }), adminId);
    await expect(updateUser(edit({ displayName: "省领导（乙）" }), adminId)).rejects.toThrow(/系统管理员 已于 .* 修改了该账号/);
    expect((await db.user.findUniqueOrThrow({ where: { username: "leader" }, select: { displayName: true } })).displayName).toBe(
      "省领导（甲）",
    );
    await updateUser(edit({ displayName: "省领导", wasDisplayName: "省领导（甲）" }), adminId);
    await expect(
      updateUser(
        edit({ username: "admin", displayName: "系统管理员", role: "LEADER", wasDisplayName: "系统管理员", wasRole: "ADMIN" }),
        adminId,
      ),
    ).rejects.toThrow("不能修改自己的角色");
  });

  it("finds accounts by username, name or unit, a page at a time", async () => {
    expect((await listUsers({ q: "赣州", page: 1 })).rows.map((row) => row.username)).toContain("ganzhou");
    // Other test files create accounts of their own (e.g. "nanchang.versioned"): every match, and only matches.
    const nanchang = (await listUsers({ q: "NANCHANG", page: 1 })).rows.map((row) => row.username);
    expect(nanchang).toContain("nanchang");
    expect(nanchang.every((username) => username.includes("nanchang"))).toBe(true);
    expect((await listUsers({ q: "审计员", page: 1 })).rows.map((row) => row.username)).toEqual(["auditor"]);
    const all = await listUsers({ page: 1 });
    expect(all.total).toBe(await db.user.count());
    expect(all.rows.length).toBe(Math.min(all.total, 50));
    const second = await listUsers({ page: 2 });
    expect(second.rows.map((row) => row.username)).not.toContain(all.rows[0]!.username);
    expect(all.pages).toBe(Math.ceil(all.total / 50));
  });

  it("deactivates only with the confirmation step's field", () => {
    expect(setUserActiveSchema.safeParse({ username: "fgw", active: "false" }).error?.issues[0]?.path).toEqual(["confirm"]);
    expect(setUserActiveSchema.safeParse({ username: "fgw", active: "false", confirm: "kjt" }).success).toBe(false);
    expect(setUserActiveSchema.safeParse({ username: "fgw", active: "false", confirm: "fgw" }).success).toBe(true);
    expect(setUserActiveSchema.safeParse({ username: "fgw", active: "true" }).success).toBe(true);
  });
});

describe("the sign-in page's forgotten-password text", () => {
  it("is a neutral default until the admin sets one, versioned and audited", async () => {
    const adminId = await idOf("admin");
    expect(await getSignInHelp()).toEqual({ text: DEFAULT_SIGN_IN_HELP, version: 0 });
    expect(DEFAULT_SIGN_IN_HELP).not.toMatch(/\d{3,}/);
    await setSignInHelp({ text: "忘记密码请联系省生态环境厅信息中心（电话：0791-00000000）。", version: 0 }, adminId);
    expect(await getSignInHelp()).toEqual({ text: "忘记密码请联系省生态环境厅信息中心（电话：0791-00000000）。", version: 1 });
    await expect(setSignInHelp({ text: "基于旧版", version: 0 }, adminId)).rejects.toBeInstanceOf(StaleWriteError);
    const audit = await db.auditLog.findFirstOrThrow({ where: { entity: "Setting", entityId: "signInHelpText" }, orderBy: { id: "desc" } });
    expect(audit.before).toEqual({ signInHelp: DEFAULT_SIGN_IN_HELP });
    await db.setting.deleteMany({ where: { key: "signInHelpText" } });
  });
});

describe("lead unit (牵头单位)", () => {
  it("is set to one of the task's units, versioned and audited", async () => {
    const adminId = await idOf("admin");
    const task = await db.task.findUniqueOrThrow({ where: { number: 20 }, select: { version: true } });
    await setTaskLeadUnit({ taskNumber: 20, unitCode: "sthjt", version: task.version }, adminId);
    const updated = await db.task.findUniqueOrThrow({
      where: { number: 20 },
      select: { version: true, leadUnit: { select: { shortName: true } } },
    });
    expect(updated).toEqual({ version: task.version + 1, leadUnit: { shortName: "省生态环境厅" } });
    const audit = await db.auditLog.findFirstOrThrow({ where: { entity: "Task", entityId: "20" }, orderBy: { id: "desc" } });
    expect(audit.before).toMatchObject({ leadUnit: null });
    expect(audit.after).toMatchObject({ leadUnit: "省生态环境厅" });
  });

  it("refuses a unit that does not carry the task", async () => {
    const task = await db.task.findUniqueOrThrow({ where: { number: 20 }, select: { version: true } });
    await expect(setTaskLeadUnit({ taskNumber: 20, unitCode: "slt", version: task.version }, await idOf("admin"))).rejects.toThrow(
      "牵头单位必须是该任务的责任单位之一",
    );
  });

  it("refuses a stale edit, naming who changed the task", async () => {
    const adminId = await idOf("admin");
    const { version } = await db.task.findUniqueOrThrow({ where: { number: 21 }, select: { version: true } });
    await setTaskLeadUnit({ taskNumber: 21, unitCode: "zjt", version }, adminId);
    const stale = setTaskLeadUnit({ taskNumber: 21, unitCode: "fgw", version }, adminId);
    await expect(stale).rejects.toBeInstanceOf(StaleWriteError);
    await expect(stale).rejects.toThrow(/系统管理员 已于 .* 修改了该任务/);
    const task = await db.task.findUniqueOrThrow({ where: { number: 21 }, select: { leadUnit: { select: { code: true } } } });
    expect(task.leadUnit?.code).toBe("zjt");
  });
});
