import "server-only";
import { db } from "@/lib/core/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { SessionUser } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit/audit";
import { UserFacingError } from "@/lib/core/errors";
import { chinaToday } from "@/lib/core/quarters";
import { isUniqueViolation } from "@/lib/reports/save-report";
import { lastAudited, staleWriteError, updateVersioned, type StaleWrite } from "@/lib/core/versioned-update";
import { storeEvidenceFile, type StoredFile } from "@/lib/evidence/evidence";
import {
  AUTO_METRICS,
  autoScore,
  autoScoreText,
  factsFor,
  roundPoints,
  ZERO_FACTS,
  type AutoMetric,
  type AutoScore,
  type UnitYearFacts,
} from "./auto-items";
import { gradeOf, rankResults, totalOf, type GradeThreshold, type ItemKind } from "./grading";
import { gradeThresholdSchema, schemeItemRows } from "./scheme";
import { gatherUnitFacts } from "./unit-facts";
import type { AssessmentResultsView, ItemScoreView, ResultView, SchemeItemView, SchemeView } from "./results-view";
import type { ScoreSheetInput, SchemeFormInput, SelfAssessmentInput, SheetEntry, StartAssessmentInput, UnlockResultInput } from "./schemas";

/**
 * 成效考核, the data layer. A year's scheme is kept in versions: each save writes the next version,
 * so what units were scored against stays on record. Starting the year's scoring locks the current
 * version and opens a result for every provincial unit and city, its automatic items computed from
 * the system's own data (unit-facts.ts) as of a chosen day. Each unit self-assesses (自评, pre-filled
 * with the automatic scores: the unit only writes what the system cannot know), 省生态环境厅 scores
 * beside the self-scores — a score that departs from the self-score needs a reason — and confirms;
 * a confirmed result is locked until unlocked with a reason. Every write is audited; results are
 * versioned (WHERE version = $v).
 */

type Tx = Prisma.TransactionClient;

const num = (value: Prisma.Decimal | number | null | undefined): number | null =>
  value === null || value === undefined ? null : Number(value);

/** What an automatic score stores: the formula's inputs and the day they were read. */
interface ComputedAuto extends AutoScore {
  asOf: string;
}

const schemeSelect = {
  id: true,
  year: true,
  version: true,
  name: true,
  grades: true,
  bonusCap: true,
  deductionCap: true,
  demo: true,
  lockedAt: true,
  items: {
    orderBy: { position: "asc" },
    select: { id: true, code: true, name: true, kind: true, points: true, metric: true, description: true },
  },
} as const satisfies Prisma.AssessmentSchemeSelect;
type SchemeRow = Prisma.AssessmentSchemeGetPayload<{ select: typeof schemeSelect }>;

const gradesOf = (value: unknown): GradeThreshold[] => gradeThresholdSchema.array().parse(value);

function schemeView(row: SchemeRow): SchemeView {
  return {
    id: row.id,
    year: row.year,
    version: row.version,
    name: row.name,
    lockedAt: row.lockedAt?.toISOString() ?? null,
    demo: row.demo,
    bonusCap: Number(row.bonusCap),
    deductionCap: Number(row.deductionCap),
    grades: gradesOf(row.grades),
    items: row.items.map((item): SchemeItemView => ({
      id: item.id,
      code: item.code,
      name: item.name,
      kind: item.kind,
      points: Number(item.points),
      metric: (AUTO_METRICS as readonly string[]).includes(item.metric ?? "") ? (item.metric as AutoMetric) : null,
      description: item.description,
    })),
  };
}

async function currentSchemeRow(year: number, tx: Tx | typeof db = db): Promise<SchemeRow | null> {
  return tx.assessmentScheme.findFirst({ where: { year }, orderBy: { version: "desc" }, select: schemeSelect });
}

/** The year's scheme as it stands (its latest version), or null when none was defined. */
export async function getCurrentScheme(year: number): Promise<SchemeView | null> {
  const row = await currentSchemeRow(year);
  return row ? schemeView(row) : null;
}

/** Every version of the year's scheme, newest first, with who wrote it and when. */
export async function listSchemeVersions(year: number) {
  const rows = await db.assessmentScheme.findMany({
    where: { year },
    orderBy: { version: "desc" },
    select: { version: true, name: true, createdAt: true, lockedAt: true, demo: true, createdBy: { select: { displayName: true } } },
  });
  return rows.map((row) => ({ ...row, createdBy: row.createdBy.displayName }));
}

