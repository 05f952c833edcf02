/**
 * 成效考核 against a real database, for year 2033 (2032 as the year before, 2035 as a year without
 * a scheme; APP_TODAY is set to a day of 2034 so that the year can be scored): the scheme is saved
 * in versions, a stale or wrong form refused; starting locks it and opens a result for every unit,
 * its automatic items as gatherUnitFacts gives them; a unit self-assesses (only its own), the
 * reviewer scores beside it, confirms, unlocks with a reason; results are ranked among their kind
 * with ties and the change against last year; changing the scheme after scoring started needs a
 * reason, is refused while a result is confirmed and carries every score over; the sheet, the
 * self-evidence and the API, Word and Excel exports answer only those who may read them.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { findActiveSessionUser, type SessionUser } from "@/lib/auth/accounts";
import { AppError, StaleWriteError } from "@/lib/core/errors";
import {
  getAssessmentResults,
  getAssessmentSheet,
  listSchemeVersions,
  saveScheme,
  saveScores,
  saveSelfAssessment,
  startAssessment,
  unlockResult,
} from "@/lib/results-assessment/assessments";
import { autoScore, type AutoMetric } from "@/lib/results-assessment/auto-items";
import { DEFAULT_GRADES, gradeOf, totalOf } from "@/lib/results-assessment/grading";
import { defaultScheme, type SchemeInput } from "@/lib/results-assessment/scheme";
import {
  NO_SUCH_ASSESSMENT,
  schemeFormSchema,
  scoreSheetSchema,
  selfAssessmentSchema,
  startAssessmentSchema,
  unlockResultSchema,
} from "@/lib/results-assessment/schemas";
import { gatherUnitFacts } from "@/lib/results-assessment/unit-facts";
import { AssessmentResultsBodySchema } from "@/lib/api/assessments.contract";
import { seededPrisma } from "../support/database";
import { signInAs, signOut } from "../support/session";

vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: (await import("../support/session")).getFakeServerSession,
}));

const db = seededPrisma();
const YEAR = 2033;
const PREVIOUS = 2032;
const NO_SCHEME = 2034;
const TODAY = "2034-01-20";
const AS_OF = "2034-01-15";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
const CAPS = { bonusCap: 5, deductionCap: 20 };

const users: Record<string, SessionUser> = {};

async function removeAssessments() {
  const years = { in: [PREVIOUS, YEAR, NO_SCHEME] };
  // Scores go with their results (cascade), items with their scheme.
  await db.assessmentResult.deleteMany({ where: { scheme: { year: years } } });
  await db.assessmentScheme.deleteMany({ where: { year: years } });
}

beforeAll(async () => {
  process.env.APP_TODAY = TODAY;
  await removeAssessments();
  for (const username of ["reviewer", "leader", "admin", "nanchang", "jiujiang", "ganzhou", "fgw"]) {
    const row = await db.user.findUniqueOrThrow({ where: { username }, select: { id: true } });
    users[username] = (await findActiveSessionUser(row.id))!;
  }
});

afterAll(async () => {
  delete process.env.APP_TODAY;
  signOut();
  await removeAssessments();
  await db.$disconnect();
});

const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
};

const num = (value: { toString(): string } | null) => (value === null ? null : Number(value.toString()));

/** The flat fields the scheme form posts for `scheme`. */
function schemeForm(scheme: SchemeInput, head: { basedOn: number; reason?: string }): Record<string, string> {
  const form: Record<string, string> = {
    year: String(scheme.year),
    name: scheme.name,
    bonusCap: String(scheme.bonusCap),
    deductionCap: String(scheme.deductionCap),
    basedOn: String(head.basedOn),
    reason: head.reason ?? "",
  };
  scheme.items.forEach((item, index) => {
    form[`i.${index}.code`] = item.code;
    form[`i.${index}.name`] = item.name;
    form[`i.${index}.kind`] = item.kind;
    form[`i.${index}.points`] = String(item.points);
    form[`i.${index}.metric`] = item.metric ?? "";
    form[`i.${index}.description`] = item.description;
  });
  scheme.grades.forEach((grade, index) => {
    form[`g.${index}.grade`] = grade.grade;
    form[`g.${index}.min`] = String(grade.min);
  });
  return form;
}

/** The scheme after the change made once scoring started: points moved between items, base still 100. */
function changedScheme(): SchemeInput {
  const points: Record<string, number> = { RESPONSIBILITY: 15, MILESTONES: 10, FUNDS: 13, SATISFACTION: 12 };
  const scheme = defaultScheme(YEAR);
  return {
    ...scheme,
    name: `${YEAR}年度考核方案（调整）`,
    items: scheme.items.map((item) => ({ ...item, points: points[item.code] ?? item.points })),
  };
}

const currentSchemeId = async (year = YEAR) =>
  (await db.assessmentScheme.findFirstOrThrow({ where: { year }, orderBy: { version: "desc" }, select: { id: true } })).id;

