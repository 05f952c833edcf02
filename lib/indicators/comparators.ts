/** Vocabulary of indicator targets, as the document and the public API word it. */
export type Comparator = "GTE" | "LTE" | "EQ" | "CUMULATIVE";
export type Direction = "HIGHER_IS_BETTER" | "LOWER_IS_BETTER";

export const COMPARATOR_SYMBOLS = {
  GTE: "≥",
  LTE: "≤",
  EQ: "=",
  CUMULATIVE: "累计",
} as const satisfies Record<Comparator, string>;

export const DIRECTION_LABELS: Record<Direction, string> = {
  HIGHER_IS_BETTER: "越高越好",
  LOWER_IS_BETTER: "越低越好",
};

/** "≥ 95%", "≤ 28 微克/立方米", "累计 40 个". */
export function describeTarget(comparator: Comparator, value: number, measureUnit: string): string {
  const unit = measureUnit === "%" ? "%" : ` ${measureUnit}`;
  return `${COMPARATOR_SYMBOLS[comparator]} ${value}${unit}`;
}

/** The targets in one line, as reports list them: "2025年≤30；2027年≤28". */
export function targetsLine(targets: readonly { year: number; comparator: Comparator; value: number | { toString(): string } }[]): string {
  return targets.map((target) => `${target.year}年${COMPARATOR_SYMBOLS[target.comparator]}${Number(target.value)}`).join("；");
}

/** The latest value with its year, as reports list it: "29.1（2025年）", or 暂无数据. */
export function latestLine(latest: { value: number; year: number } | null): string {
  return latest ? `${latest.value}（${latest.year}年）` : "暂无数据";
}