/** Years with a scheme, newest first. */
export async function listAssessmentYears(): Promise<number[]> {
  const rows = await db.assessmentScheme.findMany({ distinct: ["year"], orderBy: { year: "desc" }, select: { year: true } });
  return rows.map((row) => row.year);
}

const schemeStale = (year: number): StaleWrite => ({
  lastChange: lastAudited("AssessmentScheme", String(year)),
  message: ({ who, when }) => `保存未成功：${who}已于 ${when} 修改了${year}年度考核方案。您填写的内容仍在页面上，请刷新查看后再保存。`,
});

/**
 * Saves the year's scheme as its next version. Before scoring starts this is a draft the reviewer
 * may change freely; once scoring has started the change needs a reason, is refused while any
 * result is confirmed, and carries every unit's scores over to the new version by item code (the
 * automatic items recomputed for the new points), so nothing a unit or the reviewer entered is lost.
 */
export async function saveScheme(input: SchemeFormInput, user: SessionUser): Promise<SchemeView> {
  const year = input.year;
  const version = await db
    .$transaction(async (tx) => {
      const current = await currentSchemeRow(year, tx);
      if ((current?.version ?? 0) !== input.basedOn) throw await staleWriteError(tx, schemeStale(year));
      const scoring = Boolean(current?.lockedAt);
      if (scoring && !input.reason) {
        throw new UserFacingError("评分已开始，修改考核方案须填写修改原因", { reason: ["请填写修改原因"] });
      }
      if (scoring && current) {
        const confirmed = await tx.assessmentResult.count({ where: { schemeId: current.id, stage: "CONFIRMED" } });
        if (confirmed > 0) {
          throw new UserFacingError(`已有 ${confirmed} 个单位的考核结果已确认，须先解锁这些结果才能修改方案`, {}, "CONFLICT");
        }
      }
      const created = await tx.assessmentScheme.create({
        data: {
          year,
          version: input.basedOn + 1,
          name: input.name,
          grades: input.grades,
          bonusCap: input.bonusCap,
          deductionCap: input.deductionCap,
          lockedAt: scoring ? new Date() : null,
          createdById: user.id,
          items: { create: schemeItemRows(input.items) },
        },
        select: schemeSelect,
      });
      if (scoring && current) await carryResults(tx, current, created);
      await recordAudit(tx, {
        actorId: user.id,
        action: "assessment.scheme_save",
        entity: "AssessmentScheme",
        entityId: String(year),
        before: current ? { version: current.version, items: current.items.map((item) => `${item.code}:${Number(item.points)}`) } : null,
        after: {
          version: created.version,
          items: created.items.map((item) => `${item.code}:${Number(item.points)}`),
          ...(input.reason ? { reason: input.reason } : {}),
        },
      });
      return created.version;
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) {
        return db.$transaction(async (tx) => {
          throw await staleWriteError(tx, schemeStale(year));
        });
      }
      throw error;
    });
  const saved = await getCurrentScheme(year);
  if (!saved || saved.version !== version) throw new Error(`assessment scheme ${year} v${version} vanished after saving`);
  return saved;
}

/** The automatic score an item of `points` earns on stored inputs. */
function rescored(stored: ComputedAuto, points: number): ComputedAuto {
  const result = autoScore(stored.metric, points, factsFor(stored.metric, stored.numerator, stored.denominator));
  return { ...result, asOf: stored.asOf };
}

const computedOf = (value: unknown): ComputedAuto | null => {
  if (!value || typeof value !== "object") return null;
  const stored = value as Partial<ComputedAuto>;
  if (typeof stored.metric !== "string" || typeof stored.numerator !== "number" || typeof stored.denominator !== "number") return null;
  if (!(AUTO_METRICS as readonly string[]).includes(stored.metric)) return null;
  return stored as ComputedAuto;
};

