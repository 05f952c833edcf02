/**
 * Demo mode's example 成效考核 (示例数据): the 2025 assessment of every provincial unit and city,
 * completed under the default scheme, so that a newcomer sees the whole flow at once — automatic
 * items with their inputs, self-scores beside the reviewer's scores and reasons, bonus and
 * deduction items, totals, all four grades and a tie among the cities.
 *
 * The numbers are made up for this demo: each unit's facts follow from its place in the list
 * (a "weakness" from 0 to 0.9) and the tasks it carries. They are not anyone's results; the
 * scheme is marked `demo` and its name says 示例数据.
 */
import type { UnitYearFacts } from "../../lib/results-assessment/auto-items";

export const DEMO_ASSESSMENT_YEAR = 2025;

/** The day the automatic items were read, and when each step of the flow happened (UTC). */
export const DEMO_ASSESSMENT_DATES = {
  asOf: "2026-01-31",
  schemeCreatedAt: new Date("2026-01-15T02:00:00Z"),
  lockedAt: new Date("2026-01-31T02:00:00Z"),
  scoredAt: new Date("2026-02-09T07:00:00Z"),
  confirmedAt: new Date("2026-02-10T02:00:00Z"),
  /** Units submit their self-assessment over the first days of February. */
  selfSubmittedAt: (sortOrder: number) => new Date(Date.UTC(2026, 1, 2 + (sortOrder % 5), 1 + (sortOrder % 8))),
};

export interface DemoAssessmentUnit {
  code: string;
  sortOrder: number;
  kind: "PROVINCIAL" | "CITY";
  tasksCarried: number;
}

/** An item scored by hand: the reviewer's score and reason beside the unit's own. */
export interface DemoHandScore {
  score: number | null;
  reason: string | null;
  selfScore: number | null;
  selfReason: string | null;
}

export type DemoHandItemCode = "RESPONSIBILITY" | "SATISFACTION" | "INNOVATION" | "PROBLEMS";

export interface DemoUnitAssessment {
  facts: UnitYearFacts;
  /** The default scheme's manual, bonus and deduction items, by code. */
  byHand: Record<DemoHandItemCode, DemoHandScore>;
}

interface Given {
  points: number;
  reason: string;
  /** What the unit claimed in its self-assessment, when it differs from what it was given. */
  claimed?: { points: number; reason: string };
}

/**
 * The few units whose example shows something the generator does not: bonus and deduction items,
 * a bonus claimed higher than granted, and one weak unit (with a deduction) to show 不合格.
 */
const SPECIAL: Readonly<Record<string, { weakness?: number; bonus?: Given; deduction?: Given }>> = {
  jiujiang: { bonus: { points: 3, reason: "示例数据：长江岸线生态修复经验被国家有关部委推广" } },
  fuzhou: { bonus: { points: 2, reason: "示例数据：获评国家生态文明建设示范区" } },
  lyj: { bonus: { points: 2, reason: "示例数据：林长制改革经验获国家表彰" } },
  gxt: {
    bonus: {
      points: 1,
      reason: "示例数据：绿色制造体系建设获国家级示范命名 1 项；所报另 2 项为省级表彰，不计加分",
      claimed: { points: 3, reason: "示例数据：获国家级绿色工厂等示范命名 3 项" },
    },
  },
  pingxiang: { deduction: { points: 4, reason: "示例数据：1 个问题被省级生态环境保护督察通报" } },
  slt: {
    weakness: 1.5,
    deduction: { points: 10, reason: "示例数据：发生较大突发环境事件 1 起，并被中央生态环境保护督察通报" },
  },
};

const roundHalf = (value: number) => Math.round(value * 2) / 2;

/** How many of `denominator` fell short, at a share `shortfall` of it. */
const missed = (denominator: number, shortfall: number) => Math.min(denominator, Math.round(denominator * shortfall));

