/**
 * The annual report as sent: the Word file's text (word/document.xml) checked against the reports
 * stored — only accepted ones feed a sentence — with the sign-off, the paragraphs as typed and
 * section 三 as the reviewer saved it, versioned.
 */
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileAnnualReport, saveNarrative } from "@/lib/annual/annual-report";
import { annualReportDocx } from "@/lib/annual/annual-docx";
import { narrativeSchema } from "@/lib/annual/schemas";
import { findActiveSessionUser, type SessionUser } from "@/lib/auth/accounts";
import { StaleWriteError } from "@/lib/core/errors";
import { chinaToday } from "@/lib/core/quarters";
import { formatChineseDate } from "@/lib/core/dates";
import { seededPrisma } from "../support/database";

const db = seededPrisma();
// Not 2026: the exports test counts the audit rows of the 2026 report.
const YEAR = 2025;
const TASK = 31;
const reports: number[] = [];
const reminders: number[] = [];
let reviewer: SessionUser;

const DRAFT_MARKER = "草稿测试文字甲乙丙";
const SUBMITTED_MARKER = "待审测试文字丁戊己";
const RETURNED_MARKER = "退回测试文字庚辛壬";
const ACCEPTED_FIRST = "2026Q3完成城镇污水处理提质增效项目38个";
const ACCEPTED_REST = `新建改造管网${"一二三四五六七八九十".repeat(12)}公里；启动二期工程可行性研究`;