/** A new scheme version taking over the year's results: scores kept by item code, automatic items rescored. */
async function carryResults(tx: Tx, from: SchemeRow, to: SchemeRow) {
  const results = await tx.assessmentResult.findMany({
    where: { schemeId: from.id },
    select: {
      id: true,
      unitId: true,
      stage: true,
      selfSubmittedAt: true,
      scores: {
        select: {
          item: { select: { code: true } },
          selfScore: true,
          selfReason: true,
          selfEvidenceName: true,
          selfEvidenceSha256: true,
          score: true,
          reason: true,
          computed: true,
          scoredById: true,
          scoredAt: true,
        },
      },
    },
  });
  const asOf = results.flatMap((result) => result.scores.flatMap((score) => computedOf(score.computed)?.asOf ?? []))[0] ?? chinaToday();
  const needsFacts = to.items.some(
    (item) => item.kind === "AUTO" && !from.items.some((old) => old.code === item.code && old.metric === item.metric),
  );
  const facts = needsFacts ? await gatherUnitFacts(to.year, asOf) : null;
  for (const result of results) {
    const created = await tx.assessmentResult.create({
      data: { schemeId: to.id, unitId: result.unitId, stage: result.stage, selfSubmittedAt: result.selfSubmittedAt },
      select: { id: true },
    });
    const byCode = new Map(result.scores.map((score) => [score.item.code, score]));
    await tx.assessmentScore.createMany({
      data: to.items.map((item) => {
        const old = byCode.get(item.code);
        const points = Number(item.points);
        // Like the reviewer's score, the unit's is never above the item's new points.
        const self = old?.selfScore === null || old?.selfScore === undefined ? null : Math.min(Number(old.selfScore), points);
        const base = {
          resultId: created.id,
          itemId: item.id,
          selfScore: self,
          selfReason: old?.selfReason ?? null,
          selfEvidenceName: old?.selfEvidenceName ?? null,
          selfEvidenceSha256: old?.selfEvidenceSha256 ?? null,
        };
        if (item.kind !== "AUTO" || !item.metric) {
          const score = old?.score === null || old?.score === undefined ? null : Math.min(Number(old.score), points);
          return { ...base, score, reason: old?.reason ?? null, scoredById: old?.scoredById ?? null, scoredAt: old?.scoredAt ?? null };
        }
        const stored = computedOf(old?.computed);
        const computed =
          stored && stored.metric === item.metric
            ? rescored(stored, points)
            : {
                ...autoScore(item.metric as AutoMetric, points, facts?.get(result.unitId) ?? ZERO_FACTS),
                asOf,
              };
        // A self-score that took the formula's score follows it, as recomputeAutoItems does.
        const followed = self === null || num(old?.selfScore) === num(old?.score);
        return { ...base, score: computed.score, computed: { ...computed }, selfScore: followed ? computed.score : self };
      }),
    });
  }
}

/** The day the automatic items are read at lies in the assessed year or after it, and not in the future. */
function refuseDayOutside(input: StartAssessmentInput) {
  if (input.asOf > chinaToday()) throw new UserFacingError("计算日期不能晚于今天", { asOf: ["计算日期不能晚于今天"] });
  if (input.asOf < `${input.year}-01-01`) {
    throw new UserFacingError(`计算日期不能早于${input.year}年1月1日`, { asOf: [`计算日期不能早于${input.year}年1月1日`] });
  }
}

/**
 * Starts scoring a year: locks its current scheme and opens a result for every provincial unit and
 * city, each automatic item computed as of `asOf` and offered as the unit's self-score. Refused when
 * no scheme exists, when scoring has already started, or for a day in the future.
 */
export async function startAssessment(input: StartAssessmentInput, user: SessionUser) {
  refuseDayOutside(input);
  const scheme = await currentSchemeRow(input.year);
  if (!scheme) throw new UserFacingError(`${input.year}年度尚未制定考核方案，请先制定或采用默认方案`, {}, "NOT_FOUND");
  if (scheme.lockedAt) throw new UserFacingError(`${input.year}年度考核评分已经开始`, {}, "CONFLICT");
  const [facts, units] = await Promise.all([gatherUnitFacts(input.year, input.asOf), db.unit.findMany({ select: { id: true } })]);
  await db.$transaction(async (tx) => {
    const locked = await tx.assessmentScheme.updateMany({ where: { id: scheme.id, lockedAt: null }, data: { lockedAt: new Date() } });
    if (locked.count === 0) throw new UserFacingError(`${input.year}年度考核评分已经开始`, {}, "CONFLICT");
    for (const unit of units) {
      const result = await tx.assessmentResult.create({ data: { schemeId: scheme.id, unitId: unit.id }, select: { id: true } });
      await tx.assessmentScore.createMany({ data: scheme.items.map((item) => scoreRow(result.id, item, facts.get(unit.id), input.asOf)) });
    }
    await recordAudit(tx, {
      actorId: user.id,
      action: "assessment.start",
      entity: "AssessmentScheme",
      entityId: String(input.year),
      after: { version: scheme.version, asOf: input.asOf, units: units.length },
    });
  });
  return { year: input.year, units: units.length };
}