function unitFacts(unit: DemoAssessmentUnit, weakness: number): UnitYearFacts {
  const s = unit.sortOrder;
  const city = unit.kind === "CITY";
  const reportsOwed = 4 * unit.tasksCarried;
  const reportsSubmitted = reportsOwed - missed(reportsOwed, 0.01 * weakness);
  const milestonesDue = city ? 120 + 40 * (s % 2) : 2 * unit.tasksCarried + (s % 3);
  const completionsClaimed = city ? 20 : Math.ceil(unit.tasksCarried / 4);
  // Some provincial units judge no indicator or plan no funds: those items are 不涉及.
  const indicatorsJudged = city ? 16 : s % 6 === 5 ? 0 : 2 + (s % 4);
  const fundsPlanned = city ? 5000 + 100 * (s % 7) : s % 5 === 4 ? 0 : 300 + 50 * s;
  return {
    reportsOwed,
    reportsOnTime: reportsOwed - missed(reportsOwed, 0.02 + 0.1 * weakness),
    reportsSubmitted,
    reportsComplete: reportsSubmitted - missed(reportsSubmitted, 0.05 * weakness),
    milestonesDue,
    milestonesOnTime: milestonesDue - missed(milestonesDue, 0.25 * weakness),
    completionsClaimed,
    completionsVerified: completionsClaimed - missed(completionsClaimed, 0.2 * weakness),
    indicatorsJudged,
    indicatorsMet: indicatorsJudged - missed(indicatorsJudged, 0.3 * weakness),
    fundsPlanned,
    fundsSpentWithinPlan: fundsPlanned - missed(fundsPlanned, 0.05 + 0.3 * weakness),
  };
}

const RESPONSIBILITY_REASONS = [
  "示例数据：党政同责落实到位，年度专题研究部署，举措细化、督促推进记录完整",
  "示例数据：研究部署及时，个别举措细化不够，督促推进记录不全",
  "示例数据：研究部署不够及时，举措细化和督促推进不足",
];
const SATISFACTION_REASONS = [
  "示例数据：年度公众生态环境满意度调查结果较好",
  "示例数据：年度公众生态环境满意度调查结果中等",
  "示例数据：年度公众生态环境满意度调查结果偏低，群众反映问题整改不够及时",
];
const band = (weakness: number) => (weakness < 0.35 ? 0 : weakness < 0.75 ? 1 : 2);

const given = (entry: Given | undefined): DemoHandScore =>
  entry
    ? {
        score: entry.points,
        reason: entry.reason,
        selfScore: entry.claimed?.points ?? entry.points,
        selfReason: entry.claimed?.reason ?? entry.reason,
      }
    : { score: null, reason: null, selfScore: null, selfReason: null };

/** One unit's example assessment. Deterministic: the same unit always gets the same numbers. */
export function demoUnitAssessment(unit: DemoAssessmentUnit): DemoUnitAssessment {
  const special = SPECIAL[unit.code] ?? {};
  const weakness = special.weakness ?? ((unit.sortOrder * 3) % 10) / 10;
  // Half a point moves between the two manual items for a third of the units: the same total,
  // reached another way (which is how two cities tie with different sheets).
  const shift = unit.sortOrder % 3 === 1 ? 0.5 : 0;
  const responsibility = 10 - roundHalf(2 * weakness) - shift;
  const satisfaction = 14 - roundHalf(4 * weakness) + shift;
  // Every fourth unit rated itself higher on responsibility than the reviewer did.
  const selfHigher = unit.sortOrder % 4 === 0 && responsibility < 10;
  const selfResponsibility = selfHigher ? Math.min(10, responsibility + 1) : responsibility;
  return {
    facts: unitFacts(unit, weakness),
    byHand: {
      RESPONSIBILITY: {
        score: responsibility,
        reason: selfHigher
          ? `${RESPONSIBILITY_REASONS[band(weakness)]}；自评所述专题部署未见会议纪要，较自评扣 ${selfResponsibility - responsibility} 分`
          : RESPONSIBILITY_REASONS[band(weakness)]!,
        selfScore: selfResponsibility,
        selfReason: selfHigher ? "示例数据：已召开专题会议研究部署，责任分工明确" : null,
      },
      SATISFACTION: { score: satisfaction, reason: SATISFACTION_REASONS[band(weakness)]!, selfScore: satisfaction, selfReason: null },
      INNOVATION: given(special.bonus),
      PROBLEMS: given(special.deduction),
    },
  };
}
