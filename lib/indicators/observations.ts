import "server-only";
import { db } from "@/lib/core/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { SessionUser } from "@/lib/auth/session";
import { assessIndicator, type IndicatorAssessment, type Point } from "@/lib/indicators/assessment";
import type { ObservationInput } from "@/lib/indicators/schemas";
import { recordAudit } from "@/lib/audit/audit";
import { indicatorTargets } from "./catalogue";
import { latestLine, targetsLine } from "./comparators";
import { StaleWriteError, UserFacingError } from "@/lib/core/errors";
import { formatChinaTime } from "@/lib/core/dates";
import { lastAudited, updateVersioned } from "@/lib/core/versioned-update";
import { periodText, PROVINCE } from "./observation-keys";
import { checkValues } from "./quality";
import { valueRuleOf } from "./quality-rules";

export const observationFields = {
  id: true,
  area: true,
  year: true,
  quarter: true,
  value: true,
  source: true,
  note: true,
  demo: true,
  status: true,
  version: true,
  enteredAt: true,
  reviewComment: true,
  warning: true,
  sourceReportId: true,
  enteredBy: { select: { displayName: true } },
} satisfies Prisma.IndicatorObservationSelect;

export type ObservationRow = Prisma.IndicatorObservationGetPayload<{ select: typeof observationFields }>;

/** An accepted value as the assessment reads it. */
export const toPoint = (row: { year: number; quarter: number; value: Prisma.Decimal }): Point => ({
  year: row.year,
  quarter: row.quarter,
  value: Number(row.value),
});

/** Accepted observations of an indicator, oldest first; one area, or all of them. */
export async function listAcceptedObservations(code: string, area?: string) {
  return db.indicatorObservation.findMany({
    where: { indicator: { code }, status: "ACCEPTED", ...(area ? { area } : {}) },
    orderBy: [{ year: "asc" }, { quarter: "asc" }],
    select: observationFields,
  });
}

const indicatorFields = {
  id: true,
  code: true,
  name: true,
  measureUnit: true,
  direction: true,
  clauseRef: true,
  clause: true,
  cityLevel: true,
  note: true,
  ownerUnitId: true,
  ownerUnit: { select: { code: true, shortName: true } },
  targets: indicatorTargets,
  tasks: { orderBy: { task: { number: "asc" } }, select: { task: { select: { number: true, title: true } } } },
} satisfies Prisma.IndicatorSelect;

export type IndicatorRow = Prisma.IndicatorGetPayload<{ select: typeof indicatorFields }>;

export function targetsOf(indicator: Pick<IndicatorRow, "targets">) {
  return indicator.targets.map((target) => ({
    year: target.year,
    comparator: target.comparator,
    value: Number(target.value),
  }));
}

/** The entry rule's range, which projections keep to as well. */
export const boundsOf = (indicator: IndicatorRow) =>
  valueRuleOf({ ...indicator, comparators: indicator.targets.map((target) => target.comparator) });

export interface AreaAssessment {
  area: string;
  name: string;
  points: (Point & { demo: boolean })[];
  assessment: IndicatorAssessment;
}

/** An indicator with its accepted values and assessment, for the province and each city with values. */
export async function getIndicatorAssessment(code: string, currentYear: number) {
  const indicator = await db.indicator.findUnique({ where: { code }, select: indicatorFields });
  if (!indicator) return null;
  const [observations, cities] = await Promise.all([
    listAcceptedObservations(code),
    db.unit.findMany({ where: { kind: "CITY" }, orderBy: { sortOrder: "asc" }, select: { code: true, shortName: true } }),
  ]);
  const targets = targetsOf(indicator);
  const areaOf = (area: string, name: string): AreaAssessment => {
    const rows = observations.filter((row) => row.area === area);
    return {
      area,
      name,
      points: rows.map((row) => ({ ...toPoint(row), demo: row.demo })),
      assessment: assessIndicator(targets, rows.map(toPoint), currentYear, boundsOf(indicator)),
    };
  };
  const province = areaOf(PROVINCE, "全省");
  const cityAreas = cities.map((city) => areaOf(city.code, city.shortName)).filter((area) => area.points.length > 0);
  return {
    indicator,
    observations,
    province,
    cities: cityAreas,
    cityOptions: cities.map((city) => ({ code: city.code, name: city.shortName })),
  };
}

/** Every indicator's province-wide assessment, from two queries whatever the number of values. */
export async function assessAllIndicators(currentYear: number, asOf?: Date) {
  const [indicators, observations] = await Promise.all([
    db.indicator.findMany({ orderBy: { sortOrder: "asc" }, select: indicatorFields }),
    db.indicatorObservation.findMany({
      // Values accepted by `asOf` (seeded demo values carry no review time and always count).
      where: { status: "ACCEPTED", area: PROVINCE, ...(asOf ? { OR: [{ reviewedAt: null }, { reviewedAt: { lte: asOf } }] } : {}) },
      orderBy: [{ year: "asc" }, { quarter: "asc" }],
      select: { indicatorId: true, year: true, quarter: true, value: true, demo: true },
    }),
  ]);
  return indicators.map((indicator) => {
    const rows = observations.filter((row) => row.indicatorId === indicator.id);
    return {
      indicator,
      demo: rows.some((row) => row.demo),
      assessment: assessIndicator(targetsOf(indicator), rows.map(toPoint), currentYear, boundsOf(indicator)),
    };
  });
}

type Tx = Prisma.TransactionClient;

