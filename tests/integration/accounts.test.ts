import { afterAll, describe, expect, it } from "vitest";
import { verifyCredentials, findActiveSessionUser } from "@/lib/auth/accounts";
import { createUser, setUserActive } from "@/lib/admin/users";
import { setTaskLeadUnit } from "@/lib/plan/lead-unit";
import { StaleWriteError } from "@/lib/core/errors";
import { createUserSchema } from "@/lib/admin/schemas";
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