/** One unit's stored result under the year's current scheme, its scores by item code. */
async function stored(unit: string) {
  const result = await db.assessmentResult.findFirstOrThrow({
    where: { schemeId: await currentSchemeId(), unit: { code: unit } },
    select: {
      id: true,
      unitId: true,
      stage: true,
      version: true,
      selfTotal: true,
      total: true,
      grade: true,
      selfSubmittedAt: true,
      confirmedAt: true,
      scores: {
        select: {
          selfScore: true,
          selfReason: true,
          selfEvidenceName: true,
          selfEvidenceSha256: true,
          score: true,
          reason: true,
          computed: true,
          scoredById: true,
          item: { select: { code: true, kind: true, points: true, metric: true } },
        },
      },
    },
  });
  const scores = Object.fromEntries(
    result.scores.map((score) => [
      score.item.code,
      {
        kind: score.item.kind,
        points: Number(score.item.points),
        metric: score.item.metric as AutoMetric | null,
        self: num(score.selfScore),
        selfReason: score.selfReason,
        selfEvidenceName: score.selfEvidenceName,
        selfEvidenceSha256: score.selfEvidenceSha256,
        score: num(score.score),
        reason: score.reason,
        computed: score.computed,
        scoredById: score.scoredById,
      },
    ]),
  );
  return { ...result, selfTotal: num(result.selfTotal), total: num(result.total), scores };
}
type Stored = Awaited<ReturnType<typeof stored>>;

/** The automatic items' fields as the sheet pre-fills them (the stored formula scores). */
const autoFields = (result: Stored) =>
  Object.fromEntries(
    Object.entries(result.scores).flatMap(([code, score]) => (score.kind === "AUTO" ? [[`self.${code}`, String(score.score)]] : [])),
  );

const selfInput = (unit: string, version: number, intent: "save" | "submit", fields: Record<string, string | File>) =>
  selfAssessmentSchema.parse({ year: String(YEAR), unit, version: String(version), intent, ...fields });

const scoreInput = (unit: string, version: number, intent: "save" | "confirm", fields: Record<string, string>) =>
  scoreSheetSchema.parse({ year: String(YEAR), unit, version: String(version), intent, ...fields });

/** A total by the scheme's rule: the stored automatic scores and `byHand` for the others (an empty bonus or deduction counts 0). */
function expectedTotal(result: Stored, byHand: Record<string, number>): number {
  const items = Object.entries(result.scores).map(([code, score]) => ({
    kind: score.kind,
    score: (score.kind === "AUTO" ? score.score : byHand[code]) ?? 0,
  }));
  return totalOf(items, CAPS).total;
}

const autoSum = (result: Stored) =>
  Object.values(result.scores)
    .filter((score) => score.kind === "AUTO")
    .reduce((sum, score) => sum + score.score!, 0);

describe("the scheme", () => {
  it("saves the default as version 1 from nothing (basedOn 0), audited, and refuses a second save from 0 naming who saved", async () => {
    const saved = await saveScheme({ ...defaultScheme(YEAR), basedOn: 0, reason: "" }, users.reviewer!);
    expect(saved).toMatchObject({ year: YEAR, version: 1, name: `${YEAR}年度美丽江西建设成效考核方案`, lockedAt: null, demo: false });
    expect(saved.items.map((item) => `${item.code}:${item.kind}:${item.points}`)).toEqual([
      "RESPONSIBILITY:MANUAL:10",
      "ON_TIME:AUTO:10",
      "COMPLETENESS:AUTO:5",
      "MILESTONES:AUTO:15",
      "VERIFIED:AUTO:10",
      "TARGETS:AUTO:25",
      "FUNDS:AUTO:10",
      "SATISFACTION:MANUAL:15",
      "INNOVATION:BONUS:3",
      "PROBLEMS:DEDUCTION:10",
    ]);
    expect(saved.grades).toEqual(DEFAULT_GRADES);
    expect(await db.assessmentItem.count({ where: { schemeId: saved.id } })).toBe(10);
    const audit = await db.auditLog.findFirst({
      where: { action: "assessment.scheme_save", entity: "AssessmentScheme", entityId: String(YEAR) },
      orderBy: { id: "desc" },
    });
    expect(audit).toMatchObject({ actorId: users.reviewer!.id, before: null });
    expect(audit?.after).toMatchObject({ version: 1 });

    const stale = await refusal(saveScheme({ ...defaultScheme(YEAR), name: "另一个方案", basedOn: 0, reason: "" }, users.reviewer!));
    expect(stale).toBeInstanceOf(StaleWriteError);
    expect(stale.status).toBe(409);
    expect(stale.message).toMatch(new RegExp(`^保存未成功：省生态环境厅审核人已于 .+ 修改了${YEAR}年度考核方案。`));
    expect(await db.assessmentScheme.count({ where: { year: YEAR } })).toBe(1);
  });

  it("refuses a form whose base items do not sum to 100 (on items) or with a bad item code (on i.N.code)", () => {
    const good = schemeForm(defaultScheme(YEAR), { basedOn: 1 });
    const issues = (form: Record<string, string>) => {
      const parsed = schemeFormSchema.safeParse(form);
      expect(parsed.success).toBe(false);
      return parsed.error!.issues.map((issue) => ({ field: issue.path.join("."), message: issue.message }));
    };
    expect(issues({ ...good, "i.0.points": "20" })).toEqual([{ field: "items", message: "基本项目分值合计须为 100 分，现为 110 分" }]);
    expect(issues({ ...good, "i.1.code": "on-time" })).toEqual([
      { field: "i.1.code", message: "项目代码须为 2–32 位大写字母、数字或下划线" },
    ]);
    expect(issues({ ...good, "i.2.code": "ON_TIME" })).toEqual([{ field: "i.2.code", message: "项目代码 ON_TIME 重复" }]);
    expect(schemeFormSchema.safeParse(good).success).toBe(true);
  });

  it("writes each save as the next version and lists them newest first", async () => {
    const form = schemeForm({ ...defaultScheme(YEAR), name: `${YEAR}年度成效考核方案（第二稿）` }, { basedOn: 1 });
    const saved = await saveScheme(schemeFormSchema.parse(form), users.reviewer!);
    expect(saved).toMatchObject({ version: 2, name: `${YEAR}年度成效考核方案（第二稿）`, lockedAt: null });
    const versions = await listSchemeVersions(YEAR);
    expect(versions.map((row) => ({ version: row.version, name: row.name, createdBy: row.createdBy, lockedAt: row.lockedAt }))).toEqual([
      { version: 2, name: `${YEAR}年度成效考核方案（第二稿）`, createdBy: "省生态环境厅审核人", lockedAt: null },
      { version: 1, name: `${YEAR}年度美丽江西建设成效考核方案`, createdBy: "省生态环境厅审核人", lockedAt: null },
    ]);
  });
});