function scoreRow(resultId: number, item: SchemeRow["items"][number], facts: UnitYearFacts | undefined, asOf: string) {
  if (item.kind !== "AUTO" || !item.metric) return { resultId, itemId: item.id };
  const metric = item.metric as AutoMetric;
  const computed: ComputedAuto = {
    ...autoScore(metric, Number(item.points), facts ?? ZERO_FACTS),
    asOf,
  };
  return { resultId, itemId: item.id, score: computed.score, selfScore: computed.score, computed: { ...computed } };
}

/**
 * Recomputes the automatic items of every result not yet confirmed, as of a new day (data that
 * arrived late). A unit's self-score that equalled the old automatic score follows the new one.
 */
export async function recomputeAutoItems(input: StartAssessmentInput, user: SessionUser) {
  refuseDayOutside(input);
  const scheme = await currentSchemeRow(input.year);
  if (!scheme?.lockedAt) throw new UserFacingError(`${input.year}年度考核评分尚未开始`, {}, "CONFLICT");
  const facts = await gatherUnitFacts(input.year, input.asOf);
  const autoItems = scheme.items.filter((item) => item.kind === "AUTO" && item.metric);
  const results = await db.assessmentResult.findMany({
    where: { schemeId: scheme.id, stage: { not: "CONFIRMED" } },
    select: {
      id: true,
      unitId: true,
      scores: {
        where: { itemId: { in: autoItems.map((item) => item.id) } },
        select: { id: true, itemId: true, score: true, selfScore: true },
      },
    },
  });
  await db.$transaction(async (tx) => {
    for (const result of results) {
      for (const item of autoItems) {
        const metric = item.metric as AutoMetric;
        const computed: ComputedAuto = {
          ...autoScore(metric, Number(item.points), facts.get(result.unitId) ?? ZERO_FACTS),
          asOf: input.asOf,
        };
        const stored = result.scores.find((score) => score.itemId === item.id);
        const followed = !stored || num(stored.selfScore) === num(stored.score);
        await tx.assessmentScore.upsert({
          where: { resultId_itemId: { resultId: result.id, itemId: item.id } },
          create: { resultId: result.id, itemId: item.id, score: computed.score, selfScore: computed.score, computed: { ...computed } },
          update: { score: computed.score, computed: { ...computed }, ...(followed ? { selfScore: computed.score } : {}) },
        });
      }
    }
    await recordAudit(tx, {
      actorId: user.id,
      action: "assessment.recompute",
      entity: "AssessmentScheme",
      entityId: String(input.year),
      after: { version: scheme.version, asOf: input.asOf, results: results.length },
    });
  });
  return { year: input.year, results: results.length };
}

const resultSelect = {
  id: true,
  stage: true,
  version: true,
  selfTotal: true,
  total: true,
  grade: true,
  selfSubmittedAt: true,
  confirmedAt: true,
  confirmedBy: { select: { displayName: true } },
  unit: { select: { id: true, code: true, shortName: true, kind: true, sortOrder: true } },
  scores: {
    select: {
      itemId: true,
      selfScore: true,
      selfReason: true,
      selfEvidenceName: true,
      selfEvidenceSha256: true,
      score: true,
      reason: true,
      computed: true,
      scoredAt: true,
      scoredBy: { select: { displayName: true } },
    },
  },
} as const satisfies Prisma.AssessmentResultSelect;
type ResultRow = Prisma.AssessmentResultGetPayload<{ select: typeof resultSelect }>;

function itemViews(scheme: SchemeView, row: ResultRow): ItemScoreView[] {
  return scheme.items.map((item) => {
    const score = row.scores.find((stored) => stored.itemId === item.id);
    const computed = computedOf(score?.computed);
    return {
      code: item.code,
      self: num(score?.selfScore),
      selfReason: score?.selfReason ?? null,
      selfEvidenceName: score?.selfEvidenceName ?? null,
      score: num(score?.score),
      reason: score?.reason ?? null,
      computedText: computed ? autoScoreText(computed) : null,
    };
  });
}

/** A total by the scheme's rule from one score per item (in the scheme's order), or null while a base item is unscored. */
function totalFrom(scheme: SchemeView, scores: readonly (number | null)[]): number | null {
  const scored: { kind: ItemKind; score: number }[] = [];
  for (const [index, item] of scheme.items.entries()) {
    const value = scores[index] ?? null;
    // Bonus and deduction items left empty give nothing and take nothing.
    if (value === null && (item.kind === "AUTO" || item.kind === "MANUAL")) return null;
    scored.push({ kind: item.kind, score: value ?? 0 });
  }
  return totalOf(scored, scheme).total;
}

const byPlanOrder = (a: ResultRow, b: ResultRow) => a.unit.sortOrder - b.unit.sortOrder;

