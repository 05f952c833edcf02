import "server-only";
import { db } from "@/lib/core/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { targetFromRow, type TargetView } from "./indicator-view";
import type { Direction } from "@/lib/indicators/comparators";
import { INDICATOR_CODE } from "@/lib/core/schemas";

export interface IndicatorCatalogEntry {
  code: string;
  name: string;
  measureUnit: string;
  direction: Direction;
  clauseRef: string;
  clause: string;
  cityLevel: boolean;
  note: string | null;
  owner: { code: string; shortName: string };
  baseline: { value: number; year: number; source: string } | null;
  targets: TargetView[];
  tasks: number[];
}

/** An indicator's targets, by year, as every page and export shows them. */
export const indicatorTargets = {
  orderBy: { year: "asc" },
  select: { year: true, comparator: true, value: true, text: true, note: true },
} satisfies Prisma.Indicator$targetsArgs;

export async function listIndicators(): Promise<IndicatorCatalogEntry[]> {
  const rows = await db.indicator.findMany({
    orderBy: { sortOrder: "asc" },
    select: {
      code: true,
      name: true,
      measureUnit: true,
      direction: true,
      clauseRef: true,
      clause: true,
      cityLevel: true,
      note: true,
      baselineValue: true,
      baselineYear: true,
      baselineSource: true,
      ownerUnit: { select: { code: true, shortName: true } },
      targets: indicatorTargets,
      tasks: { orderBy: { task: { number: "asc" } }, select: { task: { select: { number: true } } } },
    },
  });
  return rows.map((row) => ({
    code: row.code,
    name: row.name,
    measureUnit: row.measureUnit,
    direction: row.direction,
    clauseRef: row.clauseRef,
    clause: row.clause,
    cityLevel: row.cityLevel,
    note: row.note,
    owner: row.ownerUnit,
    baseline:
      row.baselineValue !== null && row.baselineYear !== null && row.baselineSource !== null
        ? { value: row.baselineValue.toNumber(), year: row.baselineYear, source: row.baselineSource }
        : null,
    targets: row.targets.map(targetFromRow),
    tasks: row.tasks.map(({ task }) => task.number),
  }));
}

/** Whether an indicator with this code exists (pages answer 404 before they stream otherwise). */
export async function indicatorExists(code: string): Promise<boolean> {
  if (!INDICATOR_CODE.test(code)) return false;
  return (await db.indicator.count({ where: { code } })) > 0;
}