describe("starting the year's scoring", () => {
  const start = (year: number, asOf: string) => startAssessment(startAssessmentSchema.parse({ year: String(year), asOf }), users.reviewer!);

  it("refuses a day in the future (400, on asOf) and a year without a scheme (404)", async () => {
    const future = await refusal(start(YEAR, "2034-01-21"));
    expect(future.status).toBe(400);
    expect(future.fieldErrors).toEqual({ asOf: ["计算日期不能晚于今天"] });
    const none = await refusal(start(NO_SCHEME, AS_OF));
    expect(none.status).toBe(404);
    expect(none.message).toBe(`${NO_SCHEME}年度尚未制定考核方案，请先制定或采用默认方案`);
    expect(await db.assessmentResult.count({ where: { scheme: { year: YEAR } } })).toBe(0);
    expect((await db.assessmentScheme.findMany({ where: { year: YEAR }, select: { lockedAt: true } })).every((row) => !row.lockedAt)).toBe(
      true,
    );
  });

  it("locks the current version and opens one result per unit, automatic items as gatherUnitFacts gives them, offered as self-scores", async () => {
    const units = await db.unit.count();
    expect(await start(YEAR, AS_OF)).toEqual({ year: YEAR, units });
    const schemes = await db.assessmentScheme.findMany({
      where: { year: YEAR },
      orderBy: { version: "asc" },
      select: { version: true, lockedAt: true },
    });
    expect(schemes.map((row) => [row.version, row.lockedAt !== null])).toEqual([
      [1, false],
      [2, true],
    ]);
    const schemeId = await currentSchemeId();
    expect(await db.assessmentResult.count({ where: { schemeId } })).toBe(units);
    expect(await db.assessmentResult.count({ where: { schemeId, stage: "SELF_ASSESSING", version: 1 } })).toBe(units);
    expect(await db.assessmentScore.count({ where: { result: { schemeId } } })).toBe(units * 10);

    const nanchang = await stored("nanchang");
    const facts = (await gatherUnitFacts(YEAR, AS_OF)).get(nanchang.unitId)!;
    for (const [code, score] of Object.entries(nanchang.scores)) {
      if (score.kind !== "AUTO") {
        expect({ code, self: score.self, score: score.score, computed: score.computed }).toEqual({
          code,
          self: null,
          score: null,
          computed: null,
        });
        continue;
      }
      const expected = autoScore(score.metric!, score.points, facts);
      expect({ code, score: score.score, self: score.self }).toEqual({ code, score: expected.score, self: expected.score });
      expect(score.computed).toEqual({ ...expected, asOf: AS_OF });
    }
    const audit = await db.auditLog.findFirst({ where: { action: "assessment.start", entityId: String(YEAR) }, orderBy: { id: "desc" } });
    expect(audit?.after).toEqual({ version: 2, asOf: AS_OF, units });
  });

  it("refuses a second start with 409", async () => {
    const again = await refusal(start(YEAR, AS_OF));
    expect(again.status).toBe(409);
    expect(again.message).toBe(`${YEAR}年度考核评分已经开始`);
  });
});

