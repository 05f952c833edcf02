/** Contract of the quarterly progress reports: GET /api/v1/progress (session or API token). */
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { z } from "@/lib/core/zod";
import { QUARTER } from "@/lib/core/quarters";
import { PROGRESS_STATES, progressQuerySchema, REPORT_LIST_LIMIT, REPORT_STATUSES } from "@/lib/reports/schemas";
import { dataOf, errorResponse, internalErrorResponse, jsonResponse } from "./contract";

const QUARTER_PATTERN = QUARTER.source;

const { shape } = progressQuerySchema;
export const ProgressQuerySchema = progressQuerySchema.extend({
  quarter: shape.quarter.meta({ description: "季度，如 2026Q3", pattern: QUARTER_PATTERN }),
  unit: shape.unit.meta({ description: "责任单位代码" }),
  task: shape.task.meta({ description: "任务编号" }),
  section: shape.section.meta({ description: "篇章编号" }),
  city: shape.city.meta({ description: "设区市代码" }),
  status: shape.status.meta({ description: "报告状态" }),
});

export const ProgressReportSchema = z
  .strictObject({
    id: z.int(),
    quarter: z
      .string()
      .regex(new RegExp(QUARTER_PATTERN))
      .meta({ examples: ["2026Q3"] }),
    task: z.strictObject({ number: z.int(), title: z.string(), section: z.int().meta({ description: "篇章编号" }) }),
    unit: z.strictObject({ code: z.string(), name: z.string().meta({ description: "简称" }), kind: z.enum(["province", "city"]) }),
    status: z.enum(REPORT_STATUSES).meta({ description: "令牌与领导只能读到 ACCEPTED" }),
    progressState: z.enum(PROGRESS_STATES),
    percent: z.int().min(0).max(100),
    progress: z.string().meta({ description: "工作进展" }),
    problems: z.string().meta({ description: "存在问题" }),
    nextSteps: z.string().meta({ description: "下步计划" }),
    figures: z
      .array(
        z.strictObject({
          indicator: z.string().meta({ description: "指标代码" }),
          value: z.number(),
          unit: z.string(),
          period: z.string(),
          note: z.string(),
        }),
      )
      .meta({ description: "本季度填报的指标数值" }),
    submittedAt: z.iso.datetime().nullable(),
    reviewedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "ProgressReport" });
export type ProgressReportJson = z.infer<typeof ProgressReportSchema>;
export const ProgressListBodySchema = dataOf(z.array(ProgressReportSchema));
export type ProgressListBody = z.infer<typeof ProgressListBodySchema>;

export const progressPaths: ZodOpenApiPathsObject = {
  "/api/v1/progress": {
    get: {
      summary: "季度进展报告（只读）",
      description: "令牌与领导只能读到审核通过的报告；审核人可读所有已提交的报告；填报人只能读本单位的报告。",
      security: [{ bearerToken: [] }, { session: [] }],
      requestParams: { query: ProgressQuerySchema },
      responses: {
        "200": jsonResponse(`报告列表（最多 ${REPORT_LIST_LIMIT} 条）`, ProgressListBodySchema),
        "400": errorResponse("查询参数无效"),
        "401": errorResponse("未登录且无有效令牌"),
        "403": errorResponse("角色无权查看进展报告"),
        "500": internalErrorResponse,
      },
    },
  },
};
