/**
 * Data-quality rules at entry (as DHIS2's validation rules and min/max ranges do): what values an
 * indicator can take at all, and when a value is plausible but far enough from the last accepted
 * one that the reviewer should look twice. Pure; the same rules guard the observation form, the
 * report figures and both Excel imports (lib/indicators/quality.ts applies them with the data).
 */
import type { Comparator } from "./comparators";
import { periodLabel } from "./observation-keys";

export type ValueKind = "share" | "rate" | "count" | "quantity";

export interface ValueRule {
  kind: ValueKind;
  min: number;
  /** Shares: 100. */
  max: number | null;

  /** A running total (累计): never below the last accepted value of an earlier period. */
  cumulative: boolean;
  /** Counts (个, 项, 处…) are whole numbers. */
  integer: boolean;
}

const RATE_NAME = /增长率|增速|增幅|变化率|下降率|降低率/;
const COUNT_UNITS = new Set(["个", "项", "处", "座", "家", "条", "件", "人", "次"]);

/** The rule of an indicator, from its measurement unit, its name and its targets' comparators. */
export function valueRuleOf(indicator: { name: string; measureUnit: string; comparators: readonly Comparator[] }): ValueRule {
  const cumulative = indicator.comparators.includes("CUMULATIVE") || indicator.name.includes("累计");
  // A growth or change rate in % (集装箱铁水联运量年均增长率) is not a share: it can be negative or above 100.
  if (indicator.measureUnit === "%" && RATE_NAME.test(indicator.name)) {
    return { kind: "rate", min: -Infinity, max: null, cumulative: false, integer: false };
  }
  if (indicator.measureUnit === "%") return { kind: "share", min: 0, max: 100, cumulative, integer: false };
  if (COUNT_UNITS.has(indicator.measureUnit)) return { kind: "count", min: 0, max: null, cumulative, integer: true };
  // Concentrations, lengths, areas, volumes, capacities: never negative.
  return { kind: "quantity", min: 0, max: null, cumulative, integer: false };
}

/** A value already accepted for the same indicator and area, with its period. */
export interface AcceptedValue {
  year: number;
  quarter: number;
  value: number;
}

export interface ValueCheck {
  /** Refused: the value cannot be right (Chinese, names the allowed range). */
  error?: string;
  /** Allowed, flagged for the reviewer: a far jump from the last accepted value. */
  warning?: string;
}

const periodOrder = (p: { year: number; quarter: number }) => p.year * 10 + (p.quarter || 5);

const show = (value: number) => String(Math.round(value * 10000) / 10000);

/** Share points a share may move between two accepted values before it is questioned. */
export const SHARE_JUMP_POINTS = 15;
/** Relative change (50 %) a quantity or count may make before it is questioned. */
export const RELATIVE_JUMP = 0.5;

/** The latest accepted value of a period before `period`, or null. */
export function lastAcceptedBefore(accepted: readonly AcceptedValue[], period: { year: number; quarter: number }): AcceptedValue | null {
  let last: AcceptedValue | null = null;
  for (const row of accepted) {
    if (periodOrder(row) >= periodOrder(period)) continue;
    if (!last || periodOrder(row) > periodOrder(last)) last = row;
  }
  return last;
}

/**
 * Checks one value of an indicator for one area and period against the rule and the area's
 * accepted values (other periods; the same period's standing value is a conflict, not a jump).
 */
export function checkValue(
  rule: ValueRule,
  measureUnit: string,
  value: number,
  period: { year: number; quarter: number },
  accepted: readonly AcceptedValue[],
): ValueCheck {
  const unit = measureUnit === "%" ? "%" : ` ${measureUnit}`;
  if (rule.kind === "share" && (value < 0 || value > 100)) {
    return { error: `比例应在 0%–100% 之间，${show(value)}% 不可能` };
  }
  if (value < rule.min) return { error: `该指标不能为负数（${show(value)}${unit}）` };
  if (rule.integer && !Number.isInteger(value)) return { error: `该指标按${measureUnit}计，应为整数` };
  const last = lastAcceptedBefore(accepted, period);
  if (!last) return {};
  if (rule.cumulative && value < last.value) {
    return {
      error: `累计值不能低于已通过的 ${periodLabel(last)} 数值 ${show(last.value)}${unit}（本次 ${show(value)}${unit}）`,
    };
  }
  const change = value - last.value;
  // Shares and rates move in percentage points; other values relative to the last.
  const inPoints = rule.kind === "share" || rule.kind === "rate";
  const far = inPoints
    ? Math.abs(change) > SHARE_JUMP_POINTS
    : last.value === 0
      ? value !== 0 && !rule.cumulative
      : Math.abs(change) / Math.abs(last.value) > RELATIVE_JUMP;
  if (!far) return {};
  const how = inPoints
    ? `${change > 0 ? "上升" : "下降"} ${show(Math.abs(change))} 个百分点`
    : last.value === 0
      ? "由 0 变为非 0"
      : `${change > 0 ? "增加" : "减少"} ${show(Math.round((Math.abs(change) / Math.abs(last.value)) * 1000) / 10)}%`;
  return {
    warning: `与已通过的 ${periodLabel(last)} 数值 ${show(last.value)}${unit} 相比${how}，请核实；审核人将看到此提示`,
  };
}
