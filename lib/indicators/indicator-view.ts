/** Shapes of indicator rows as pages and the API see them (plain numbers, symbols for comparators). */
import type { TargetComparator } from "@/lib/generated/prisma/enums";
import { COMPARATOR_SYMBOLS } from "@/lib/indicators/comparators";

export interface TargetView {
  year: number;
  comparator: TargetComparator;
  symbol: string;
  value: number;
  text: string;
  note: string | null;
}

export function targetFromRow(row: {
  year: number;
  comparator: TargetComparator;
  value: { toNumber(): number };
  text: string;
  note: string | null;
}): TargetView {
  return {
    year: row.year,
    comparator: row.comparator,
    symbol: COMPARATOR_SYMBOLS[row.comparator],
    value: row.value.toNumber(),
    text: row.text,
    note: row.note,
  };
}
