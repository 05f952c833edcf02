import "server-only";
import { db } from "@/lib/core/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { addDays, windowCloseDate } from "@/lib/core/quarters";
import { getWindowSetting } from "@/lib/admin/settings";
import { owedReportsSql } from "@/lib/annual/annual-report";
import { endOfDay } from "@/lib/status/status-snapshot";
import { figureArea } from "@/lib/indicators/observation-keys";
import { assessIndicator, type Verdict } from "@/lib/indicators/assessment";
import { assessAllIndicators, boundsOf, targetsOf, toPoint } from "@/lib/indicators/observations";
import { milestoneGroups } from "@/lib/measures/milestone-progress";
import { tallyOnTime } from "@/lib/measures/milestone-tallies";
import { ZERO_FACTS, type UnitYearFacts } from "./auto-items";

/**
 * The facts behind 成效考核's automatic items, for every unit, as the system knew them at the end of
 * the China day `asOf`: a score must not move because a report, an acceptance, a check or a value
 * came later, so every fact that carries a time is cut there (measure lists, milestone states and
 * funds carry no history and are read as they stand). Each fact is counted by the rule the pages
 * already show, so a score never disagrees with them: reports as the annual report's late list
 * (owedReportsSql), complete where the report form's figures (figureArea) were given too;
 * milestones by the leaders' on-time rule, one planned for `asOf` being due by that day's end;
 * completions as completionCounts reads 销号核查, except that a failed check keeps the claim in the
 * denominator (the unit said 已完成 and it was not); indicators by the province's verdict for an
 * owner, by the city's own values against the province's targets for a city; overspending capped
 * at plan, so spending more never scores more.
 */

const MET_VERDICTS: readonly Verdict[] = ["ON_COURSE", "ACHIEVED"];

/** What trimming removes before a part counts as filled: String.trim's usual whitespace, the ideographic space included. */
const BLANK = " \t\r\n\u3000";

interface ReportTally {
  unitId: number;
  taskId: number;
  owed: number;
  onTime: number;
  submitted: number;
  /** Submitted, with 工作进展, 存在问题 and 下步计划 all filled. */
  written: number;
  /** Of those, with at least one figure. */
  withFigures: number;
}

/** Owed reports per task unit, for the quarters of `year` whose window closed by `asOf`; one query. */
async function reportTallies(year: number, asOf: string, dayEnd: Date): Promise<ReportTally[]> {
  const { windowDays } = await getWindowSetting();
  const closed = ([1, 2, 3, 4] as const).filter((quarter) => windowCloseDate({ year, quarter }, windowDays) <= asOf);
  if (closed.length === 0) return [];
  return db.$queryRaw<ReportTally[]>(Prisma.sql`
    SELECT o."unitId", o."taskId", count(*)::int AS owed, count(*) FILTER (WHERE o."onTime")::int AS "onTime",
      count(*) FILTER (WHERE s.submitted)::int AS submitted,
      count(*) FILTER (WHERE s.submitted AND s.written)::int AS written,
      count(*) FILTER (WHERE s.submitted AND s.written AND s."hasFigure")::int AS "withFigures"
    FROM (${owedReportsSql(year, closed, windowDays)}) o
    LEFT JOIN "ProgressReport" r
      ON r."taskId" = o."taskId" AND r."unitId" = o."unitId" AND r.year = ${year} AND r.quarter = o.quarter
    CROSS JOIN LATERAL (
      SELECT r.status <> 'DRAFT' AND r."submittedAt" < ${dayEnd} AS submitted,
        btrim(r.progress, ${BLANK}) <> '' AND btrim(r.problems, ${BLANK}) <> '' AND btrim(r."nextSteps", ${BLANK}) <> '' AS written,
        EXISTS (SELECT 1 FROM "ReportFigure" f WHERE f."reportId" = r.id) AS "hasFigure"
    ) s
    GROUP BY o."unitId", o."taskId"`);
}

/**
 * Claimed and verified completions per unit: the latest report of the year accepted by `asOf` says
 * 已完成; verified when the latest check since that acceptance, dated by `asOf`, passed. One query.
 */
async function completionTallies(year: number, asOf: string, dayEnd: Date) {
  return db.$queryRaw<{ unitId: number; claimed: number; verified: number }[]>(Prisma.sql`
    SELECT tu."unitId", count(*)::int AS claimed, count(*) FILTER (WHERE ck.passed)::int AS verified
    FROM "TaskUnit" tu
    JOIN LATERAL (
      SELECT r."progressState", r."reviewedAt" FROM "ProgressReport" r
      WHERE r."taskId" = tu."taskId" AND r."unitId" = tu."unitId" AND r.year = ${year}
        AND r.status = 'ACCEPTED' AND r."reviewedAt" < ${dayEnd}
      ORDER BY r.quarter DESC LIMIT 1
    ) la ON la."progressState" = 'COMPLETED'
    LEFT JOIN LATERAL (
      SELECT c.passed FROM "CompletionCheck" c
      WHERE c.subject = 'TASK_UNIT' AND c."taskId" = tu."taskId" AND c."unitId" = tu."unitId"
        AND c."createdAt" >= la."reviewedAt" AND c."checkedOn" <= ${asOf}::date
      ORDER BY c."createdAt" DESC, c.id DESC LIMIT 1
    ) ck ON true
    GROUP BY tu."unitId"`);
}