async function resultRows(schemeId: number) {
  const rows = await db.assessmentResult.findMany({ where: { schemeId }, select: resultSelect });
  return rows.sort(byPlanOrder);
}

/** Ranks of last year's confirmed results per unit code, among their own kind. */
async function previousRanks(year: number): Promise<Map<string, number>> {
  const scheme = await currentSchemeRow(year - 1);
  if (!scheme) return new Map();
  const rows = await db.assessmentResult.findMany({
    where: { schemeId: scheme.id, stage: "CONFIRMED" },
    select: { total: true, unit: { select: { code: true, kind: true } } },
  });
  const ranks = new Map<string, number>();
  for (const kind of ["PROVINCIAL", "CITY"] as const) {
    const ofKind = rows.filter((row) => row.unit.kind === kind).map((row) => ({ code: row.unit.code, total: Number(row.total ?? 0) }));
    for (const ranked of rankResults(ofKind)) ranks.set(ranked.item.code, ranked.rank);
  }
  return ranks;
}

function resultView(scheme: SchemeView, row: ResultRow): ResultView {
  const items = itemViews(scheme, row);
  const confirmed = row.stage === "CONFIRMED";
  return {
    unit: { code: row.unit.code, name: row.unit.shortName, kind: row.unit.kind },
    stage: row.stage,
    selfScore:
      num(row.selfTotal) ??
      totalFrom(
        scheme,
        items.map((item) => item.self),
      ),
    score: confirmed
      ? num(row.total)
      : totalFrom(
          scheme,
          items.map((item) => item.score),
        ),
    grade: confirmed ? row.grade : null,
    rank: null,
    tied: false,
    rankChange: null,
    version: row.version,
    confirmedAt: row.confirmedAt?.toISOString() ?? null,
    items,
  };
}

/**
 * The year's results for every reader (page, 通报, Excel, API): each unit's self-score, score and
 * grade; confirmed results ranked among their kind with ties sharing a rank and the change against
 * last year; the unconfirmed after them in the plan's order. Null when the year has no scheme.
 */
export async function getAssessmentResults(year: number): Promise<AssessmentResultsView | null> {
  const row = await currentSchemeRow(year);
  if (!row) return null;
  const scheme = schemeView(row);
  const [rows, before] = await Promise.all([resultRows(scheme.id), previousRanks(year)]);
  const results: ResultView[] = [];
  for (const kind of ["PROVINCIAL", "CITY"] as const) {
    const views = rows.filter((result) => result.unit.kind === kind).map((result) => resultView(scheme, result));
    const confirmed = views.filter((view) => view.stage === "CONFIRMED").map((view) => ({ view, total: view.score ?? 0 }));
    for (const ranked of rankResults(confirmed, (item) => before.get(item.view.unit.code) ?? null)) {
      results.push({ ...ranked.item.view, rank: ranked.rank, tied: ranked.tied, rankChange: ranked.rankChange });
    }
    results.push(...views.filter((view) => view.stage !== "CONFIRMED"));
  }
  return { year, scheme, results };
}

/** Who may read a unit's sheet: its own staff, the reviewer and leaders. */
function maySeeSheet(reader: SessionUser, unitCode: string): boolean {
  if (reader.role === "REVIEWER" || reader.role === "LEADER") return true;
  return reader.role === "STAFF" && reader.unitCode === unitCode;
}

export interface AssessmentSheet {
  scheme: SchemeView;
  result: ResultView;
  /** The day the automatic items were computed at. */
  asOf: string | null;
  confirmedBy: string | null;
  /** Last reviewer to score, and when. */
  scoredBy: string | null;
  scoredAt: Date | null;
  selfSubmittedAt: Date | null;
  /** The result's latest unlock reason, shown beside the sheet while it is being rescored. */
  unlockReason: string | null;
}

