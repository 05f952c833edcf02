/**
 * Measure lists (年度举措清单) against a real database: a unit's staff save and submit the list
 * for a task it carries, 省生态环境厅 returns or accepts it, a change of an accepted list needs a
 * reason and is a new version; every write leaves its revision and audit row; another unit's staff
 * and the reviewer cannot write it; GET /api/v1/measures answers one item per measure in the
 * contract's shape; the Excel export of the measures desk has one row per milestone with the desk's
 * filters and the reader's scope.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { findActiveSessionUser, type SessionUser } from "@/lib/auth/accounts";
import { AppError, StaleWriteError } from "@/lib/core/errors";
import { measureListFormSchema, measureListInputSchema, measureReviewSchema } from "@/lib/measures/schemas";
import { saveMeasureList } from "@/lib/measures/save-measure-list";
import { reviewMeasureList } from "@/lib/measures/review-measure-list";
import { MeasureListBodySchema } from "@/lib/api/measures.contract";
import { milestoneLight } from "@/lib/measures/milestone-lights";
import { issueApiToken } from "@/lib/admin/api-tokens";
import ExcelJS from "exceljs";
import { seededPrisma } from "../support/database";
import { signInAs, signOut } from "../support/session";

vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: (await import("../support/session")).getFakeServerSession,
}));

const db = seededPrisma();
afterAll(() => db.$disconnect());

const users: Record<string, SessionUser> = {};
beforeAll(async () => {
  for (const username of ["jiujiang", "pingxiang", "reviewer", "admin"]) {
    const row = await db.user.findUniqueOrThrow({ where: { username }, select: { id: true } });
    users[username] = (await findActiveSessionUser(row.id))!;
  }
});

const milestone = (title: string, plannedDate: string) => ({ title, plannedDate, deliverable: `${title}的印发文件` });
const listInput = (taskNumber: number, version: number, extra: Record<string, unknown> = {}) =>
  measureListInputSchema.parse({
    taskNumber: String(taskNumber),
    year: "2026",
    version: String(version),
    role: "SUPPORT",
    measures: [
      {
        text: "开展全市入河排污口排查整治",
        responsible: "市生态环境局 张三",
        fundsPlanned: "120.5",
        fundsSource: "市级财政",
        milestones: [milestone("完成排查", "2026-03-31"), milestone("完成整治方案", "2026-06-30"), milestone("完成整治验收", "2026-12-31")],
      },
    ],
    ...extra,
  });

const review = (list: { id: number; version: number }, decision: "accept" | "return", comment = "") =>
  reviewMeasureList(
    measureReviewSchema.parse({ listId: String(list.id), version: String(list.version), decision, comment }),
    users.reviewer!,
  );

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const revisions = (listId: number) =>
  db.measureListRevision.findMany({
    where: { listId },
    orderBy: { version: "asc" },
    select: { version: true, action: true, status: true, reason: true },
  });
const audits = (listId: number) =>
  db.auditLog.findMany({
    where: { entity: "MeasureList", entityId: String(listId) },
    orderBy: { id: "asc" },
    select: { action: true, actorId: true },
  });

describe("a unit's measure list", () => {
  it("is saved, submitted, returned, resubmitted and accepted, each a version with its revision and audit row", async () => {
    const draft = await saveMeasureList(listInput(5, 0), users.jiujiang!);
    expect(draft).toMatchObject({ version: 1, status: "DRAFT" });
    const stored = await db.measureList.findUniqueOrThrow({
      where: { id: draft.id },
      select: {
        role: true,
        reviewStage: true,
        measures: {
          select: {
            text: true,
            fundsPlanned: true,
            milestones: { orderBy: { position: "asc" }, select: { title: true, plannedDate: true, status: true } },
          },
        },
      },
    });
    expect(stored.role).toBe("SUPPORT");
    expect(stored.reviewStage).toBeNull();
    expect(stored.measures[0]!.fundsPlanned?.toString()).toBe("120.5");
    expect(stored.measures[0]!.milestones.map((row) => [row.title, row.plannedDate.toISOString().slice(0, 10), row.status])).toEqual([
      ["完成排查", "2026-03-31", "PLANNED"],
      ["完成整治方案", "2026-06-30", "PLANNED"],
      ["完成整治验收", "2026-12-31", "PLANNED"],
    ]);

    const submitted = await saveMeasureList(listInput(5, 1, { intent: "submit" }), users.jiujiang!);
    expect(submitted).toMatchObject({ version: 2, status: "SUBMITTED" });
    expect((await db.measureList.findUniqueOrThrow({ where: { id: draft.id } })).reviewStage).toBe("FINAL");
    const locked = await refusal(saveMeasureList(listInput(5, 2), users.jiujiang!));
    expect(locked.message).toContain("已提交待审核");

    const returnWithoutComment = measureReviewSchema.safeParse({ listId: String(draft.id), version: "2", decision: "return" });
    expect(returnWithoutComment.error?.issues[0]?.message).toBe("退回时请填写退回意见");
    expect(await review(submitted, "return", "请补充资金来源")).toMatchObject({ version: 3, status: "RETURNED" });
    const resubmitted = await saveMeasureList(listInput(5, 3, { intent: "submit" }), users.jiujiang!);
    expect(await review(resubmitted, "accept")).toMatchObject({ version: 5, status: "ACCEPTED" });

    expect(await revisions(draft.id)).toEqual([
      { version: 1, action: "measureList.save", status: "DRAFT", reason: null },
      { version: 2, action: "measureList.submit", status: "SUBMITTED", reason: null },
      { version: 3, action: "measureList.return", status: "RETURNED", reason: null },
      { version: 4, action: "measureList.resubmit", status: "SUBMITTED", reason: null },
      { version: 5, action: "measureList.accept", status: "ACCEPTED", reason: null },
    ]);
    expect((await audits(draft.id)).map((row) => [row.action, row.actorId])).toEqual([
      ["measureList.save", users.jiujiang!.id],
      ["measureList.submit", users.jiujiang!.id],
      ["measureList.return", users.reviewer!.id],
      ["measureList.resubmit", users.jiujiang!.id],
      ["measureList.accept", users.reviewer!.id],
    ]);
  });

  it("once accepted, changes only with a reason, as a new version that keeps the milestones it names and goes back to review", async () => {
    const first = await saveMeasureList(listInput(6, 0, { intent: "submit" }), users.jiujiang!);
    const accepted = await review(first, "accept");
    const list = await db.measureList.findUniqueOrThrow({
      where: { id: first.id },
      select: { measures: { select: { id: true, milestones: { orderBy: { position: "asc" }, select: { id: true } } } } },
    });
    const measure = list.measures[0]!;
    // A milestone already recorded done by a quarterly report keeps its state through the change.
    await db.milestone.update({
      where: { id: measure.milestones[0]!.id },
      data: { status: "DONE", doneDate: new Date("2026-03-30T00:00:00Z") },
    });
    const changed = {
      measures: [
        {
          id: String(measure.id),
          text: "开展全市入河排污口排查整治（扩大到县级）",
          responsible: "市生态环境局 李四",
          milestones: [
            { id: String(measure.milestones[0]!.id), ...milestone("完成排查", "2026-03-31") },
            { id: String(measure.milestones[2]!.id), ...milestone("完成整治验收", "2026-11-30") },
          ],
        },
      ],
    };
    const withoutReason = await refusal(saveMeasureList(listInput(6, accepted.version, changed), users.jiujiang!));
    expect(withoutReason.fieldErrors.reason).toEqual(["请填写修改原因（将记入修改历史）"]);
    expect((await db.measureList.findUniqueOrThrow({ where: { id: first.id } })).version).toBe(accepted.version);

    const saved = await saveMeasureList(
      listInput(6, accepted.version, { ...changed, reason: "省里要求扩大排查范围", intent: "submit" }),
      users.jiujiang!,
    );
    expect(saved).toMatchObject({ version: accepted.version + 1, status: "SUBMITTED" });
    const after = await db.measure.findUniqueOrThrow({
      where: { id: measure.id },
      select: {
        text: true,
        milestones: { orderBy: { position: "asc" }, select: { id: true, title: true, status: true, plannedDate: true } },
      },
    });
    expect(after.text).toBe("开展全市入河排污口排查整治（扩大到县级）");
    expect(after.milestones.map((row) => [row.id, row.title, row.status, row.plannedDate.toISOString().slice(0, 10)])).toEqual([
      [measure.milestones[0]!.id, "完成排查", "DONE", "2026-03-31"],
      [measure.milestones[2]!.id, "完成整治验收", "PLANNED", "2026-11-30"],
    ]);
    expect((await revisions(first.id)).at(-1)).toEqual({
      version: saved.version,
      action: "measureList.change",
      status: "SUBMITTED",
      reason: "省里要求扩大排查范围",
    });
    const audit = await db.auditLog.findFirstOrThrow({
      where: { entity: "MeasureList", entityId: String(first.id) },
      orderBy: { id: "desc" },
      select: { action: true, after: true },
    });
    expect(audit.action).toBe("measureList.change");
    expect(audit.after).toMatchObject({ reason: "省里要求扩大排查范围", version: saved.version });
  });

  it("refuses another unit's staff, the reviewer, a stale version and a task the unit does not carry, changing nothing", async () => {
    const mine = await saveMeasureList(listInput(7, 0), users.jiujiang!);
    // 萍乡市 writes its own list for the same task and year: it cannot reach 九江市's.
    const theirs = await saveMeasureList(listInput(7, 0), users.pingxiang!);
    expect(theirs.id).not.toBe(mine.id);
    const reviewerWrite = await refusal(saveMeasureList(listInput(7, 1), users.reviewer!));
    expect(reviewerWrite.code).toBe("FORBIDDEN");
    const stale = await refusal(saveMeasureList(listInput(7, 0), users.jiujiang!));
    expect(stale).toBeInstanceOf(StaleWriteError);
    expect(stale.message).toContain("九江市填报人");
    const staffReview = await refusal(
      reviewMeasureList(measureReviewSchema.parse({ listId: String(mine.id), version: "1", decision: "accept" }), users.pingxiang!),
    );
    expect(staffReview.code).toBe("FORBIDDEN");
    const notCarried = await db.task.findFirst({ where: { units: { none: { unit: { code: "fgw" } } } }, select: { number: true } });
    if (notCarried) {
      const fgw = await db.user.findUniqueOrThrow({ where: { username: "fgw" }, select: { id: true } });
      const refused = await refusal(saveMeasureList(listInput(notCarried.number, 0), (await findActiveSessionUser(fgw.id))!));
      expect(refused.message).toContain(`不承担任务 ${notCarried.number}`);
    }
    expect(await db.measureList.findUniqueOrThrow({ where: { id: mine.id }, select: { version: true, status: true } })).toEqual({
      version: 1,
      status: "DRAFT",
    });
    expect(await revisions(mine.id)).toHaveLength(1);
  });

  it("takes the form's repeated field groups and names each wrong field in Chinese", () => {
    const parsed = measureListFormSchema.safeParse({
      taskNumber: "5",
      year: "2026",
      version: "0",
      role: "LEAD",
      "m.0.text": "举措一",
      "m.0.responsible": "",
      "m.0.ms.0.title": "节点一",
      "m.0.ms.0.plannedDate": "2026-13-01",
      "m.0.ms.0.deliverable": "文件",
      "m.2.text": "举措二",
      "m.2.responsible": "王五",
    });
    expect(parsed.success).toBe(false);
    const messages = Object.fromEntries(parsed.error!.issues.map((issue) => [String(issue.path[0]), issue.message]));
    expect(messages).toEqual({
      "m.0.responsible": "请填写责任人",
      "m.0.ms.0.plannedDate": "日期格式应为 2026-06-30，且须是实际存在的日期",
      "m.1.ms": "每项举措至少要有一个节点",
    });
  });
});

describe("GET /api/v1/measures", () => {
  it("answers one item per measure in the contract's shape: staff their own drafts, tokens accepted lists only, verified from passed checks", async () => {
    const { GET } = await import("@/app/api/v1/measures/route");
    const first = await saveMeasureList(listInput(8, 0, { intent: "submit" }), users.jiujiang!);
    await review(first, "accept");
    const milestoneRow = await db.milestone.findFirstOrThrow({
      where: { measure: { listId: first.id } },
      orderBy: { position: "asc" },
      select: { id: true },
    });
    await db.milestone.update({ where: { id: milestoneRow.id }, data: { status: "DONE", doneDate: new Date("2026-03-20T00:00:00Z") } });
    await db.completionCheck.create({
      data: {
        subject: "MILESTONE",
        milestoneId: milestoneRow.id,
        checkedOn: new Date("2026-04-02T00:00:00Z"),
        method: "DOCUMENTS",
        passed: true,
        finding: "资料齐全",
        verifierId: users.reviewer!.id,
      },
    });
    await saveMeasureList(listInput(9, 0), users.jiujiang!);

    const token = await issueApiToken("举措接口测试", users.admin!.id);
    const byToken = await GET(
      new Request("http://localhost:3000/api/v1/measures?unit=jiujiang&year=2026", { headers: { authorization: `Bearer ${token}` } }),
    );
    expect(byToken.status).toBe(200);
    const body = MeasureListBodySchema.parse(await byToken.json());
    expect(body.data.every((item) => item.status === "ACCEPTED")).toBe(true);
    const item = body.data.find((row) => row.task.number === 8)!;
    expect(item).toMatchObject({
      unit: { code: "jiujiang", name: "九江市", kind: "city" },
      year: 2026,
      role: "SUPPORT",
      text: "开展全市入河排污口排查整治",
    });
    expect(item.milestones[0]).toEqual({
      title: "完成排查",
      plannedDate: "2026-03-31",
      deliverable: "完成排查的印发文件",
      status: "DONE",
      doneDate: "2026-03-20",
      verified: true,
    });
    expect(item.milestones[1]).toMatchObject({ status: "PLANNED", doneDate: null, verified: false });
    expect(body.data.some((row) => row.task.number === 9)).toBe(false);

    await signInAs(db, "jiujiang");
    const own = MeasureListBodySchema.parse(
      await (await GET(new Request("http://localhost:3000/api/v1/measures?task=9&year=2026"))).json(),
    );
    expect(own.data.map((row) => [row.unit.code, row.status])).toEqual([["jiujiang", "DRAFT"]]);
    await signInAs(db, "pingxiang");
    const other = MeasureListBodySchema.parse(
      await (await GET(new Request("http://localhost:3000/api/v1/measures?unit=jiujiang&task=9"))).json(),
    );
    expect(other.data).toEqual([]);
    const bad = await GET(new Request("http://localhost:3000/api/v1/measures?year=1999"));
    expect(bad.status).toBe(400);
    signOut();
    expect((await GET(new Request("http://localhost:3000/api/v1/measures"))).status).toBe(401);
  });
});

describe("GET /api/exports/measures.xlsx", () => {
  /** The sheet's table: the header row (after the preface lines) and the rows under it, as plain values. */
  async function tableOf(response: Response) {
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    const values = sheet.getSheetValues().filter(Boolean) as unknown[][];
    const rows = values.map((row) => row.slice(1));
    const headerAt = rows.findIndex((row) => row[0] === "年度");
    return {
      preface: rows.slice(0, headerAt).map((row) => String(row[0])),
      header: rows[headerAt] as string[],
      rows: rows.slice(headerAt + 1),
    };
  }
  const at = (header: string[], name: string) => header.indexOf(name);

  it("exports one row per milestone with the desk's filters, scoped like the desk, and refuses bad filters in Chinese", async () => {
    const { GET } = await import("@/app/api/exports/measures.xlsx/route");
    const task = 10;
    const accepted = await saveMeasureList(listInput(task, 0, { intent: "submit" }), users.jiujiang!);
    await review(accepted, "accept");
    await saveMeasureList(listInput(task, 0, { intent: "submit" }), users.pingxiang!);
    const url = (query: string) => new Request(`http://localhost:3000/api/exports/measures.xlsx?${query}`);

    await signInAs(db, "reviewer");
    const all = await tableOf(await GET(url(`task=${task}&year=2026`)));
    expect(all.preface[1]).toBe(`筛选条件：任务${task}，2026年度`);
    expect(all.header).toEqual(
      expect.arrayContaining([
        "任务序号",
        "重点任务",
        "单位",
        "角色",
        "举措内容",
        "责任人",
        "计划资金（万元）",
        "节点",
        "计划完成日期",
        "完成标志",
        "节点状态",
        "完成日期",
        "已核查",
        "提交时间（北京时间）",
      ]),
    );
    const { header } = all;
    // Units in the plan's order, each list's milestones in their order.
    expect(all.rows.map((row) => [row[at(header, "单位")], row[at(header, "清单状态")], row[at(header, "节点")]])).toEqual([
      ["萍乡市", "已提交待审核", "完成排查"],
      ["萍乡市", "已提交待审核", "完成整治方案"],
      ["萍乡市", "已提交待审核", "完成整治验收"],
      ["九江市", "已通过", "完成排查"],
      ["九江市", "已通过", "完成整治方案"],
      ["九江市", "已通过", "完成整治验收"],
    ]);
    const first = all.rows[3]!;
    expect(first[at(header, "任务序号")]).toBe(task);
    expect(first[at(header, "角色")]).toBe("配合");
    expect(first[at(header, "举措内容")]).toBe("开展全市入河排污口排查整治");
    expect(first[at(header, "责任人")]).toBe("市生态环境局 张三");
    expect(first[at(header, "计划资金（万元）")]).toBe(120.5);
    expect(first[at(header, "节点")]).toBe("完成排查");
    expect(first[at(header, "计划完成日期")]).toEqual(new Date("2026-03-31T00:00:00Z"));
    expect(first[at(header, "完成标志")]).toBe("完成排查的印发文件");
    expect(first[at(header, "已核查")]).toBe("否");
    // China time: the cell shows the wall clock of Beijing (UTC+8), not UTC.
    const stored = await db.measureList.findUniqueOrThrow({ where: { id: accepted.id }, select: { submittedAt: true } });
    expect((first[at(header, "提交时间（北京时间）")] as Date).getTime()).toBe(stored.submittedAt!.getTime() + 8 * 3_600_000);

    const onlyAccepted = await tableOf(await GET(url(`task=${task}&status=ACCEPTED`)));
    expect(new Set(onlyAccepted.rows.map((row) => row[at(header, "单位")]))).toEqual(new Set(["九江市"]));
    const onlyPingxiang = await tableOf(await GET(url(`task=${task}&unit=pingxiang`)));
    expect(new Set(onlyPingxiang.rows.map((row) => row[at(header, "单位")]))).toEqual(new Set(["萍乡市"]));

    // Leaders read accepted lists only; staff only their own unit's.
    await signInAs(db, "leader");
    const leader = await tableOf(await GET(url(`task=${task}`)));
    expect(new Set(leader.rows.map((row) => row[at(header, "单位")]))).toEqual(new Set(["九江市"]));
    await signInAs(db, "pingxiang");
    const staff = await tableOf(await GET(url(`task=${task}&unit=jiujiang`)));
    expect(staff.rows).toEqual([]);
    const own = await tableOf(await GET(url(`task=${task}`)));
    expect(new Set(own.rows.map((row) => row[at(header, "单位")]))).toEqual(new Set(["萍乡市"]));

    const bad = await GET(url("year=1999"));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain("year 应为 2024–2035 的年份");
    const badStatus = await GET(url("status=LOST"));
    expect(badStatus.status).toBe(400);
    expect(((await badStatus.json()) as { error: { message: string } }).error.message).toContain("status 应为");

    await signInAs(db, "admin");
    expect((await GET(url(""))).status).toBe(403);
    signOut();
    expect((await GET(url(""))).status).toBe(401);
  });
});

