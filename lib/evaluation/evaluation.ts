import "server-only";
import { db } from "@/lib/core/db";
import type { SessionUser } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit/audit";
import { UserFacingError } from "@/lib/core/errors";
import { isUniqueViolation } from "@/lib/reports/save-report";
import { formatIsoDate } from "@/lib/core/dates";
import { chinaToday } from "@/lib/core/quarters";
import { endOfDay } from "@/lib/status/status-snapshot";
import { assessAllIndicators, indicatorSummary } from "@/lib/indicators/observations";
import { countByStatus, rankUnits, sectionCompletion, taskStatuses } from "@/lib/dashboard/dashboard";
import { completionCounts } from "@/lib/verification/checks";
import { milestoneGroups } from "@/lib/measures/milestone-progress";
import { NO_MILESTONES_DUE, onTimeBreakdown } from "@/lib/measures/milestone-tallies";
import { listUnitOptions } from "@/lib/plan/units";
import { evaluationContentSchema, type EvaluationContent } from "./evaluation-content";
import type { FreezeEvaluationInput } from "./schemas";

/**
 * 进展评估: once a year 省生态环境厅 freezes where the plan stood on a chosen day — indicator
 * verdicts, task status and milestone completion by section, provincial unit and city. The
 * figures are computed by the same rules as the dashboards, then stored whole, so that the year
 * reads the same afterwards however the data change, and years compare with one another.
 */

/** Everything the evaluation says on `asOf` (ISO date), computed now. */
export async function computeEvaluation(year: number, asOf: string): Promise<EvaluationContent> {
  // The last instant of the day (China time): the moment the dashboards would judge that day at.
  const asOfInstant = new Date(endOfDay(asOf).getTime() - 1).toISOString();
  const [indicators, figures, groups, units, provincial, cities] = await Promise.all([
    assessAllIndicators(year, new Date(asOfInstant)),
    taskStatuses(undefined, asOfInstant),
    milestoneGroups(),
    listUnitOptions(),
    rankUnits("PROVINCIAL", undefined, asOfInstant),
    rankUnits("CITY", undefined, asOfInstant),
  ]);
  const sections = await sectionCompletion(figures.tasks);
  const [completion, ...sectionCompletions] = await Promise.all([
    completionCounts(),
    ...sections.map((section) => completionCounts({ section: section.section })),
  ]);
  const { bySection, byUnit, overall } = onTimeBreakdown(groups, asOf);
  // The rankings' tallies, read back in the plan's unit order: the evaluation shows no rank.
  const tallies = new Map([...provincial.units, ...cities.units].map((unit) => [unit.code, unit]));
  return evaluationContentSchema.parse({
    v: 1,
    year,
    asOf,
    indicators: indicators.map(indicatorSummary),
    tasks: { total: figures.tasks.length, byStatus: countByStatus(figures.tasks) },
    milestones: overall,
    completion,
    sections: sections.map((section, index) => ({
      number: section.section,
      title: section.title,
      tasks: section.tasks,
      averagePercent: section.averagePercent,
      lagging: section.lagging,
      milestones: bySection.get(section.section) ?? NO_MILESTONES_DUE,
      completion: sectionCompletions[index]!,
    })),
    units: units.map((unit) => {
      const tally = tallies.get(unit.code);
      return {
        name: unit.shortName,
        kind: unit.kind,
        assignments: tally?.assignments ?? 0,
        lagging: tally?.lagging ?? 0,
        averagePercent: tally?.averagePercent ?? 0,
        milestones: byUnit.get(unit.id) ?? NO_MILESTONES_DUE,
      };
    }),
  });
}

export interface FrozenEvaluation {
  year: number;
  asOf: string;
  frozenBy: string;
  frozenAt: Date;
  content: EvaluationContent;
}

const frozenFields = { year: true, asOf: true, content: true, frozenAt: true, frozenBy: { select: { displayName: true } } } as const;

function readFrozen(row: {
  year: number;
  asOf: Date;
  content: unknown;
  frozenAt: Date;
  frozenBy: { displayName: string };
}): FrozenEvaluation | null {
  const parsed = evaluationContentSchema.safeParse(row.content);
  if (!parsed.success) {
    console.error(`progress evaluation ${row.year}: stored content does not parse`, parsed.error.issues);
    return null;
  }
  return {
    year: row.year,
    asOf: formatIsoDate(row.asOf),
    frozenBy: row.frozenBy.displayName,
    frozenAt: row.frozenAt,
    content: parsed.data,
  };
}

/** A year's frozen evaluation, or null when none was frozen. */
export async function getEvaluation(year: number): Promise<FrozenEvaluation | null> {
  const row = await db.progressEvaluation.findUnique({ where: { year }, select: frozenFields });
  return row ? readFrozen(row) : null;
}

/** Every frozen year, oldest first (the year-to-year comparison). */
export async function listEvaluations(): Promise<FrozenEvaluation[]> {
  const rows = await db.progressEvaluation.findMany({ orderBy: { year: "asc" }, select: frozenFields });
  return rows.flatMap((row) => readFrozen(row) ?? []);
}

const alreadyFrozen = (year: number) => new UserFacingError(`${year}年度进展评估已冻结，不能再次冻结`, {}, "CONFLICT");

/**
 * Freezes the year's evaluation as of `asOf`. Once frozen it stays: a second freeze of the same
 * year is refused (409), so what was reported upward is what the page shows. The day must lie in
 * the year or after it (a year is evaluated at its end or early next year), and not in the future.
 */
export async function freezeEvaluation(input: FreezeEvaluationInput, user: SessionUser): Promise<FrozenEvaluation> {
  const today = chinaToday();
  if (input.asOf > today) throw new UserFacingError("评估日期不能晚于今天", { asOf: ["评估日期不能晚于今天"] });
  if (input.asOf < `${input.year}-01-01`) {
    throw new UserFacingError(`评估日期不能早于${input.year}年1月1日`, { asOf: [`评估日期不能早于${input.year}年1月1日`] });
  }
  const existing = await db.progressEvaluation.findUnique({ where: { year: input.year }, select: { year: true } });
  if (existing) throw alreadyFrozen(input.year);
  const content = await computeEvaluation(input.year, input.asOf);
  await db
    .$transaction(async (tx) => {
      await tx.progressEvaluation.create({
        data: { year: input.year, asOf: new Date(`${input.asOf}T00:00:00Z`), content, frozenById: user.id },
      });
      await recordAudit(tx, {
        actorId: user.id,
        action: "evaluation.freeze",
        entity: "ProgressEvaluation",
        entityId: String(input.year),
        before: null,
        after: { year: input.year, asOf: input.asOf, indicators: content.indicators.length, tasks: content.tasks.total },
      });
    })
    // Two reviewers freezing the same year at once: the year is the key, the second is told.
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? alreadyFrozen(input.year) : error;
    });
  const frozen = await getEvaluation(input.year);
  if (!frozen) throw new Error(`progress evaluation ${input.year} vanished after freezing`);
  return frozen;
}