/** One unit's score sheet for the year, or null when the reader may not see it or it does not exist (404). */
export async function getAssessmentSheet(year: number, unitCode: string, reader: SessionUser): Promise<AssessmentSheet | null> {
  if (!maySeeSheet(reader, unitCode)) return null;
  const row = await currentSchemeRow(year);
  if (!row) return null;
  const scheme = schemeView(row);
  const result = await db.assessmentResult.findFirst({ where: { schemeId: scheme.id, unit: { code: unitCode } }, select: resultSelect });
  if (!result) return null;
  const view =
    (await getAssessmentResults(year))?.results.find((candidate) => candidate.unit.code === unitCode) ?? resultView(scheme, result);
  const scored = result.scores.filter((score) => score.scoredAt).sort((a, b) => b.scoredAt!.getTime() - a.scoredAt!.getTime())[0];
  const unlock = await db.auditLog.findFirst({
    where: { entity: "AssessmentResult", entityId: String(result.id), action: "assessment.unlock" },
    orderBy: { id: "desc" },
    select: { after: true },
  });
  const unlockAfter = unlock?.after as { reason?: unknown } | null | undefined;
  return {
    scheme,
    result: view,
    asOf: result.scores.map((score) => computedOf(score.computed)?.asOf).find(Boolean) ?? null,
    confirmedBy: result.confirmedBy?.displayName ?? null,
    scoredBy: scored?.scoredBy?.displayName ?? null,
    scoredAt: scored?.scoredAt ?? null,
    selfSubmittedAt: result.selfSubmittedAt,
    unlockReason: result.stage !== "CONFIRMED" && typeof unlockAfter?.reason === "string" ? unlockAfter.reason : null,
  };
}

/** The stored self-evidence of one item, for download by those who may see the sheet. */
export async function selfEvidenceFor(year: number, unitCode: string, itemCode: string, reader: SessionUser) {
  if (!maySeeSheet(reader, unitCode)) return null;
  const scheme = await currentSchemeRow(year);
  if (!scheme) return null;
  const score = await db.assessmentScore.findFirst({
    where: { result: { schemeId: scheme.id, unit: { code: unitCode } }, item: { code: itemCode }, selfEvidenceSha256: { not: null } },
    select: { selfEvidenceName: true, selfEvidenceSha256: true },
  });
  return score?.selfEvidenceSha256 ? { fileName: score.selfEvidenceName ?? "佐证材料", sha256: score.selfEvidenceSha256 } : null;
}

async function editableResult(year: number, unitCode: string) {
  const scheme = await currentSchemeRow(year);
  if (!scheme) throw new UserFacingError(`${year}年度尚未制定考核方案`, {}, "NOT_FOUND");
  const result = await db.assessmentResult.findFirst({
    where: { schemeId: scheme.id, unit: { code: unitCode } },
    select: { ...resultSelect, scores: { select: { id: true, itemId: true, selfScore: true, score: true, computed: true } } },
  });
  if (!result) throw new UserFacingError(`${year}年度考核评分尚未开始`, {}, "NOT_FOUND");
  return { scheme: schemeView(scheme), result };
}

const resultStale = (resultId: number, unitName: string): StaleWrite => ({
  lastChange: lastAudited("AssessmentResult", String(resultId)),
  message: ({ who, when }) => `保存未成功：${who}已于 ${when} 修改了${unitName}的考核表。您填写的内容仍在页面上，请刷新查看后再保存。`,
});

/** A typed score checked against its item: a number from 0 to the item's points, at most two decimals. */
function scoreValue(entry: SheetEntry | undefined, item: SchemeItemView, field: string, errors: Record<string, string[]>): number | null {
  const text = entry?.value ?? "";
  if (text === "") return null;
  const value = Number(text);
  const label = item.kind === "DEDUCTION" ? "扣分" : item.kind === "BONUS" ? "加分" : "得分";
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(text) || !Number.isFinite(value)) {
    errors[field] = [`${item.name}：${label}须为不小于 0 的数字，最多两位小数`];
    return null;
  }
  if (value > item.points) {
    errors[field] = [`${item.name}：${label}不能超过 ${item.points} 分`];
    return null;
  }
  return roundPoints(value);
}

function refuseIfErrors(errors: Record<string, string[]>) {
  const fields = Object.keys(errors);
  if (fields.length > 0) throw new UserFacingError(`有 ${fields.length} 处需要修改，请按提示修改后再提交。`, errors);
}

/**
 * The unit's self-assessment: a score and a short justification per item, optionally a document
 * as evidence; automatic items come pre-filled with the formula's score and need a reason only
 * when the unit disagrees. Submitting needs every item scored and every manual item justified;
 * after it the sheet is the reviewer's. (The reviewer may also score a unit that never submitted:
 * a missing self-assessment does not hold up the year.)
 */