/**
 * The owning unit enters a value, inside the caller's transaction; it counts once the reviewer
 * accepts it. A value already submitted or accepted is not replaced (two people entering the same
 * period: the second is told it is already there); a returned or demo value is.
 */
export async function writeObservation(tx: Tx, input: ObservationInput, user: SessionUser) {
  const indicator = await tx.indicator.findUnique({
    where: { code: input.indicatorCode },
    select: { id: true, name: true, ownerUnitId: true, cityLevel: true, ownerUnit: { select: { shortName: true } } },
  });
  if (!indicator) throw new UserFacingError(`指标 ${input.indicatorCode} 不存在`);
  if (user.role !== "STAFF" || user.unitId !== indicator.ownerUnitId) {
    throw new UserFacingError(`只有责任单位（${indicator.ownerUnit.shortName}）可以填报“${indicator.name}”的数值`);
  }
  if (input.area !== PROVINCE) {
    if (!indicator.cityLevel) throw new UserFacingError("该指标只统计全省数值", { area: ["请选择全省"] });
    const city = await tx.unit.findUnique({ where: { code: input.area }, select: { kind: true } });
    if (city?.kind !== "CITY") throw new UserFacingError("地区无效", { area: ["请选择全省或设区市"] });
  }
  const key = { indicatorId: indicator.id, area: input.area, year: input.period.year, quarter: input.period.quarter };
  const [check] = await checkValues(tx, [{ ...key, value: input.value }]);
  if (check!.error) throw new UserFacingError(`未提交：${check!.error}`, { value: [check!.error] });
  const data = {
    warning: check!.warning ?? null,
    value: new Prisma.Decimal(input.value),
    source: input.source,
    note: input.note,
    demo: false,
    status: "SUBMITTED" as const,
    enteredById: user.id,
    enteredAt: new Date(),
    reviewComment: null,
    reviewedAt: null,
    reviewedById: null,
  };
  const existing = await tx.indicatorObservation.findUnique({
    where: { indicatorId_area_year_quarter: key },
    select: { ...observationFields },
  });
  if (existing) {
    if (!existing.demo && existing.status !== "RETURNED") {
      const label = existing.status === "ACCEPTED" ? "已审核通过" : "已提交待审核";
      throw new UserFacingError(
        `“${indicator.name}”${periodText(existing)} 的数值${label}（${existing.enteredBy?.displayName ?? "系统"}，${formatChinaTime(existing.enteredAt)}），不能重复填报`,
      );
    }
    // A demo or returned value is replaced only as read: someone else's write in between wins.
    await updateVersioned(tx, "indicatorObservation", { where: { id: existing.id }, version: existing.version }, data, {
      lastChange: lastAudited("IndicatorObservation", `${input.indicatorCode}/${input.area}/${periodText(input.period)}`),
      message: ({ who, when }) => `保存未成功：${who} 已于 ${when} 修改了该数值，请刷新后再试。`,
    });
  } else {
    await tx.indicatorObservation.create({ data: { ...key, ...data } });
  }
  await recordAudit(tx, {
    actorId: user.id,
    action: "observation.submit",
    entity: "IndicatorObservation",
    entityId: `${input.indicatorCode}/${input.area}/${periodText(input.period)}`,
    before: existing ? { value: existing.value.toString(), status: existing.status, demo: existing.demo } : null,
    after: {
      value: String(input.value),
      source: input.source,
      status: "SUBMITTED",
      ...(check!.warning ? { warning: check!.warning } : {}),
    },
  });
  return { warning: check!.warning ?? null };
}

export async function submitObservation(input: ObservationInput, user: SessionUser) {
  try {
    return await db.$transaction((tx) => writeObservation(tx, input, user));
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new StaleWriteError("保存未成功：同一期间的数值刚刚被他人填报，请刷新后查看。");
    }
    throw error;
  }
}

/** The owning unit's own values that are not accepted yet (pending or returned). */
export async function listOpenObservations(indicatorId: number) {
  return db.indicatorObservation.findMany({
    where: { indicatorId, status: { in: ["SUBMITTED", "RETURNED"] } },
    orderBy: [{ year: "desc" }, { quarter: "desc" }],
    select: observationFields,
  });
}

/**
 * The latest accepted value of an indicator in each area, by area (one query): what a city
 * comparison shows beside each city. Demo values are marked.
 */
export async function latestValuesByArea(code: string) {
  const rows = await db.$queryRaw<{ area: string; year: number; quarter: number; value: Prisma.Decimal; demo: boolean }[]>`
    SELECT DISTINCT ON (o.area) o.area, o.year, o.quarter, o.value, o.demo
    FROM "IndicatorObservation" o JOIN "Indicator" i ON i.id = o."indicatorId"
    WHERE i.code = ${code} AND o.status = 'ACCEPTED'
    ORDER BY o.area, o.year DESC, (CASE WHEN o.quarter = 0 THEN 5 ELSE o.quarter END) DESC`;
  return new Map(rows.map((row) => [row.area, { ...row, value: Number(row.value) }]));
}

/** One indicator of assessAllIndicators as reports list it: latest value, targets in one line, verdict. */
export function indicatorSummary({ indicator, assessment, demo }: Awaited<ReturnType<typeof assessAllIndicators>>[number]) {
  return {
    code: indicator.code,
    name: indicator.name,
    unit: indicator.measureUnit,
    latest: latestLine(assessment.latest),
    targets: targetsLine(indicator.targets),
    verdict: assessment.verdict,
    demo,
  };
}