describe("demo mode's example measures", () => {
  it("seeds accepted, demo-marked lists for 南昌市, 省生态环境厅 and 赣州市 with 2–3 milestones each, one of them late on 2 December 2026", async () => {
    const lists = await db.measureList.findMany({
      where: { demo: true },
      orderBy: { task: { number: "asc" } },
      select: {
        status: true,
        task: { select: { number: true } },
        unit: { select: { shortName: true } },
        measures: { select: { milestones: { select: { status: true, plannedDate: true } } } },
      },
    });
    expect(lists.map((list) => [list.task.number, list.unit.shortName, list.status])).toEqual([
      [19, "南昌市", "ACCEPTED"],
      [20, "省生态环境厅", "ACCEPTED"],
      [39, "赣州市", "ACCEPTED"],
    ]);
    const milestones = lists.flatMap((list) => list.measures.flatMap((measure) => measure.milestones));
    for (const list of lists) for (const measure of list.measures) expect(measure.milestones.length).toBeGreaterThanOrEqual(2);
    const lights = milestones.map((row) =>
      milestoneLight({ status: row.status, plannedDate: row.plannedDate.toISOString().slice(0, 10), verified: false }, "2026-12-02"),
    );
    expect(lights.filter((light) => light === "OVERDUE")).toHaveLength(1);
  });
});