describe("self-assessment", () => {
  const manual = {
    "self.RESPONSIBILITY": "9",
    "selfReason.RESPONSIBILITY": "党政同责落实到位，专题研究 4 次",
    "self.SATISFACTION": "14",
    "selfReason.SATISFACTION": "满意度调查 93.5%",
    "self.INNOVATION": "2",
    "selfReason.INNOVATION": "获评国家生态文明建设示范区",
    "self.PROBLEMS": "",
  };

  it("refuses staff of another unit and the reviewer (403)", async () => {
    const before = await stored("nanchang");
    for (const user of [users.jiujiang!, users.reviewer!]) {
      const refused = await refusal(saveSelfAssessment(selfInput("nanchang", 1, "save", { ...autoFields(before), ...manual }), user));
      expect(refused.status).toBe(403);
      expect(refused.message).toBe("只能填写本单位的自评");
    }
    expect((await stored("nanchang")).version).toBe(1);
  });

  it("refuses a submit without a manual item's reason, a departed automatic score without one, or a score out of range, storing nothing", async () => {
    const before = await stored("nanchang");
    const fields = { ...autoFields(before), ...manual };
    const noReason = await refusal(
      saveSelfAssessment(selfInput("nanchang", 1, "submit", { ...fields, "selfReason.RESPONSIBILITY": "  " }), users.nanchang!),
    );
    expect(noReason.status).toBe(400);
    expect(noReason.fieldErrors).toEqual({ "selfReason.RESPONSIBILITY": ["请填写“责任落实”的自评说明"] });

    const formula = before.scores.MILESTONES!.score!;
    const departed = formula >= 1 ? formula - 1 : formula + 1;
    const disagree = await refusal(
      saveSelfAssessment(selfInput("nanchang", 1, "submit", { ...fields, "self.MILESTONES": String(departed) }), users.nanchang!),
    );
    expect(disagree.fieldErrors).toEqual({ "selfReason.MILESTONES": ["“节点按期完成率”的自评与系统计算不同，请说明理由"] });

    const outOfRange = await refusal(
      saveSelfAssessment(
        selfInput("nanchang", 1, "save", { ...fields, "self.SATISFACTION": "16", "self.RESPONSIBILITY": "-1" }),
        users.nanchang!,
      ),
    );
    expect(outOfRange.fieldErrors).toEqual({
      "self.SATISFACTION": ["公众生态环境满意度：得分不能超过 15 分"],
      "self.RESPONSIBILITY": ["责任落实：得分须为不小于 0 的数字，最多两位小数"],
    });
    expect(await stored("nanchang")).toEqual(before);
  });

  it("refuses evidence that is not an allowed file type, on selfEvidence.CODE, storing nothing", async () => {
    const before = await stored("nanchang");
    const refused = await refusal(
      saveSelfAssessment(
        selfInput("nanchang", 1, "save", {
          ...autoFields(before),
          ...manual,
          "selfEvidence.RESPONSIBILITY": new File(["just text, not a PDF"], "会议纪要.pdf"),
        }),
        users.nanchang!,
      ),
    );
    expect(refused.status).toBe(400);
    expect(refused.fieldErrors).toEqual({ "selfEvidence.RESPONSIBILITY": ["文件内容不是允许的类型"] });
    expect(await stored("nanchang")).toEqual(before);
  });

  it("saves a draft, then refuses a save on the stale version naming who saved, keeping the draft", async () => {
    const before = await stored("nanchang");
    const draft = await saveSelfAssessment(selfInput("nanchang", 1, "save", { ...autoFields(before), ...manual }), users.nanchang!);
    expect(draft).toEqual({ name: "南昌市", version: 2, submitted: false, selfTotal: null });
    const stale = await refusal(
      saveSelfAssessment(
        selfInput("nanchang", 1, "save", { ...autoFields(before), ...manual, "selfReason.RESPONSIBILITY": "另一稿" }),
        users.nanchang!,
      ),
    );
    expect(stale).toBeInstanceOf(StaleWriteError);
    expect(stale.message).toMatch(/^保存未成功：南昌市填报人已于 .+ 修改了南昌市的考核表。/);
    const after = await stored("nanchang");
    expect(after).toMatchObject({ version: 2, stage: "SELF_ASSESSING", selfTotal: null });
    expect(after.scores.RESPONSIBILITY).toMatchObject({ self: 9, selfReason: "党政同责落实到位，专题研究 4 次" });
  });

  it("submits with a PDF as evidence: SELF_SUBMITTED, the self-total by the scheme's rule, the file kept by its checksum", async () => {
    const before = await stored("nanchang");
    const submitted = await saveSelfAssessment(
      selfInput("nanchang", 2, "submit", {
        ...autoFields(before),
        ...manual,
        "selfEvidence.RESPONSIBILITY": new File([PDF], "责任落实佐证.pdf"),
      }),
      users.nanchang!,
    );
    const total = expectedTotal(before, { RESPONSIBILITY: 9, SATISFACTION: 14, INNOVATION: 2 });
    expect(total).toBe(Math.round((autoSum(before) + 9 + 14 + 2) * 100) / 100);
    expect(submitted).toEqual({ name: "南昌市", version: 3, submitted: true, selfTotal: total });
    const after = await stored("nanchang");
    expect(after).toMatchObject({ stage: "SELF_SUBMITTED", version: 3, selfTotal: total });
    expect(after.selfSubmittedAt).toBeInstanceOf(Date);
    expect(after.scores.RESPONSIBILITY).toMatchObject({
      self: 9,
      selfEvidenceName: "责任落实佐证.pdf",
      selfEvidenceSha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
    });
    expect(after.scores.INNOVATION).toMatchObject({ self: 2, selfReason: "获评国家生态文明建设示范区" });
    expect(after.scores.PROBLEMS).toMatchObject({ self: null, selfEvidenceSha256: null });
    const audit = await db.auditLog.findFirst({
      where: { action: "assessment.self_submit", entityId: String(after.id) },
      orderBy: { id: "desc" },
    });
    expect(audit).toMatchObject({ actorId: users.nanchang!.id });
    expect(audit?.after).toMatchObject({ version: 3, selfTotal: total });
  });

  it("refuses another save after the submit (409)", async () => {
    const before = await stored("nanchang");
    const refused = await refusal(
      saveSelfAssessment(selfInput("nanchang", 3, "save", { ...autoFields(before), ...manual }), users.nanchang!),
    );
    expect(refused.status).toBe(409);
    expect(refused.message).toBe("南昌市的自评已提交，不能再修改");
  });
});