/** The document's paragraphs, each as its text. */
async function documentParagraphs(buffer: Buffer): Promise<{ xml: string; paragraphs: string[]; text: string }> {
  const zip = await JSZip.loadAsync(buffer);
  const xml = await zip.file("word/document.xml")!.async("string");
  const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((match) =>
    [...match[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((text) => text[1]).join(""),
  );
  return { xml, paragraphs, text: paragraphs.join("\n") };
}

const docx = async () => documentParagraphs(await annualReportDocx(await compileAnnualReport(YEAR)));

beforeAll(async () => {
  const id = async (username: string) => (await db.user.findUniqueOrThrow({ where: { username }, select: { id: true } })).id;
  reviewer = (await findActiveSessionUser(await id("reviewer")))!;
  const task = await db.task.findUniqueOrThrow({ where: { number: TASK }, select: { id: true } });
  const unit = async (code: string) => (await db.unit.findUniqueOrThrow({ where: { code }, select: { id: true } })).id;
  const base = { taskId: task.id, year: YEAR, progressState: "ON_TRACK" as const, percent: 40, updatedById: reviewer.id };
  const rows = [
    { ...base, unitId: await unit("xinyu"), quarter: 3, status: "DRAFT" as const, progress: DRAFT_MARKER, problems: DRAFT_MARKER },
    {
      ...base,
      unitId: await unit("yingtan"),
      quarter: 3,
      status: "SUBMITTED" as const,
      progress: SUBMITTED_MARKER,
      nextSteps: SUBMITTED_MARKER,
      submittedAt: new Date("2025-10-05T02:00:00Z"),
    },
    {
      ...base,
      unitId: await unit("jian"),
      quarter: 3,
      status: "RETURNED" as const,
      progress: RETURNED_MARKER,
      submittedAt: new Date("2025-10-05T02:00:00Z"),
    },
    {
      ...base,
      unitId: await unit("fuzhou"),
      quarter: 3,
      status: "ACCEPTED" as const,
      percent: 60,
      progress: `${ACCEPTED_FIRST}。${ACCEPTED_REST}。`,
      problems: "2026Q3资金到位偏慢。",
      submittedAt: new Date("2025-10-05T02:00:00Z"),
      reviewedAt: new Date("2025-10-08T02:00:00Z"),
      reviewedById: reviewer.id,
    },
  ];
  for (const data of rows) reports.push((await db.progressReport.create({ data, select: { id: true } })).id);
  const reminder = await db.reminder.create({
    data: {
      unitId: await unit("fuzhou"),
      year: YEAR,
      quarter: 3,
      level: "REMIND",
      message: "请于10日前报送2026Q3进展",
      createdById: reviewer.id,
    },
    select: { id: true },
  });
  reminders.push(reminder.id);
  await db.annualReport.deleteMany({ where: { year: YEAR } });
});

afterAll(async () => {
  await db.progressReport.deleteMany({ where: { id: { in: reports } } });
  await db.reminder.deleteMany({ where: { id: { in: reminders } } });
  await db.annualReport.deleteMany({ where: { year: YEAR } });
  await db.$disconnect();
});

describe("the annual report's Word file", () => {
  it("quotes accepted reports only, as clean sentences, and never a draft's, a submitted or a returned report's text", async () => {
    const { text } = await docx();
    for (const marker of [DRAFT_MARKER, SUBMITTED_MARKER, RETURNED_MARKER]) expect(text).not.toContain(marker);
    // The accepted one: its quarter spelled out, cut after a whole sentence (the second is too long to follow).
    expect(text).toContain("抚州市：2026年第三季度完成城镇污水处理提质增效项目38个。");
    expect(text).not.toContain(ACCEPTED_REST.slice(0, 20));
    expect(text).not.toContain("……");
    expect(text).toContain("2026年第三季度资金到位偏慢。（抚州市）");
    expect(text).toContain("请于10日前报送2026年第三季度进展");
    expect(text).not.toMatch(/\d{4}\s*Q[1-4]/);
  });

  it("ranks the cities with ties sharing a rank (并列), from accepted reports only", async () => {
    const report = await compileAnnualReport(YEAR);
    expect(report.cities).toHaveLength(11);
    const byAverage = new Map<number, Set<string>>();
    for (const city of report.cities) byAverage.set(city.averagePercent, (byAverage.get(city.averagePercent) ?? new Set()).add(city.rank));
    for (const ranks of byAverage.values()) expect(ranks.size).toBe(1);
    // 新余、鹰潭、吉安 have only a draft, a submitted and a returned report on task 31: they count nothing.
    for (const unit of ["新余市", "鹰潭市", "吉安市"]) expect(report.cities.find((city) => city.unit === unit)?.reported).toBe(0);
    expect(report.cities.find((city) => city.unit === "抚州市")?.reported).toBeGreaterThanOrEqual(1);
    const { text } = await docx();
    const tied = report.cities.filter((city) => city.rank.startsWith("并列"));
    expect(tied.length).toBeGreaterThan(1);
    expect(text).toContain(tied[0]!.rank);
  });

  it("ends with the sign-off: 江西省生态环境厅 and today's date by default, right-aligned after the 附件说明", async () => {
    const { xml, paragraphs } = await docx();
    const today = formatChineseDate(chinaToday());
    const issuerAt = paragraphs.indexOf("江西省生态环境厅");
    expect(issuerAt).toBeGreaterThan(paragraphs.indexOf("2. 催办与通报情况"));
    expect(paragraphs[issuerAt + 1]).toBe(today);
    expect(today).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
    const issuerXml = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((match) => match[0]).find((p) => p.includes(">江西省生态环境厅<"))!;
    expect(issuerXml).toContain('<w:jc w:val="right"/>');
    expect(issuerXml).toMatch(/<w:ind w:right="\d+"\/>/);
  });

  it("keeps the reviewer's paragraphs, section 三 text and sign-off, as versions, and refuses an edit of an old one", async () => {
    const editsAudited = () =>
      db.auditLog.count({ where: { entity: "AnnualReport", entityId: String(YEAR), action: "annualReport.edit" } });
    const auditedBefore = await editsAudited();
    const draft = await compileAnnualReport(YEAR);
    const task = draft.sections.flatMap((section) => section.tasks).find((candidate) => candidate.number === TASK)!;
    expect(task.edited).toBe(false);
    expect(task.text).toBe(task.draft);

    const form = new FormData();
    for (const [key, value] of Object.entries({
      year: String(YEAR),
      version: "0",
      intro: "第一段总体情况。\n\n第二段总体情况。",
      problems: draft.narrative.problems,
      nextSteps: draft.narrative.nextSteps,
      issuer: "江西省美丽江西建设工作领导小组办公室",
      signDate: "2026-12-02",
      [`task_${TASK}`]: "审定的任务文字第一段。\n审定的任务文字第二段。",
    }))
      form.set(key, value);
    const input = narrativeSchema.parse(Object.fromEntries(form.entries()));
    const edit = { ...input.narrative, signOff: input.signOff, tasks: input.tasks };
    expect(await saveNarrative(YEAR, edit, 0, reviewer)).toBe(1);

    const { paragraphs, text } = await docx();
    expect(paragraphs).toContain("第一段总体情况。");
    expect(paragraphs).toContain("第二段总体情况。");
    expect(paragraphs).toContain("审定的任务文字第一段。");
    expect(paragraphs).toContain("审定的任务文字第二段。");
    expect(text).not.toContain("抚州市：2026年第三季度");
    const issuerAt = paragraphs.indexOf("江西省美丽江西建设工作领导小组办公室");
    expect(paragraphs[issuerAt + 1]).toBe("2026年12月2日");

    const saved = await compileAnnualReport(YEAR);
    const savedTask = saved.sections.flatMap((section) => section.tasks).find((candidate) => candidate.number === TASK)!;
    expect(savedTask).toMatchObject({ edited: true, text: "审定的任务文字第一段。\n审定的任务文字第二段。" });
    expect(savedTask.draft).toContain("抚州市：");
    expect(saved.signOff).toEqual({ issuer: "江西省美丽江西建设工作领导小组办公室", date: "2026-12-02", dateText: "2026年12月2日" });

    // A narrative-only save keeps the stored task text and sign-off; one based on version 1 after 2 is refused.
    expect(await saveNarrative(YEAR, { ...saved.narrative, intro: "第二版。" }, 1, reviewer)).toBe(2);
    await expect(saveNarrative(YEAR, { ...saved.narrative, intro: "旧版上的修改。" }, 1, reviewer)).rejects.toBeInstanceOf(StaleWriteError);
    const stored = await db.annualReport.findUniqueOrThrow({ where: { year: YEAR }, select: { narrative: true, version: true } });
    expect(stored.version).toBe(2);
    expect(stored.narrative).toMatchObject({
      intro: "第二版。",
      signOff: { issuer: "江西省美丽江西建设工作领导小组办公室", date: "2026-12-02" },
      tasks: { [String(TASK)]: "审定的任务文字第一段。\n审定的任务文字第二段。" },
    });
    const revisions = await db.annualReportRevision.findMany({
      where: { year: YEAR },
      orderBy: { version: "asc" },
      select: { version: true },
    });
    expect(revisions.map((revision) => revision.version)).toEqual([1, 2]);
    expect((await editsAudited()) - auditedBefore).toBe(2);
  });

  it("reads a narrative stored in the first shape (three texts only) with the default sign-off and the drafts", async () => {
    await db.annualReport.deleteMany({ where: { year: YEAR } });
    await db.annualReport.create({
      data: {
        year: YEAR,
        narrative: { intro: "旧版总体情况。", problems: "旧版问题。", nextSteps: "旧版安排。" },
        updatedById: reviewer.id,
      },
    });
    const report = await compileAnnualReport(YEAR);
    expect(report.narrative.intro).toBe("旧版总体情况。");
    expect(report.signOff.issuer).toBe("江西省生态环境厅");
    const task = report.sections.flatMap((section) => section.tasks).find((candidate) => candidate.number === TASK)!;
    expect(task).toMatchObject({ edited: false });
    expect(task.text).toContain("抚州市：2026年第三季度完成城镇污水处理提质增效项目38个。");
  });

  it("refuses a sign-off without issuer or with an impossible date, and a task text left empty", () => {
    const result = narrativeSchema.safeParse({
      year: "2026",
      version: "0",
      intro: "总体。",
      problems: "问题。",
      nextSteps: "安排。",
      issuer: " ",
      signDate: "2026-02-30",
      task_3: "  ",
    });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((issue) => [String(issue.path[0]), issue.message]));
    expect(messages).toMatchObject({ issuer: "请填写发文机关署名", signDate: "请填写有效的成文日期" });
  });
});