export async function saveSelfAssessment(input: SelfAssessmentInput, user: SessionUser) {
  if (user.role !== "STAFF" || user.unitCode !== input.unit) throw new UserFacingError("只能填写本单位的自评", {}, "FORBIDDEN");
  const { scheme, result } = await editableResult(input.year, input.unit);
  const name = result.unit.shortName;
  if (result.stage !== "SELF_ASSESSING") throw new UserFacingError(`${name}的自评已提交，不能再修改`, {}, "CONFLICT");
  const submit = input.intent === "submit";
  const errors: Record<string, string[]> = {};
  const values = scheme.items.map((item) => {
    const entry = input.entries.get(item.code);
    const stored = result.scores.find((score) => score.itemId === item.id);
    const value = scoreValue(entry, item, `self.${item.code}`, errors);
    const reason = (entry?.reason ?? "").trim();
    if (reason.length > 500) errors[`selfReason.${item.code}`] = [`${item.name}：自评说明不能超过 500 字`];
    if (submit && value === null && !errors[`self.${item.code}`] && (item.kind === "AUTO" || item.kind === "MANUAL")) {
      errors[`self.${item.code}`] = [`请填写“${item.name}”的自评得分`];
    }
    const departs = item.kind === "AUTO" && value !== null && value !== num(stored?.score);
    const needsReason = item.kind === "MANUAL" || departs || (item.kind !== "AUTO" && value !== null && value > 0);
    if (submit && needsReason && !reason) {
      errors[`selfReason.${item.code}`] = [departs ? `“${item.name}”的自评与系统计算不同，请说明理由` : `请填写“${item.name}”的自评说明`];
    }
    return { item, value, reason: reason || null, evidence: entry?.evidence ?? null };
  });
  refuseIfErrors(errors);
  // Files are checked and stored before the transaction: a refused file changes nothing.
  const stored = new Map<number, StoredFile>();
  for (const entry of values) {
    if (entry.evidence) stored.set(entry.item.id, await storeEvidenceFile(entry.evidence, `selfEvidence.${entry.item.code}`));
  }
  const selfTotal = submit
    ? totalFrom(
        scheme,
        values.map((entry) => entry.value),
      )
    : null;
  const now = new Date();
  const version = await db.$transaction(async (tx) => {
    const next = await updateVersioned(
      tx,
      "assessmentResult",
      { where: { id: result.id, stage: "SELF_ASSESSING" }, version: input.version },
      submit ? { stage: "SELF_SUBMITTED", selfSubmittedAt: now, selfTotal } : {},
      resultStale(result.id, name),
    );
    for (const entry of values) {
      const file = stored.get(entry.item.id);
      const data = {
        selfScore: entry.value,
        selfReason: entry.reason,
        ...(file ? { selfEvidenceName: file.fileName, selfEvidenceSha256: file.sha256 } : {}),
      };
      await tx.assessmentScore.upsert({
        where: { resultId_itemId: { resultId: result.id, itemId: entry.item.id } },
        create: { resultId: result.id, itemId: entry.item.id, ...data },
        update: data,
      });
    }
    await recordAudit(tx, {
      actorId: user.id,
      action: submit ? "assessment.self_submit" : "assessment.self_save",
      entity: "AssessmentResult",
      entityId: String(result.id),
      after: {
        year: input.year,
        unit: name,
        version: next,
        selfTotal,
        items: values.map((entry) => `${entry.item.code}:${entry.value ?? "-"}`),
      },
    });
    return next;
  });
  return { name, version, submitted: submit, selfTotal };
}

/**
 * 省生态环境厅 scores a unit: manual, bonus and deduction items by hand, automatic items by their
 * formula. A score that departs from the unit's self-score needs a reason, as does every bonus or
 * deduction given. Confirming needs every base item scored; it fixes the total and grade and
 * locks the result.
 */