describe("self-evidence download", () => {
  const download = async (username: string, unit = "nanchang", code = "RESPONSIBILITY") => {
    await signInAs(db, username);
    const { GET } = await import("@/app/api/assessments/[year]/units/[unit]/evidence/[code]/route");
    return GET(new Request(`http://localhost:3000/api/assessments/${YEAR}/units/${unit}/evidence/${code}`), {
      params: Promise.resolve({ year: String(YEAR), unit, code }),
    });
  };

  it("gives the reviewer and the unit's own staff the file, and answers 404 to staff of another unit or for an item without one", async () => {
    for (const username of ["reviewer", "nanchang"]) {
      const response = await download(username);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/pdf");
      expect(Buffer.from(await response.arrayBuffer()).equals(PDF)).toBe(true);
    }
    expect((await download("jiujiang")).status).toBe(404);
    expect((await download("reviewer", "nanchang", "SATISFACTION")).status).toBe(404);
    signOut();
  });
});

describe("scoring", () => {
  it("refuses a score departing from the self-score without a reason, on reason.CODE", async () => {
    const before = await stored("nanchang");
    const refused = await refusal(
      saveScores(scoreInput("nanchang", 3, "save", { "score.RESPONSIBILITY": "8", "score.SATISFACTION": "14" }), users.reviewer!),
    );
    expect(refused.status).toBe(400);
    expect(refused.fieldErrors).toEqual({ "reason.RESPONSIBILITY": ["“责任落实”的评分与自评（9 分）不同，请说明理由"] });
    expect(await stored("nanchang")).toEqual(before);
  });

  it("refuses staff (403), saves the reviewer's scores, and refuses a confirm with a base item unscored", async () => {
    const fields = {
      "score.RESPONSIBILITY": "8",
      "reason.RESPONSIBILITY": "专题研究次数不足",
      "score.SATISFACTION": "14",
      "score.INNOVATION": "1",
      "reason.INNOVATION": "示范区命名为省级",
    };
    expect((await refusal(saveScores(scoreInput("nanchang", 3, "save", fields), users.nanchang!))).status).toBe(403);
    const saved = await saveScores(scoreInput("nanchang", 3, "save", fields), users.reviewer!);
    expect(saved).toEqual({ name: "南昌市", version: 4, confirmed: false, total: null, grade: null });
    const after = await stored("nanchang");
    expect(after).toMatchObject({ stage: "SELF_SUBMITTED", version: 4, total: null, grade: null });
    expect(after.scores.RESPONSIBILITY).toMatchObject({ self: 9, score: 8, reason: "专题研究次数不足", scoredById: users.reviewer!.id });
    expect(after.scores.SATISFACTION).toMatchObject({ self: 14, score: 14, reason: null });

    const unscored = await refusal(
      saveScores(scoreInput("nanchang", 4, "confirm", { ...fields, "score.SATISFACTION": "" }), users.reviewer!),
    );
    expect(unscored.status).toBe(400);
    expect(unscored.fieldErrors).toEqual({ "score.SATISFACTION": ["请为“公众生态环境满意度”评分"] });
    expect(await stored("nanchang")).toEqual(after);
  });
});

describe("changing the scheme after scoring started", () => {
  it("refuses a change without a reason, on reason", async () => {
    const refused = await refusal(saveScheme(schemeFormSchema.parse(schemeForm(changedScheme(), { basedOn: 2 })), users.reviewer!));
    expect(refused.status).toBe(400);
    expect(refused.fieldErrors).toEqual({ reason: ["请填写修改原因"] });
    expect(await db.assessmentScheme.count({ where: { year: YEAR } })).toBe(2);
  });

  it("with a reason writes a locked new version and carries every result over: self and manual scores by code, automatic items rescored", async () => {
    const before = await stored("nanchang");
    const oldSchemeId = await currentSchemeId();
    const saved = await saveScheme(
      schemeFormSchema.parse(schemeForm(changedScheme(), { basedOn: 2, reason: "满意度调查口径调整" })),
      users.reviewer!,
    );
    expect(saved.version).toBe(3);
    expect(saved.lockedAt).not.toBeNull();
    expect(saved.items.find((item) => item.code === "MILESTONES")?.points).toBe(10);
    const units = await db.unit.count();
    expect(await db.assessmentResult.count({ where: { schemeId: saved.id } })).toBe(units);
    // The old version's results stay as they were scored.
    expect(await db.assessmentResult.count({ where: { schemeId: oldSchemeId } })).toBe(units);

    const after = await stored("nanchang");
    expect(after).toMatchObject({ stage: "SELF_SUBMITTED", version: 1, selfSubmittedAt: before.selfSubmittedAt, total: null });
    expect(after.scores.RESPONSIBILITY).toMatchObject({
      points: 15,
      self: 9,
      selfReason: "党政同责落实到位，专题研究 4 次",
      selfEvidenceName: "责任落实佐证.pdf",
      selfEvidenceSha256: before.scores.RESPONSIBILITY!.selfEvidenceSha256,
      score: 8,
      reason: "专题研究次数不足",
      scoredById: users.reviewer!.id,
    });
    expect(after.scores.INNOVATION).toMatchObject({ self: 2, score: 1, reason: "示范区命名为省级" });
    // A score above the item's new points is cut to them, the unit's as the reviewer's.
    expect(after.scores.SATISFACTION).toMatchObject({ points: 12, self: 12, score: 12, selfReason: "满意度调查 93.5%" });

    const facts = (await gatherUnitFacts(YEAR, AS_OF)).get(after.unitId)!;
    for (const [code, score] of Object.entries(after.scores)) {
      if (score.kind !== "AUTO") continue;
      const expected = autoScore(score.metric!, score.points, facts);
      // The unit took the formula's scores, so its self-scores follow them to the new points.
      expect({ code, score: score.score, self: score.self }).toEqual({ code, score: expected.score, self: expected.score });
      expect(score.computed).toEqual({ ...expected, asOf: AS_OF });
    }
    expect(after.scores.MILESTONES!.points).toBe(10);
    expect(after.scores.FUNDS!.points).toBe(13);

    const audit = await db.auditLog.findFirst({
      where: { action: "assessment.scheme_save", entityId: String(YEAR) },
      orderBy: { id: "desc" },
    });
    expect(audit?.after).toMatchObject({ version: 3, reason: "满意度调查口径调整" });
  });
});

