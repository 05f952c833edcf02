/**
 * What a frozen progress evaluation (进展评估) holds. Stored as JSON in ProgressEvaluation.content
 * and read back through this schema, so that a year's evaluation shows exactly what was frozen,
 * whatever the data or the rules do afterwards. Pure; no ranking anywhere (评估 does not rank).
 */
import { z } from "@/lib/core/zod";
import { VERDICTS } from "@/lib/indicators/assessment";
import { formatShare } from "@/lib/core/shares";
import { TASK_STATUS_ORDER } from "@/lib/status/status-rules";

const count = z.number().int().min(0);

export const milestoneTallySchema = z.object({ due: count, onTime: count, onTimeVerified: count });
export const completionSchema = z.object({ verified: count, claimed: count });

const statusCounts = z.object(
  Object.fromEntries(TASK_STATUS_ORDER.map((status) => [status, count])) as Record<(typeof TASK_STATUS_ORDER)[number], typeof count>,
);

export const evaluationContentSchema = z.object({
  /** Shape version of the content: a later shape reads older years through its own branch. */
  v: z.literal(1),
  year: z.number().int(),
  asOf: z.string(),
  indicators: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      unit: z.string(),
      latest: z.string(),
      targets: z.string(),
      verdict: z.enum(VERDICTS),
      demo: z.boolean(),
    }),
  ),
  tasks: z.object({ total: count, byStatus: statusCounts }),
  milestones: milestoneTallySchema,
  completion: completionSchema,
  sections: z.array(
    z.object({
      number: z.number().int(),
      title: z.string(),
      tasks: count,
      averagePercent: z.number(),
      lagging: count,
      milestones: milestoneTallySchema,
      completion: completionSchema,
    }),
  ),
  units: z.array(
    z.object({
      name: z.string(),
      kind: z.enum(["PROVINCIAL", "CITY"]),
      assignments: count,
      lagging: count,
      averagePercent: z.number(),
      milestones: milestoneTallySchema,
    }),
  ),
});

export type EvaluationContent = z.infer<typeof evaluationContentSchema>;
export type MilestoneTally = z.infer<typeof milestoneTallySchema>;

/** Verdicts counted, in the catalogue's order (worst first). */
export function verdictCounts(content: Pick<EvaluationContent, "indicators">): Record<(typeof VERDICTS)[number], number> {
  const counts = Object.fromEntries(VERDICTS.map((verdict) => [verdict, 0])) as Record<(typeof VERDICTS)[number], number>;
  for (const indicator of content.indicators) counts[indicator.verdict] += 1;
  return counts;
}

/** "12/15（80%）", or "—" with nothing due: the on-time share as every table shows it. */
export function onTimeText(tally: MilestoneTally): string {
  if (tally.due === 0) return "—";
  return `${tally.onTime}/${tally.due}（${formatShare(tally.onTime, tally.due)}）`;
}

/** The rule stated under the evaluation, in the words of the milestone dashboards. */
export const EVALUATION_RULES_TEXT =
  "指标研判按截至评估日已审核通过的数据；任务状态按评估日的状态快照；举措节点按已通过的年度举措清单，计划日期早于评估日（已取消的除外）者为应完成，按期完成指按计划日期前完成；完成情况分已核查与待核查。进展评估不排名。";
