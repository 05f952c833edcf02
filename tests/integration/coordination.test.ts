/**
 * 需协调事项 against a real database: a unit raises a problem on a task it carries (from its
 * report), the addressed unit answers, the raising unit closes it; who may see, answer and close
 * is checked on the server; every write is audited and versioned; the quarterly brief counts the
 * issues raised, closed and still open in its period.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findActiveSessionUser, type SessionUser } from "@/lib/auth/accounts";
import { closeIssue, coordinationInPeriod, getIssue, listIssues, raiseIssue, replyToIssue } from "@/lib/coordination/coordination";
import { closeIssueSchema, raiseIssueSchema, replyIssueSchema } from "@/lib/coordination/schemas";
import { AppError, StaleWriteError } from "@/lib/core/errors";
import { seededPrisma } from "../support/database";

const db = seededPrisma();
afterAll(async () => {
  // The files after this one see task 57 as seeded.
  await db.coordinationIssue.deleteMany({ where: { task: { number: TASK } } });
  await db.progressReport.delete({ where: { id: reportId } });
  await db.$disconnect();
});

const TASK = 57;
const users: Record<string, SessionUser> = {};
let reportId: number;
let startedAt: Date;

beforeAll(async () => {
  startedAt = new Date();
  for (const username of ["nanchang", "zjt", "zrzyt", "ganzhou", "reviewer", "leader", "admin"]) {
    const row = await db.user.findUniqueOrThrow({ where: { username }, select: { id: true } });
    users[username] = (await findActiveSessionUser(row.id))!;
  }
  const task = await db.task.findUniqueOrThrow({ where: { number: TASK }, select: { id: true } });
  const report = await db.progressReport.create({
    data: {
      taskId: task.id,
      unitId: users.nanchang!.unitId!,
      year: 2026,
      quarter: 3,
      progressState: "BEHIND",
      percent: 40,
      progress: "项目用地报批滞后。",
      updatedById: users.nanchang!.id,
    },
  });
  reportId = report.id;
});

const raise = (username: string, fields: Record<string, string> = {}) =>
  raiseIssue(
    raiseIssueSchema.parse({
      taskNumber: String(TASK),
      reportId: String(reportId),
      addressedTo: "zrzyt",
      title: "项目用地指标不足",
      detail: "赣江新区污水处理厂扩建项目用地指标未落实，需省自然资源厅统筹解决。",
      deadline: "2026-12-31",
      ...fields,
    }),
    users[username]!,
  );
const version = async (id: number) => (await db.coordinationIssue.findUniqueOrThrow({ where: { id } })).version;
const reply = async (username: string, id: number, text = "已纳入年度用地计划统筹安排。") =>
  replyToIssue(replyIssueSchema.parse({ issueId: String(id), version: String(await version(id)), text }), users[username]!);
const close = async (username: string, id: number) =>
  closeIssue(
    closeIssueSchema.parse({ issueId: String(id), version: String(await version(id)), closingNote: "用地指标已下达。" }),
    users[username]!,
  );
const codeOf = (error: unknown) => (error instanceof AppError ? error.code : String(error));

describe("raising a coordination problem", () => {
  it("stores the issue from the unit's report, addressed to the unit asked to act, and audits it", async () => {
    const id = await raise("nanchang");
    const row = await db.coordinationIssue.findUniqueOrThrow({ where: { id }, include: { addressedToUnit: true, raisedByUnit: true } });
    expect(row).toMatchObject({
      reportId,
      toLeadership: false,
      status: "OPEN",
      version: 1,
      title: "项目用地指标不足",
      closedAt: null,
    });
    expect(row.addressedToUnit?.code).toBe("zrzyt");
    expect(row.raisedByUnit.code).toBe("nanchang");
    expect(row.deadline?.toISOString().slice(0, 10)).toBe("2026-12-31");
    const audit = await db.auditLog.findFirstOrThrow({ where: { entity: "CoordinationIssue", entityId: String(id) } });
    expect(audit).toMatchObject({ action: "coordination.raise", actorId: users.nanchang!.id });
    expect(audit.after).toMatchObject({ task: TASK, addressedTo: "省自然资源厅", reportId });
  });

  it("refuses a non-staff user, a unit not on the task, its own unit as addressee and another unit's report, storing nothing", async () => {
    const count = await db.coordinationIssue.count();
    expect(codeOf(await raise("admin").catch((error: unknown) => error))).toBe("FORBIDDEN");
    expect(codeOf(await raise("reviewer").catch((error: unknown) => error))).toBe("FORBIDDEN");
    const notOnTask = await db.task.findFirstOrThrow({ where: { units: { none: { unit: { code: "zjt" } } } }, select: { number: true } });
    const outsider = await raiseIssue(
      raiseIssueSchema.parse({ taskNumber: String(notOnTask.number), addressedTo: "leadership", title: "问题", detail: "说明" }),
      users.zjt!,
    ).catch((error: unknown) => error);
    expect(codeOf(outsider)).toBe("FORBIDDEN");
    expect((outsider as Error).message).toContain("不是任务");
    await expect(raise("nanchang", { addressedTo: "nanchang" })).rejects.toThrow("不能向本单位提出需协调事项");
    await expect(raise("ganzhou")).rejects.toThrow("所选报告不是本单位该任务的报告");
    expect(() => raiseIssueSchema.parse({ taskNumber: "57", addressedTo: "", title: "", detail: "" })).toThrow("请填写事项名称");
    expect(await db.coordinationIssue.count()).toBe(count);
  });
});

describe("answering and closing a coordination problem", () => {
  it("shows the issue to the two units, the reviewer and leaders only", async () => {
    const id = await raise("nanchang", { title: "可见范围" });
    for (const username of ["nanchang", "zrzyt", "reviewer", "leader"]) {
      expect(
        (await listIssues(users[username]!)).map((issue) => issue.id),
        username,
      ).toContain(id);
      expect(await getIssue(users[username]!, id), username).not.toBeNull();
    }
    for (const username of ["ganzhou", "admin"]) {
      expect(
        (await listIssues(users[username]!)).map((issue) => issue.id),
        username,
      ).not.toContain(id);
      expect(await getIssue(users[username]!, id), username).toBeNull();
    }
    expect((await listIssues(users.reviewer!, { status: "CLOSED" })).map((issue) => issue.id)).not.toContain(id);
  });

  it("takes the addressed unit's reply (已答复), refuses others and a stale version, then closes by the raising unit", async () => {
    const id = await raise("nanchang", { title: "答复与办结" });
    expect(codeOf(await reply("ganzhou", id).catch((error: unknown) => error))).toBe("NOT_FOUND");
    expect(codeOf(await reply("nanchang", id).catch((error: unknown) => error))).toBe("FORBIDDEN");
    expect(await db.coordinationReply.count({ where: { issueId: id } })).toBe(0);

    await reply("zrzyt", id);
    const answered = await db.coordinationIssue.findUniqueOrThrow({ where: { id }, include: { replies: true } });
    expect(answered).toMatchObject({ status: "ANSWERED", version: 2 });
    expect(answered.replies.map((item) => [item.authorId, item.text])).toEqual([[users.zrzyt!.id, "已纳入年度用地计划统筹安排。"]]);

    const stale = await replyToIssue(
      replyIssueSchema.parse({ issueId: String(id), version: "1", text: "重复答复" }),
      users.reviewer!,
    ).catch((error: unknown) => error);
    expect(stale).toBeInstanceOf(StaleWriteError);
    expect((stale as Error).message).toMatch(/已于 .+ 更新了该事项/);
    expect(await db.coordinationReply.count({ where: { issueId: id } })).toBe(1);

    expect(codeOf(await close("zrzyt", id).catch((error: unknown) => error))).toBe("FORBIDDEN");
    await close("nanchang", id);
    const closed = await db.coordinationIssue.findUniqueOrThrow({ where: { id } });
    expect(closed).toMatchObject({ status: "CLOSED", closingNote: "用地指标已下达。", version: 3 });
    expect(closed.closedAt).not.toBeNull();
    await expect(reply("zrzyt", id)).rejects.toThrow("该事项已办结");

    const actions = await db.auditLog.findMany({ where: { entity: "CoordinationIssue", entityId: String(id) }, orderBy: { id: "asc" } });
    expect(actions.map((row) => row.action)).toEqual(["coordination.raise", "coordination.reply", "coordination.close"]);
  });

  it("lets leaders answer a problem raised to the leadership and the reviewer close it", async () => {
    const id = await raise("nanchang", { addressedTo: "leadership", title: "跨部门资金统筹" });
    const row = await db.coordinationIssue.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ toLeadership: true, addressedToUnitId: null });
    expect((await getIssue(users.nanchang!, id))?.addressedTo).toBe("省领导");
    expect(codeOf(await reply("zrzyt", id).catch((error: unknown) => error))).toBe("NOT_FOUND");
    await reply("leader", id, "请省财政厅牵头研究。");
    await close("reviewer", id);
    expect((await db.coordinationIssue.findUniqueOrThrow({ where: { id } })).status).toBe("CLOSED");
  });
});

describe("the quarterly brief's coordination section", () => {
  it("counts the issues raised and closed in the period and those still open at its end", async () => {
    const period = { since: startedAt, until: new Date() };
    const brief = await coordinationInPeriod(period);
    const mine = await db.coordinationIssue.findMany({ where: { createdAt: { gt: startedAt } }, select: { id: true, status: true } });
    expect(brief.raised.map((issue) => issue.id).sort()).toEqual(mine.map((issue) => issue.id).sort());
    expect(brief.closed.map((issue) => issue.id).sort()).toEqual(
      mine
        .filter((issue) => issue.status === "CLOSED")
        .map((issue) => issue.id)
        .sort(),
    );
    expect(brief.open.map((issue) => issue.id).sort()).toEqual(
      mine
        .filter((issue) => issue.status !== "CLOSED")
        .map((issue) => issue.id)
        .sort(),
    );
    // Before any of them was raised, none counts.
    const earlier = await coordinationInPeriod({ since: new Date(startedAt.getTime() - 60_000), until: new Date(startedAt.getTime() - 1) });
    expect(earlier.raised.filter((issue) => mine.some((own) => own.id === issue.id))).toEqual([]);
  });
});