describe("confirming and unlocking", () => {
  const confirmFields = {
    "score.RESPONSIBILITY": "8",
    "reason.RESPONSIBILITY": "专题研究次数不足",
    "score.SATISFACTION": "10",
    "reason.SATISFACTION": "满意度调查样本不足",
    "score.INNOVATION": "1",
    "reason.INNOVATION": "示范区命名为省级",
    "score.PROBLEMS": "10",
    "reason.PROBLEMS": "被省级督察通报 1 起",
  };
  let nanchangTotal = 0;

  it("confirms with the total and grade by the scheme's rule, and then refuses more scores and a scheme change", async () => {
    const before = await stored("nanchang");
    const confirmed = await saveScores(scoreInput("nanchang", 1, "confirm", confirmFields), users.reviewer!);
    nanchangTotal = expectedTotal(before, { RESPONSIBILITY: 8, SATISFACTION: 10, INNOVATION: 1, PROBLEMS: 10 });
    expect(nanchangTotal).toBe(Math.round((autoSum(before) + 8 + 10 + 1 - 10) * 100) / 100);
    const grade = gradeOf(nanchangTotal, DEFAULT_GRADES);
    expect(confirmed).toEqual({ name: "南昌市", version: 2, confirmed: true, total: nanchangTotal, grade });
    const after = await stored("nanchang");
    expect(after).toMatchObject({ stage: "CONFIRMED", version: 2, total: nanchangTotal, grade });
    expect(after.confirmedAt).toBeInstanceOf(Date);
    expect(after.scores.PROBLEMS).toMatchObject({ score: 10, reason: "被省级督察通报 1 起" });

    const locked = await refusal(saveScores(scoreInput("nanchang", 2, "save", confirmFields), users.reviewer!));
    expect(locked.status).toBe(409);
    expect(locked.message).toBe("南昌市的考核结果已确认并锁定，须先解锁才能修改");

    const change = await refusal(
      saveScheme(schemeFormSchema.parse(schemeForm(defaultScheme(YEAR), { basedOn: 3, reason: "恢复默认方案" })), users.reviewer!),
    );
    expect(change.status).toBe(409);
    expect(change.message).toBe("已有 1 个单位的考核结果已确认，须先解锁这些结果才能修改方案");
    expect(await db.assessmentScheme.count({ where: { year: YEAR } })).toBe(3);
    expect(await stored("nanchang")).toEqual(after);
  });

  it("refuses to unlock a result not confirmed (409), unlocks a confirmed one with its reason audited and shown on the sheet", async () => {
    const unlock = (unit: string, version: number, reason: string) =>
      unlockResult(unlockResultSchema.parse({ year: String(YEAR), unit, version: String(version), reason }), users.reviewer!);
    const notConfirmed = await refusal(unlock("pingxiang", 1, "复核"));
    expect(notConfirmed.status).toBe(409);
    expect(notConfirmed.message).toBe("萍乡市的考核结果尚未确认，无需解锁");
    expect(unlockResultSchema.safeParse({ year: String(YEAR), unit: "nanchang", version: "2", reason: "" }).success).toBe(false);

    const unlocked = await unlock("nanchang", 2, "督察通报经复核已撤销");
    expect(unlocked).toEqual({ name: "南昌市", version: 3 });
    const after = await stored("nanchang");
    expect(after).toMatchObject({ stage: "SELF_SUBMITTED", version: 3, total: null, grade: null, confirmedAt: null });
    const audit = await db.auditLog.findFirst({
      where: { action: "assessment.unlock", entity: "AssessmentResult", entityId: String(after.id) },
      orderBy: { id: "desc" },
    });
    expect(audit).toMatchObject({
      actorId: users.reviewer!.id,
      before: { total: nanchangTotal, grade: gradeOf(nanchangTotal, DEFAULT_GRADES) },
    });
    expect(audit?.after).toMatchObject({ year: YEAR, unit: "南昌市", version: 3, reason: "督察通报经复核已撤销" });
    const sheet = await getAssessmentSheet(YEAR, "nanchang", users.reviewer!);
    expect(sheet?.unlockReason).toBe("督察通报经复核已撤销");
    expect(sheet?.result).toMatchObject({ stage: "SELF_SUBMITTED", grade: null, rank: null });

    // Confirmed again, the reason is no longer shown.
    const again = await saveScores(scoreInput("nanchang", 3, "confirm", confirmFields), users.reviewer!);
    expect(again).toMatchObject({ version: 4, confirmed: true, total: nanchangTotal });
    expect((await getAssessmentSheet(YEAR, "nanchang", users.reviewer!))?.unlockReason).toBeNull();
  });
});

