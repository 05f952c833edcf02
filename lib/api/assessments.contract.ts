/** Contract of the year's 成效考核 results: GET /api/v1/assessments/{year} (reviewer, leader, API token). */
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { z } from "@/lib/core/zod";
import { AssessmentPathSchema } from "@/lib/results-assessment/schemas";
import { dataOf, errorResponse, internalErrorResponse, jsonResponse } from "./contract";

const points = (description: string) => z.number().nullable().meta({ description });

export const AssessmentSchemeSchema = z
  .strictObject({
    name: z.string().meta({ description: "考核方案名称" }),
    version: z.int().min(1).meta({ description: "方案版本（开始评分后修改方案即生成新版本）" }),
    items: z.array(
      z.strictObject({
        code: z.string().meta({ description: "项目代码，如 ON_TIME" }),
        name: z.string(),
        points: z.number().meta({ description: "分值（扣分项为最多扣除的分数）" }),
        kind: z.enum(["auto", "manual", "bonus", "deduction"]).meta({
          description: "auto：自动计算；manual：评审打分；bonus：加分项；deduction：扣分项",
        }),
      }),
    ),
    grades: z
      .array(z.strictObject({ grade: z.string().meta({ description: "等次，如 优秀" }), min: z.number().meta({ description: "分数线" }) }))
      .meta({ description: "等次，从高到低；考核得分达到分数线即评为该等次" }),
    bonusCap: z.number().meta({ description: "加分上限" }),
    deductionCap: z.number().meta({ description: "扣分上限" }),
  })
  .meta({ id: "AssessmentScheme" });

export const AssessmentResultSchema = z
  .strictObject({
    unit: z.strictObject({
      code: z.string().meta({ description: "单位代码" }),
      name: z.string().meta({ description: "简称" }),
      kind: z.enum(["province", "city"]).meta({ description: "province：省直单位；city：设区市" }),
    }),
    stage: z
      .enum(["SELF_ASSESSING", "SELF_SUBMITTED", "CONFIRMED"])
      .meta({ description: "SELF_ASSESSING 自评中，SELF_SUBMITTED 已提交自评、待评分，CONFIRMED 结果已确认" }),
    selfScore: points("自评总分（基本项目 + 封顶后的加分 − 封顶后的扣分）；自评中为草稿的合计，基本项目未填完为 null"),
    score: points("考核得分，按同一规则计算；结果确认前为评分中的暂计得分，基本项目未评完为 null"),
    grade: z.string().nullable().meta({ description: "等次" }),
    rank: z.int().min(1).nullable().meta({ description: "在同类单位（省直单位或设区市）已确认结果中的名次，得分相同的并列" }),
    tied: z.boolean().meta({ description: "与其他单位并列" }),
    rankChange: z.int().nullable().meta({ description: "较上年度名次上升（正）或下降（负）的位数；上年度无名次为 null" }),
    items: z.array(
      z.strictObject({
        code: z.string().meta({ description: "项目代码" }),
        self: points("自评分"),
        score: points("评分（自动计算项目为公式结果）；扣分项为扣除的分数"),
      }),
    ),
  })
  .meta({ id: "AssessmentResult" });
export type AssessmentResultJson = z.infer<typeof AssessmentResultSchema>;

export const AssessmentResultsSchema = z.strictObject({
  year: z.int(),
  scheme: AssessmentSchemeSchema,
  results: z.array(AssessmentResultSchema).meta({ description: "省直单位在前、设区市在后，各按名次；未确认的列在最后" }),
});
export type AssessmentResultsJson = z.infer<typeof AssessmentResultsSchema>;
export const AssessmentResultsBodySchema = dataOf(AssessmentResultsSchema);
export type AssessmentResultsBody = z.infer<typeof AssessmentResultsBodySchema>;

export const assessmentPaths: ZodOpenApiPathsObject = {
  "/api/v1/assessments/{year}": {
    get: {
      summary: "年度成效考核方案与各单位考核结果（只读）",
      description:
        "考核方案（项目、分值、等次分数线、加扣分上限）和每个省直单位、设区市的自评分、考核得分、等次与名次。审核人、领导或 API 令牌可读。",
      security: [{ bearerToken: [] }, { session: [] }],
      requestParams: { path: AssessmentPathSchema },
      responses: {
        "200": jsonResponse("考核方案与结果", AssessmentResultsBodySchema),
        "401": errorResponse("未登录且无有效令牌"),
        "403": errorResponse("角色无权查看"),
        "404": errorResponse("年度无效，或该年度尚未制定考核方案"),
        "500": internalErrorResponse,
      },
    },
  },
};
