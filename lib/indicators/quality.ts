import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { checkValue, valueRuleOf, type ValueCheck } from "./quality-rules";

type Tx = Prisma.TransactionClient;

/** One value someone is entering: an indicator, an area ("province" or a city code) and a period. */
export interface ValueToCheck {
  indicatorId: number;
  area: string;
  year: number;
  quarter: number;
  value: number;
}

/**
 * The data-quality rules (./quality-rules) applied to values being entered, with the indicators'
 * catalogue rows and their accepted values read in two queries whatever the number of values.
 */
export async function checkValues(tx: Tx, values: readonly ValueToCheck[]): Promise<ValueCheck[]> {
  if (values.length === 0) return [];
  const indicatorIds = [...new Set(values.map((value) => value.indicatorId))];
  const areas = [...new Set(values.map((value) => value.area))];
  const [indicators, accepted] = await Promise.all([
    tx.indicator.findMany({
      where: { id: { in: indicatorIds } },
      select: { id: true, name: true, measureUnit: true, targets: { select: { comparator: true } } },
    }),
    tx.indicatorObservation.findMany({
      where: { indicatorId: { in: indicatorIds }, area: { in: areas }, status: "ACCEPTED" },
      select: { indicatorId: true, area: true, year: true, quarter: true, value: true },
    }),
  ]);
  const byId = new Map(indicators.map((indicator) => [indicator.id, indicator]));
  return values.map((value) => {
    const indicator = byId.get(value.indicatorId);
    if (!indicator) return {};
    const rule = valueRuleOf({ ...indicator, comparators: indicator.targets.map((target) => target.comparator) });
    const history = accepted
      .filter((row) => row.indicatorId === value.indicatorId && row.area === value.area)
      .map((row) => ({ year: row.year, quarter: row.quarter, value: Number(row.value) }));
    return checkValue(rule, indicator.measureUnit, value.value, value, history);
  });
}