describe("results", () => {
  /** 九江市 and 赣州市 self-assess and are confirmed with the same total, above 南昌市's. */
  it("ranks confirmed results of a kind with ties sharing a rank, the change against last year, the unconfirmed after them", async () => {
    // Last year: 九江 1st, 南昌 2nd, 赣州 3rd among the cities.
    const previous = await saveScheme({ ...defaultScheme(PREVIOUS), basedOn: 0, reason: "" }, users.reviewer!);
    const unitIds = Object.fromEntries((await db.unit.findMany({ select: { id: true, code: true } })).map((unit) => [unit.code, unit.id]));
    for (const [code, total] of [
      ["jiujiang", 95],
      ["nanchang", 85],
      ["ganzhou", 70],
    ] as const) {
      await db.assessmentResult.create({
        data: {
          schemeId: previous.id,
          unitId: unitIds[code]!,
          stage: "CONFIRMED",
          total,
          grade: gradeOf(total, DEFAULT_GRADES),
          confirmedAt: new Date(),
        },
      });
    }
    await db.assessmentResult.create({ data: { schemeId: previous.id, unitId: unitIds.pingxiang!, stage: "SELF_SUBMITTED", total: 99 } });

    const [jiujiang, ganzhou] = [await stored("jiujiang"), await stored("ganzhou")];
    const low = Math.min(autoSum(jiujiang), autoSum(ganzhou));
    for (const [unit, result] of [
      ["jiujiang", jiujiang],
      ["ganzhou", ganzhou],
    ] as const) {
      const hand = {
        "self.RESPONSIBILITY": "15",
        "selfReason.RESPONSIBILITY": "责任落实到位",
        "self.SATISFACTION": "12",
        "selfReason.SATISFACTION": "满意度高",
      };
      await saveSelfAssessment(selfInput(unit, 1, "submit", { ...autoFields(result), ...hand }), users[unit]!);
      // A higher automatic part is evened out by a deduction, so that both end on the same total.
      const deduction = Math.round((autoSum(result) - low) * 100) / 100;
      expect(deduction).toBeLessThanOrEqual(10);
      await saveScores(
        scoreInput(unit, 2, "confirm", {
          "score.RESPONSIBILITY": "15",
          "score.SATISFACTION": "12",
          ...(deduction > 0 ? { "score.PROBLEMS": String(deduction), "reason.PROBLEMS": "被通报" } : {}),
        }),
        users.reviewer!,
      );
    }
    const tiedTotal = Math.round((low + 27) * 100) / 100;
    const nanchangTotal = (await stored("nanchang")).total!;
    expect(nanchangTotal).toBeLessThan(tiedTotal);

    const view = (await getAssessmentResults(YEAR))!;
    expect(view.scheme.version).toBe(3);
    const provincial = await db.unit.findMany({ where: { kind: "PROVINCIAL" }, orderBy: { sortOrder: "asc" }, select: { code: true } });
    const cities = await db.unit.findMany({ where: { kind: "CITY" }, orderBy: { sortOrder: "asc" }, select: { code: true } });
    expect(view.results.map((result) => result.unit.code)).toEqual([
      ...provincial.map((unit) => unit.code),
      "jiujiang",
      "ganzhou",
      "nanchang",
      ...cities.map((unit) => unit.code).filter((code) => !["jiujiang", "ganzhou", "nanchang"].includes(code)),
    ]);
    const row = (code: string) => view.results.find((result) => result.unit.code === code)!;
    expect(row("jiujiang")).toMatchObject({ stage: "CONFIRMED", score: tiedTotal, rank: 1, tied: true, rankChange: 0 });
    expect(row("ganzhou")).toMatchObject({ stage: "CONFIRMED", score: tiedTotal, rank: 1, tied: true, rankChange: 2 });
    expect(row("nanchang")).toMatchObject({
      stage: "CONFIRMED",
      score: nanchangTotal,
      grade: gradeOf(nanchangTotal, DEFAULT_GRADES),
      rank: 3,
      tied: false,
      rankChange: -1,
    });
    expect(row("nanchang").items.find((item) => item.code === "RESPONSIBILITY")).toMatchObject({
      self: 9,
      score: 8,
      selfEvidenceName: "责任落实佐证.pdf",
    });
    for (const result of view.results.filter((result) => result.stage !== "CONFIRMED")) {
      expect({ unit: result.unit.code, rank: result.rank, tied: result.tied, rankChange: result.rankChange, grade: result.grade }).toEqual({
        unit: result.unit.code,
        rank: null,
        tied: false,
        rankChange: null,
        grade: null,
      });
    }
    expect(row("pingxiang")).toMatchObject({ stage: "SELF_ASSESSING", score: null, selfScore: null });

    // The year before has no year before it: ranks without a change; its unconfirmed result is not ranked.
    const before = (await getAssessmentResults(PREVIOUS))!;
    expect(before.results.map((result) => [result.unit.code, result.rank, result.tied, result.rankChange])).toEqual([
      ["jiujiang", 1, false, null],
      ["nanchang", 2, false, null],
      ["ganzhou", 3, false, null],
      ["pingxiang", null, false, null],
    ]);
  });
});

