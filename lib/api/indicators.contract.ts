/**
 * Contract of the indicators: GET /api/v1/indicators, /api/v1/indicators/{code}/observations and
 * /api/v1/indicators/{code}/assessment.
 */
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { z } from "@/lib/core/zod";
import { indicatorCodeSchema, unitCodeSchema } from "@/lib/core/schemas";
import { COMPARATOR_SYMBOLS } from "@/lib/indicators/comparators";
import { VERDICT_LABELS, VERDICTS } from "@/lib/indicators/assessment";
import { PROVINCE } from "@/lib/indicators/observation-keys";
import { dataOf, errorResponse, internalErrorResponse, jsonResponse } from "./contract";

export const TargetSchema = z
  .strictObject({
    year: z.int().meta({ examples: [2027] }),
    comparator: z.enum(COMPARATOR_SYMBOLS),
    value: z.number(),
    text: z.string().meta({ description: "目标原文，如“28微克/立方米以下”" }),
  })
  .meta({ id: "Target" });

export const IndicatorSchema = z
  .strictObject({
    code: z.string().meta({ examples: ["PM25"] }),
    name: z.string(),
    unit: z.string().meta({ description: "计量单位" }),
    direction: z.enum(["higher_is_better", "lower_is_better"]),
    baseline: z
      .strictObject({ value: z.number(), year: z.int(), source: z.string() })
      .nullable()
      .meta({ description: "基期值（文件未给出时为 null）" }),
    targets: z.array(TargetSchema),
    tasks: z.array(z.int()).meta({ description: "相关重点任务编号" }),
    owner: z.string().meta({ description: "负责填报数值的单位（简称）" }),
    clause: z.strictObject({ ref: z.string(), text: z.string() }).meta({ description: "指标所在的文件条款" }),
  })
  .meta({ id: "Indicator" });
export type IndicatorJson = z.infer<typeof IndicatorSchema>;
export const IndicatorListBodySchema = dataOf(z.array(IndicatorSchema));
export type IndicatorListBody = z.infer<typeof IndicatorListBodySchema>;

export const IndicatorPathSchema = z.object({
  code: indicatorCodeSchema("指标代码无效").meta({ description: "指标代码", examples: ["PM25"] }),
});

export const ObservationQuerySchema = z.object({
  area: unitCodeSchema("area 应为 province、all 或设区市代码")
    .default(PROVINCE)
    .meta({ description: "province（默认）、all 或设区市代码" }),
});

export const ObservationSchema = z
  .strictObject({
    area: z.string().meta({ description: "province 或设区市代码" }),
    period: z.string().meta({ description: "年份（2026）或季度（2026Q3）", examples: ["2025"] }),
    value: z.number(),
    source: z.string().meta({ description: "数据来源" }),
    demo: z.boolean().meta({ description: "true 为待确认的示例数据" }),
  })
  .meta({ id: "Observation" });
export type ObservationJson = z.infer<typeof ObservationSchema>;
export const ObservationListBodySchema = dataOf(z.array(ObservationSchema));
export type ObservationListBody = z.infer<typeof ObservationListBodySchema>;

/** Every verdict of lib/indicators/assessment.ts, described with its Chinese label. */
const VerdictSchema = z.enum(VERDICTS).meta({
  description: `${VERDICTS.map((verdict) => `${verdict} ${VERDICT_LABELS[verdict]}`).join("、")}（MISSED 也用于总体判断：已过目标年份而未达标）`,
});

export const AssessmentSchema = z
  .strictObject({
    code: z.string(),
    name: z.string(),
    unit: z.string(),
    latest: z.strictObject({ value: z.number(), period: z.string() }).nullable().meta({ description: "全省最新值" }),
    pacePerYear: z.number().nullable().meta({ description: "最近五个数值的年均变化（少于两个为 null）" }),
    verdict: VerdictSchema,
    targets: z.array(
      z.strictObject({
        year: z.int(),
        comparator: z.enum(COMPARATOR_SYMBOLS),
        value: z.number(),
        met: z.boolean().nullable().meta({ description: "最新值是否已满足目标（无数据为 null）" }),
        requiredYearlyChange: z.number().nullable().meta({ description: "按期达标每年所需变化" }),
        forecast: z
          .number()
          .nullable()
          .meta({ description: "按当前速度在目标年的预测值（不超出指标可能的取值范围；最新值过旧时为 null）" }),
        crossingYear: z.int().nullable().meta({ description: "按当前速度达到目标的年份" }),
        verdict: VerdictSchema,
      }),
    ),
  })
  .meta({ id: "Assessment" });
export type AssessmentJson = z.infer<typeof AssessmentSchema>;
export const AssessmentBodySchema = dataOf(AssessmentSchema);
export type AssessmentBody = z.infer<typeof AssessmentBodySchema>;

export const indicatorPaths: ZodOpenApiPathsObject = {
  "/api/v1/indicators": {
    get: {
      summary: "目标指标",
      responses: { "200": jsonResponse("指标目录", IndicatorListBodySchema), "500": internalErrorResponse },
    },
  },
  "/api/v1/indicators/{code}/observations": {
    get: {
      summary: "指标审核通过的数值（公开）",
      requestParams: { path: IndicatorPathSchema, query: ObservationQuerySchema },
      responses: {
        "200": jsonResponse("数值列表，demo=true 为待确认的示例数据", ObservationListBodySchema),
        "400": errorResponse("area 无效"),
        "404": errorResponse("指标不存在"),
        "500": internalErrorResponse,
      },
    },
  },
  "/api/v1/indicators/{code}/assessment": {
    get: {
      summary: "指标进度判断（公开）：最新值、目标、每年所需变化、按当前速度的预测与判断",
      requestParams: { path: IndicatorPathSchema },
      responses: {
        "200": jsonResponse("判断结果", AssessmentBodySchema),
        "404": errorResponse("指标不存在"),
        "500": internalErrorResponse,
      },
    },
  },
};
