/**
 * The escalation ladder (督办) against a real database: the reviewer moves 南昌市 up from 催办 to
 * 函告 on a quarter (the 催办 closed as 升级, linked, numbered 赣环督函〔year〕n号, urgent notices
 * to the city's staff and its 单位负责人 in the same transaction); moving down is refused; the
 * city records its 落实情况 while another city's staff and the 单位负责人 cannot; a step closes
 * only with an outcome; numbering stays consecutive under concurrent writes; the Word notices of
 * 函告, 通报 and 挂牌督办 open as .docx holding the 文号, the 主送 unit and the deadline.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { findActiveSessionUser, type SessionUser } from "@/lib/auth/accounts";
import { AppError, StaleWriteError } from "@/lib/core/errors";
import { addDays, addQuarters, chinaToday, formatQuarter, quarterOfDate } from "@/lib/core/quarters";
import { formatChineseDate } from "@/lib/core/dates";
import {
  closeEscalation,
  escalate,
  getEscalation,
  listEscalations,
  openStepsAt,
  openStepsByLevel,
  respondToEscalation,
} from "@/lib/escalation/escalations";
import { closeSchema, escalateSchema, respondSchema } from "@/lib/escalation/schemas";
import { documentSequence } from "@/lib/escalation/rules";
import { seededPrisma } from "../support/database";
import { signInAs, signOut } from "../support/session";

vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: (await import("../support/session")).getFakeServerSession,
}));

const db = seededPrisma();
const users: Record<string, SessionUser> = {};
const LEAD_USERNAME = "nanchang.lead.escalation-test";
let leadId: number;
const TODAY = chinaToday(new Date());
const DEADLINE = addDays(TODAY, 14);
const QUARTER = formatQuarter(addQuarters(quarterOfDate(TODAY), -1));
const YEAR = Number(TODAY.slice(0, 4));

beforeAll(async () => {
  for (const username of ["reviewer", "leader", "nanchang", "ganzhou", "admin"]) {
    const row = await db.user.findUniqueOrThrow({ where: { username }, select: { id: true } });
    users[username] = (await findActiveSessionUser(row.id))!;
  }
  // 单位负责人 of 南昌市: the seed has none.
  const lead = await db.user.create({
    data: {
      username: LEAD_USERNAME,
      displayName: "南昌市单位负责人",
      role: "UNIT_LEAD",
      unitId: users.nanchang!.unitId,
      passwordHash: "-",
    },
    select: { id: true },
  });
  leadId = lead.id;
  users.lead = (await findActiveSessionUser(leadId))!;
});

afterAll(async () => {
  signOut();
  const steps = await db.escalation.findMany({ where: { createdById: users.reviewer!.id }, select: { id: true } });
  const hrefs = steps.map((step) => `/escalations/${step.id}`);
  await db.notice.deleteMany({ where: { href: { in: hrefs } } });
  await db.escalation.deleteMany({ where: { id: { in: steps.map((step) => step.id) } } });
  await db.user.delete({ where: { id: leadId } });
  await db.$disconnect();
});

const input = (fields: Record<string, string> = {}) =>
  escalateSchema.parse({
    unit: "nanchang",
    quarter: QUARTER,
    step: "REMIND",
    reason: "第三季度进展报告仍未报齐。",
    requiredAction: "立即补报全部进展报告，明确专人负责。",
    deadline: DEADLINE,
    ...fields,
  });
const codeOf = (error: unknown) => (error instanceof AppError ? error.code : String(error));
const failure = (promise: Promise<unknown>) => promise.then(() => null).catch((error: unknown) => error);
const stepRow = (id: number) => db.escalation.findUniqueOrThrow({ where: { id } });
const nanchangStaff = async () =>
  (await db.user.findMany({ where: { unitId: users.nanchang!.unitId!, role: "STAFF", active: true }, select: { id: true } })).map(
    (user) => user.id,
  );

describe("moving a unit up the ladder", () => {
  let remindId: number;
  let letterId: number;

  it("opens a 催办 and notifies the unit's staff and its 单位负责人, urgent, with the step's page", async () => {
    const { id, documentNumber } = await escalate(input(), users.reviewer!);
    remindId = id;
    expect(documentNumber).toBeNull();
    const row = await stepRow(id);
    expect(row).toMatchObject({ step: "REMIND", previousId: null, closedAt: null, version: 1, documentNumber: null, taskId: null });
    expect(`${row.year}Q${row.quarter}`).toBe(QUARTER);
    expect(row.deadline.toISOString().slice(0, 10)).toBe(DEADLINE);
    const notices = await db.notice.findMany({ where: { subject: `Escalation:${id}` } });
    expect(notices.map((notice) => notice.userId).sort()).toEqual([...(await nanchangStaff()), leadId].sort());
    expect(notices.every((notice) => notice.urgent && notice.kind === "escalation.remind" && notice.href === `/escalations/${id}`)).toBe(
      true,
    );
    expect(notices[0]!.title).toContain("【催办】");
    expect(notices[0]!.body).toContain(formatChineseDate(DEADLINE));
    const audit = await db.auditLog.findFirstOrThrow({ where: { entity: "Escalation", entityId: String(id) } });
    expect(audit).toMatchObject({ action: "escalation.raise", actorId: users.reviewer!.id });
    expect(audit.after).toMatchObject({ unit: "南昌市", quarter: QUARTER, level: "REMIND", rectifyBy: DEADLINE });
  });

  it("moves the 催办 up to a numbered 函告 that links to it, closes the 催办 as 升级 and settles its notices", async () => {
    const before = await db.escalation.findMany({ where: { documentNumber: { startsWith: `赣环督函〔${YEAR}〕` } } });
    const last = Math.max(0, ...before.map((row) => documentSequence(row.documentNumber!) ?? 0));
    const { id, documentNumber } = await escalate(
      input({ step: "LETTER", previousId: String(remindId), previousVersion: "1" }),
      users.reviewer!,
    );
    letterId = id;
    expect(documentNumber).toBe(`赣环督函〔${YEAR}〕${last + 1}号`);
    expect(await stepRow(id)).toMatchObject({ step: "LETTER", previousId: remindId, documentNumber, closedAt: null });
    const remind = await stepRow(remindId);
    expect(remind.closedAt).not.toBeNull();
    expect(remind).toMatchObject({ outcome: `升级为函告（${documentNumber}）`, closedById: users.reviewer!.id, version: 2 });
    expect(await db.notice.count({ where: { subject: `Escalation:${remindId}`, settledAt: null } })).toBe(0);
    const notices = await db.notice.findMany({ where: { subject: `Escalation:${id}` }, include: { deliveries: true } });
    expect(notices.map((notice) => notice.userId).sort()).toEqual([...(await nanchangStaff()), leadId].sort());
    expect(notices.every((notice) => notice.urgent && notice.kind === "escalation.letter")).toBe(true);
    expect(notices[0]!.title).toContain(documentNumber!);

    const detail = (await getEscalation(users.reviewer!, id))!;
    expect(detail.ladder.map((step) => step.step)).toEqual(["REMIND", "LETTER"]);
    expect(detail.nextSteps).toEqual(["CIRCULATE", "INTERVIEW", "LISTED"]);
    expect((await getEscalation(users.reviewer!, remindId))!.next).toEqual({ id, step: "LETTER" });
  });

  it("refuses to move down or sideways, and a form loaded on a step that has moved on, storing nothing", async () => {
    const count = await db.escalation.count();
    const down = await failure(escalate(input({ step: "REMIND" }), users.reviewer!));
    expect(codeOf(down)).toBe("BAD_REQUEST");
    expect((down as Error).message).toBe("该事项正在函告（尚未办结），不能降级为催办，只能升级为通报、约谈、挂牌督办");
    expect((down as AppError).fieldErrors.step).toBeDefined();
    await expect(escalate(input({ step: "LETTER" }), users.reviewer!)).rejects.toThrow("不能重复函告");
    const stale = await failure(
      escalate(input({ step: "CIRCULATE", previousId: String(remindId), previousVersion: "1" }), users.reviewer!),
    );
    expect(stale).toBeInstanceOf(StaleWriteError);
    expect(codeOf(await failure(escalate(input({ step: "CIRCULATE" }), users.leader!)))).toBe("FORBIDDEN");
    expect(await db.escalation.count()).toBe(count);
    expect((await stepRow(letterId)).closedAt).toBeNull();
  });

  it("takes the unit's 落实情况, refusing another unit's staff, the 单位负责人 and a stale version", async () => {
    const respond = (username: string, version: string, response = "已补报全部12份进展报告，并明确专人负责。") =>
      respondToEscalation(respondSchema.parse({ escalationId: String(letterId), version, response }), users[username]!);
    expect(codeOf(await failure(respond("ganzhou", "1")))).toBe("NOT_FOUND");
    expect(codeOf(await failure(respond("lead", "1")))).toBe("FORBIDDEN");
    expect(await getEscalation(users.ganzhou!, letterId)).toBeNull();
    expect((await listEscalations(users.ganzhou!)).map((step) => step.id)).not.toContain(letterId);
    expect(await getEscalation(users.admin!, letterId)).toBeNull();
    // The 单位负责人 reads the own unit's steps.
    expect((await getEscalation(users.lead!, letterId))?.canRespond).toBe(false);
    expect((await listEscalations(users.lead!)).map((step) => step.id)).toContain(letterId);
    expect((await stepRow(letterId)).response).toBeNull();

    await respond("nanchang", "1");
    const row = await stepRow(letterId);
    expect(row).toMatchObject({ response: "已补报全部12份进展报告，并明确专人负责。", respondedById: users.nanchang!.id, version: 2 });
    expect(row.respondedAt).not.toBeNull();
    expect(await db.notice.count({ where: { subject: `Escalation:${letterId}`, settledAt: null } })).toBe(0);
    expect(
      await db.notice.count({ where: { userId: users.reviewer!.id, kind: "escalation.responded", href: `/escalations/${letterId}` } }),
    ).toBe(1);
    expect(await failure(respond("nanchang", "1", "重复填报"))).toBeInstanceOf(StaleWriteError);
    const audit = await db.auditLog.findFirstOrThrow({
      where: { entity: "Escalation", entityId: String(letterId), action: "escalation.respond" },
    });
    expect(audit.actorId).toBe(users.nanchang!.id);
  });

  it("closes a step only with an outcome, by the reviewer, and then takes no more responses", async () => {
    const refused = closeSchema.safeParse({ escalationId: String(letterId), version: "2", outcome: "" });
    expect(refused.error?.issues.map((issue) => [issue.path[0], issue.message])).toEqual([["outcome", "请填写办结结果"]]);
    const close = (username: string) =>
      closeEscalation(
        closeSchema.parse({ escalationId: String(letterId), version: "2", outcome: "经核查，已补报并通过审核，整改到位。" }),
        users[username]!,
      );
    expect(codeOf(await failure(close("nanchang")))).toBe("FORBIDDEN");
    expect((await stepRow(letterId)).closedAt).toBeNull();
    await close("reviewer");
    const row = await stepRow(letterId);
    expect(row).toMatchObject({ outcome: "经核查，已补报并通过审核，整改到位。", closedById: users.reviewer!.id, version: 3 });
    expect(row.closedAt).not.toBeNull();
    const again = await failure(
      respondToEscalation(respondSchema.parse({ escalationId: String(letterId), version: "3", response: "补充" }), users.nanchang!),
    );
    expect((again as Error).message).toBe("该督办事项已办结，不能再填报落实情况");
    // A closed ladder restarts at 催办.
    const restarted = await escalate(input({ step: "REMIND", reason: "第四季度再次滞后。" }), users.reviewer!);
    expect((await stepRow(restarted.id)).previousId).toBeNull();
    await closeEscalation(closeSchema.parse({ escalationId: String(restarted.id), version: "1", outcome: "已报齐。" }), users.reviewer!);
  });
});

describe("numbering", () => {
  it("gives concurrent 通报 of one year consecutive, distinct numbers", async () => {
    const created = await Promise.all(
      [3, 4, 5].map((task) => escalate(input({ quarter: "", task: String(task), step: "CIRCULATE" }), users.reviewer!)),
    );
    const numbers = created.map((step) => documentSequence(step.documentNumber!)!).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(3);
    expect(numbers[2]! - numbers[0]!).toBe(2);
    expect(created.every((step) => step.documentNumber!.startsWith(`赣环督通〔${YEAR}〕`))).toBe(true);
  });
});

describe("the Word notices", () => {
  const docx = async (id: number) => {
    const { GET } = await import("@/app/api/escalations/[id]/docx/route");
    return GET(new Request(`http://localhost:3000/api/escalations/${id}/docx`), { params: Promise.resolve({ id: String(id) }) });
  };
  const textOf = async (response: Response) =>
    (await (await JSZip.loadAsync(Buffer.from(await response.arrayBuffer()))).file("word/document.xml")!.async("string")).replace(
      /<[^>]+>/g,
      "",
    );

  it("opens the 函告, 通报 and 挂牌督办 as .docx with the 文号, the unit's full name as 主送 and the deadline", async () => {
    const letter = await escalate(input({ quarter: "", task: "7", step: "LETTER" }), users.reviewer!);
    const circulate = await escalate(input({ quarter: "", task: "7", step: "CIRCULATE", reason: "函告后仍未整改。" }), users.reviewer!);
    const listed = await escalate(input({ quarter: "", task: "7", step: "LISTED", deadline: addDays(TODAY, 30) }), users.reviewer!);
    await signInAs(db, "reviewer");
    for (const [step, deadline, word] of [
      [letter, DEADLINE, "的函"],
      [circulate, DEADLINE, "滞后情况的通报"],
      [listed, addDays(TODAY, 30), "实行挂牌督办的通知"],
    ] as const) {
      const response = await docx(step.id);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
      const text = await textOf(response);
      expect(text).toContain(step.documentNumber!);
      expect(text).toContain("中共南昌市委、南昌市人民政府：");
      expect(text).toContain(`请于${formatChineseDate(deadline)}前完成整改`);
      expect(text).toContain(word);
      expect(text).toContain("江西省生态环境厅");
      expect(text).toContain(formatChineseDate(TODAY));
      expect(text).toContain("任务7");
    }
    // The 挂牌督办 recalls the 函告 and 通报 before it.
    const listedText = await textOf(await docx(listed.id));
    expect(listedText).toContain(`函告（${letter.documentNumber}）`);
    expect(listedText).toContain(`通报（${circulate.documentNumber}）`);

    // The city reads its own; another city and a 催办 get 404.
    await signInAs(db, "nanchang");
    expect((await docx(listed.id)).status).toBe(200);
    await signInAs(db, "ganzhou");
    expect((await docx(listed.id)).status).toBe(404);
    await signInAs(db, "reviewer");
    const remind = await escalate(input({ quarter: "", task: "8" }), users.reviewer!);
    const none = await docx(remind.id);
    expect(none.status).toBe(404);
    expect(((await none.json()) as { error: { message: string } }).error.message).toContain("催办不印发文书");
  });

  it("exports the ledger under its filters as Excel", async () => {
    await signInAs(db, "reviewer");
    const { GET } = await import("@/app/api/escalations/xlsx/route");
    const response = await GET(new Request("http://localhost:3000/api/escalations/xlsx?level=LISTED&state=open&unit=nanchang"));
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("督办台账")!;
    const values = sheet.getSheetValues().flat().map(String);
    expect(values).toContain("筛选条件：督办方式 挂牌督办，未办结，单位 南昌市");
    expect(values.filter((value) => value === "挂牌督办")).toHaveLength(1);
    expect(values.some((value) => value.startsWith(`赣环督办〔${YEAR}〕`))).toBe(true);
  });
});

describe("the ladder's state on the dashboard and in the brief", () => {
  it("counts open steps per level and lists those open at a moment", async () => {
    const levels = await openStepsByLevel("nanchang");
    const count = (step: string) => levels.find((level) => level.step === step)?.open;
    expect(levels.map((level) => level.step)).toEqual(["REMIND", "LETTER", "CIRCULATE", "INTERVIEW", "LISTED"]);
    expect(count("LISTED")).toBe(1);
    expect(count("CIRCULATE")).toBe(3);
    expect(count("REMIND")).toBe(1);
    const open = await openStepsAt(new Date());
    const mine = open.filter((step) => step.unit === "南昌市");
    expect(mine.map((step) => step.step)).toEqual(["LISTED", "CIRCULATE", "CIRCULATE", "CIRCULATE", "REMIND"]);
    expect(await openStepsAt(new Date("2024-01-01T00:00:00Z"))).toEqual([]);
  });
});