export async function saveScores(input: ScoreSheetInput, user: SessionUser) {
  if (user.role !== "REVIEWER") throw new UserFacingError("只有省生态环境厅可以评分", {}, "FORBIDDEN");
  const { scheme, result } = await editableResult(input.year, input.unit);
  const name = result.unit.shortName;
  if (result.stage === "CONFIRMED") throw new UserFacingError(`${name}的考核结果已确认并锁定，须先解锁才能修改`, {}, "CONFLICT");
  const confirm = input.intent === "confirm";
  const errors: Record<string, string[]> = {};
  const values = scheme.items.map((item) => {
    const stored = result.scores.find((score) => score.itemId === item.id);
    if (item.kind === "AUTO") return { item, value: num(stored?.score), reason: null, manual: false };
    const entry = input.entries.get(item.code);
    const value = scoreValue(entry, item, `score.${item.code}`, errors);
    const reason = (entry?.reason ?? "").trim();
    if (reason.length > 500) errors[`reason.${item.code}`] = [`${item.name}：评分理由不能超过 500 字`];
    if (confirm && value === null && item.kind === "MANUAL" && !errors[`score.${item.code}`]) {
      errors[`score.${item.code}`] = [`请为“${item.name}”评分`];
    }
    const self = num(stored?.selfScore);
    // An empty bonus or deduction self-score claims nothing: scoring it 0 agrees with the unit.
    const departs = value !== null && value !== (self ?? (item.kind === "MANUAL" ? null : 0));
    const given = item.kind !== "MANUAL" && value !== null && value > 0;
    if (value !== null && (departs || given) && !reason) {
      errors[`reason.${item.code}`] = [
        self === null ? `请说明“${item.name}”的评分理由` : `“${item.name}”的评分与自评（${self} 分）不同，请说明理由`,
      ];
    }
    return { item, value, reason: reason || null, manual: true };
  });
  refuseIfErrors(errors);
  const total = confirm
    ? totalFrom(
        scheme,
        values.map((entry) => entry.value),
      )
    : null;
  if (confirm && total === null) throw new UserFacingError("还有未评分的基本项目，不能确认结果");
  const grade = total === null ? null : gradeOf(total, scheme.grades);
  const now = new Date();
  const version = await db.$transaction(async (tx) => {
    const next = await updateVersioned(
      tx,
      "assessmentResult",
      { where: { id: result.id, stage: { not: "CONFIRMED" } }, version: input.version },
      confirm ? { stage: "CONFIRMED", total, grade, confirmedAt: now, confirmedById: user.id } : {},
      resultStale(result.id, name),
    );
    for (const entry of values.filter((value) => value.manual)) {
      await tx.assessmentScore.upsert({
        where: { resultId_itemId: { resultId: result.id, itemId: entry.item.id } },
        create: {
          resultId: result.id,
          itemId: entry.item.id,
          score: entry.value,
          reason: entry.reason,
          scoredById: user.id,
          scoredAt: now,
        },
        update: { score: entry.value, reason: entry.reason, scoredById: user.id, scoredAt: now },
      });
    }
    await recordAudit(tx, {
      actorId: user.id,
      action: confirm ? "assessment.confirm" : "assessment.score",
      entity: "AssessmentResult",
      entityId: String(result.id),
      after: {
        year: input.year,
        unit: name,
        version: next,
        items: values.map((entry) => `${entry.item.code}:${entry.value ?? "-"}${entry.reason ? `（${entry.reason}）` : ""}`),
        ...(confirm ? { total, grade } : {}),
      },
    });
    return next;
  });
  return { name, version, confirmed: confirm, total, grade };
}

/** Unlocks a confirmed result for rescoring; the reason is audited and shown on the sheet. */
export async function unlockResult(input: UnlockResultInput, user: SessionUser) {
  if (user.role !== "REVIEWER") throw new UserFacingError("只有省生态环境厅可以解锁考核结果", {}, "FORBIDDEN");
  const { result } = await editableResult(input.year, input.unit);
  const name = result.unit.shortName;
  if (result.stage !== "CONFIRMED") throw new UserFacingError(`${name}的考核结果尚未确认，无需解锁`, {}, "CONFLICT");
  const version = await db.$transaction(async (tx) => {
    const next = await updateVersioned(
      tx,
      "assessmentResult",
      { where: { id: result.id, stage: "CONFIRMED" }, version: input.version },
      { stage: "SELF_SUBMITTED", total: null, grade: null, confirmedAt: null, confirmedById: null },
      resultStale(result.id, name),
    );
    await recordAudit(tx, {
      actorId: user.id,
      action: "assessment.unlock",
      entity: "AssessmentResult",
      entityId: String(result.id),
      before: { total: num(result.total), grade: result.grade },
      after: { year: input.year, unit: name, version: next, reason: input.reason },
    });
    return next;
  });
  return { name, version };
}

/** 我的待办: the years whose scoring has started and whose sheet for the user's unit still awaits its self-assessment. */
export async function selfAssessmentTodo(user: SessionUser): Promise<number[]> {
  if (user.role !== "STAFF" || user.unitId === null) return [];
  const rows = await db.assessmentResult.findMany({
    where: { unitId: user.unitId, stage: "SELF_ASSESSING", scheme: { lockedAt: { not: null } } },
    select: { scheme: { select: { year: true, version: true } } },
  });
  // Only each year's current scheme version counts (an older version's results are history).
  const current = await db.assessmentScheme.groupBy({
    by: ["year"],
    _max: { version: true },
    where: { year: { in: rows.map((row) => row.scheme.year) } },
  });
  const latest = new Map(current.map((row) => [row.year, row._max.version]));
  return rows
    .filter((row) => latest.get(row.scheme.year) === row.scheme.version)
    .map((row) => row.scheme.year)
    .sort((a, b) => b - a);
}