describe("who may read", () => {
  it("gives the sheet to the unit's own staff, the reviewer and leaders, and nothing to staff of another unit or the admin", async () => {
    for (const username of ["jiujiang", "fgw", "admin"]) expect(await getAssessmentSheet(YEAR, "nanchang", users[username]!)).toBeNull();
    for (const username of ["nanchang", "reviewer", "leader"]) {
      const sheet = await getAssessmentSheet(YEAR, "nanchang", users[username]!);
      expect(sheet?.result).toMatchObject({ unit: { code: "nanchang", name: "南昌市", kind: "CITY" }, stage: "CONFIRMED", rank: 3 });
      expect(sheet).toMatchObject({ asOf: AS_OF, confirmedBy: "省生态环境厅审核人", scoredBy: "省生态环境厅审核人", unlockReason: null });
      expect(sheet?.scheme.version).toBe(3);
    }
    expect(await getAssessmentSheet(NO_SCHEME, "nanchang", users.reviewer!)).toBeNull();
  });

  it("GET /api/v1/assessments/{year} answers the reviewer and leaders in the contract's shape, 403 to staff, 401 signed out, 404 without a scheme", async () => {
    const call = async (year: number) => {
      const { GET } = await import("@/app/api/v1/assessments/[year]/route");
      return GET(new Request(`http://localhost:3000/api/v1/assessments/${year}`), { params: Promise.resolve({ year: String(year) }) });
    };
    for (const username of ["reviewer", "leader"]) {
      await signInAs(db, username);
      const response = await call(YEAR);
      expect(response.status).toBe(200);
      const body = AssessmentResultsBodySchema.parse(await response.json());
      expect(body.data.year).toBe(YEAR);
      expect(body.data.scheme).toMatchObject({ name: `${YEAR}年度考核方案（调整）`, version: 3, bonusCap: 5, deductionCap: 20 });
      expect(body.data.scheme.items.find((item) => item.code === "MILESTONES")).toEqual({
        code: "MILESTONES",
        name: "节点按期完成率",
        points: 10,
        kind: "auto",
      });
      const nanchang = body.data.results.find((result) => result.unit.code === "nanchang")!;
      expect(nanchang).toMatchObject({
        unit: { code: "nanchang", name: "南昌市", kind: "city" },
        stage: "CONFIRMED",
        rank: 3,
        tied: false,
        rankChange: -1,
      });
      expect(nanchang.items.find((item) => item.code === "RESPONSIBILITY")).toEqual({ code: "RESPONSIBILITY", self: 9, score: 8 });
      expect(body.data.results).toHaveLength(await db.unit.count());
    }
    await signInAs(db, "reviewer");
    const missing = await call(NO_SCHEME);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toBe(NO_SUCH_ASSESSMENT);
    await signInAs(db, "nanchang");
    expect((await call(YEAR)).status).toBe(403);
    signOut();
    expect((await call(YEAR)).status).toBe(401);
  });

  it("gives the reviewer the 通报 in Word and the results in Excel, and refuses staff", async () => {
    const call = async (file: "docx" | "xlsx") => {
      const route =
        file === "docx" ? await import("@/app/api/assessments/[year]/docx/route") : await import("@/app/api/assessments/[year]/xlsx/route");
      return route.GET(new Request(`http://localhost:3000/api/assessments/${YEAR}/${file}`), {
        params: Promise.resolve({ year: String(YEAR) }),
      });
    };
    await signInAs(db, "reviewer");
    const docx = await call("docx");
    expect(docx.status).toBe(200);
    expect(docx.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    const bytes = Buffer.from(await docx.arrayBuffer());
    expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");
    const xml = await (await JSZip.loadAsync(bytes)).file("word/document.xml")!.async("string");
    const text = xml.replace(/<[^>]+>/g, "");
    expect(text).toContain(`关于${YEAR}年度美丽江西建设成效考核结果的通报`);
    expect(text).toContain("南昌市");

    const xlsx = await call("xlsx");
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["考核结果", "考核方案"]);
    const names: string[] = [];
    workbook.getWorksheet("考核结果")!.eachRow((row) => row.eachCell((cell) => names.push(cell.text)));
    expect(names).toContain("南昌市");

    await signInAs(db, "nanchang");
    expect((await call("docx")).status).toBe(403);
    expect((await call("xlsx")).status).toBe(403);
    signOut();
  });
});