/** Funds of the accepted measure lists of `year` per unit, in 万元 to two decimals; one query. */
async function fundTallies(year: number) {
  return db.$queryRaw<{ unitId: number; planned: number; withinPlan: number }[]>(Prisma.sql`
    SELECT l."unitId", round(sum(me."fundsPlanned"), 2)::float8 AS planned,
      round(sum(least(coalesce(me."fundsSpent", 0), me."fundsPlanned")), 2)::float8 AS "withinPlan"
    FROM "Measure" me JOIN "MeasureList" l ON l.id = me."listId"
    WHERE l.status = 'ACCEPTED' AND l.year = ${year} AND me."fundsPlanned" IS NOT NULL
    GROUP BY l."unitId"`);
}

/** Accepted city values of `indicatorIds` by `asOfInstant` (seeded demo values carry no review time and count), by indicator and area. */
async function cityValues(indicatorIds: number[], cityCodes: string[], asOfInstant: Date) {
  const rows =
    indicatorIds.length === 0 || cityCodes.length === 0
      ? []
      : await db.indicatorObservation.findMany({
          where: {
            status: "ACCEPTED",
            indicatorId: { in: indicatorIds },
            area: { in: cityCodes },
            OR: [{ reviewedAt: null }, { reviewedAt: { lte: asOfInstant } }],
          },
          orderBy: [{ year: "asc" }, { quarter: "asc" }],
          select: { indicatorId: true, area: true, year: true, quarter: true, value: true },
        });
  const byKey = new Map<string, typeof rows>();
  for (const row of rows) {
    const key = `${row.indicatorId}:${row.area}`;
    byKey.set(key, [...(byKey.get(key) ?? []), row]);
  }
  return (indicatorId: number, area: string) => byKey.get(`${indicatorId}:${area}`) ?? [];
}

/** Every unit's facts for `year` as of the end of the China day `asOf` (ISO date); zeros where nothing applies. */
export async function gatherUnitFacts(year: number, asOf: string): Promise<Map<number, UnitYearFacts>> {
  const dayEnd = endOfDay(asOf);
  // The last instant of the day, as the progress evaluation judges indicators.
  const asOfInstant = new Date(dayEnd.getTime() - 1);
  const [units, links, reports, groups, completions, funds, indicators] = await Promise.all([
    db.unit.findMany({ orderBy: { sortOrder: "asc" }, select: { id: true, code: true, kind: true } }),
    db.indicatorTask.findMany({ select: { taskId: true, indicator: { select: { ownerUnitId: true } } } }),
    reportTallies(year, asOf, dayEnd),
    milestoneGroups(),
    completionTallies(year, asOf, dayEnd),
    fundTallies(year),
    assessAllIndicators(year, asOfInstant),
  ]);
  const facts = new Map(units.map((unit) => [unit.id, { ...ZERO_FACTS }]));
  const unitOf = new Map(units.map((unit) => [unit.id, unit]));
  const factsOf = (unitId: number) => facts.get(unitId);

  const indicatorsOfTask = new Map<number, { ownerUnitId: number }[]>();
  for (const link of links) indicatorsOfTask.set(link.taskId, [...(indicatorsOfTask.get(link.taskId) ?? []), link.indicator]);
  for (const row of reports) {
    const unit = unitOf.get(row.unitId);
    const entry = factsOf(row.unitId);
    if (!unit || !entry) continue;
    // The report form's rule: figures are asked for the task's indicators that become this unit's values.
    const asksFigures = (indicatorsOfTask.get(row.taskId) ?? []).some((indicator) => figureArea(unit, indicator) !== null);
    entry.reportsOwed += row.owed;
    entry.reportsOnTime += row.onTime;
    entry.reportsSubmitted += row.submitted;
    entry.reportsComplete += asksFigures ? row.withFigures : row.written;
  }

  // Due on `asOf` means due by that day's end: judged as on the next day.
  const ofYear = groups.filter((group) => group.plannedDate.startsWith(`${year}-`)).map((group) => ({ ...group, key: group.unitId }));
  for (const [unitId, tally] of tallyOnTime(ofYear, addDays(asOf, 1))) {
    const entry = factsOf(unitId);
    if (!entry) continue;
    entry.milestonesDue = tally.due;
    entry.milestonesOnTime = tally.onTime;
  }

  for (const row of completions) {
    const entry = factsOf(row.unitId);
    if (!entry) continue;
    entry.completionsClaimed = row.claimed;
    entry.completionsVerified = row.verified;
  }

  for (const row of funds) {
    const entry = factsOf(row.unitId);
    if (!entry) continue;
    entry.fundsPlanned = row.planned;
    entry.fundsSpentWithinPlan = row.withinPlan;
  }

  const judge = (entry: UnitYearFacts, verdict: Verdict) => {
    if (verdict === "NO_DATA") return;
    entry.indicatorsJudged += 1;
    if (MET_VERDICTS.includes(verdict)) entry.indicatorsMet += 1;
  };
  const withTargets = indicators.filter((item) => item.indicator.targets.length > 0);
  for (const { indicator, assessment } of withTargets) {
    const entry = factsOf(indicator.ownerUnitId);
    if (entry && unitOf.get(indicator.ownerUnitId)?.kind === "PROVINCIAL") judge(entry, assessment.verdict);
  }
  const cities = units.filter((unit) => unit.kind === "CITY");
  const cityIndicators = withTargets.map((item) => item.indicator).filter((indicator) => indicator.cityLevel);
  const valuesOf = await cityValues(
    cityIndicators.map((indicator) => indicator.id),
    cities.map((city) => city.code),
    asOfInstant,
  );
  for (const city of cities) {
    const entry = factsOf(city.id)!;
    for (const indicator of cityIndicators) {
      const points = valuesOf(indicator.id, city.code).map(toPoint);
      judge(entry, assessIndicator(targetsOf(indicator), points, year, boundsOf(indicator)).verdict);
    }
  }
  return facts;
}
