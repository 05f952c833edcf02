/** Contract of the units' annual reports: GET /api/v1/unit-reports/{year} (reviewer, leader, API token). */
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { z } from "@/lib/core/zod";
import { yearSchema } from "@/lib/core/schemas";
import { dataOf, errorResponse, internalErrorResponse, jsonResponse } from "./contract";

const NO_SUCH_YEAR = "年度无效：年份应为 2024–2035，如 /api/v1/unit-reports/2026";

export const UnitReportsPathSchema = z.object({
  year: yearSchema(NO_SUCH_YEAR).meta({ description: "年度", examples: [2026] }),
});

export const UnitReportsQuerySchema = z.object({
  kind: z
    .enum(["province", "city"], { message: "kind 应为 province（省直单位）或 city（设区市）" })
    .optional()
    .meta({ description: "只列省直单位（province）或设区市（city）" }),
});

export const UnitReportStatusSchema = z
  .strictObject({
    unit: z.strictObject({
      code: z.string().meta({ description: "单位代码" }),
      name: z.string().meta({ description: "简称" }),
      kind: z.enum(["province", "city"]),
    }),
    year: z.int(),
    status: z
      .enum(["NOT_STARTED", "DRAFT", "SUBMITTED", "RETURNED", "ACCEPTED"])
      .meta({ description: "NOT_STARTED 未报送，DRAFT 草稿，SUBMITTED 已提交，RETURNED 已退回，ACCEPTED 已通过" }),
    submittedAt: z.iso.datetime().nullable().meta({ description: "最近一次提交时间" }),
    reviewedAt: z.iso.datetime().nullable().meta({ description: "最近一次审核时间" }),
    late: z.boolean().meta({ description: "首次提交晚于截止日期，或截止日期已过仍未提交" }),
    deadline: z.iso.date().nullable().meta({ description: "省生态环境厅设定的报送截止日期" }),
    hasSealedFile: z.boolean().meta({ description: "已上传盖章扫描件（PDF）" }),
  })
  .meta({ id: "UnitReportStatus" });
export const UnitReportListBodySchema = dataOf(z.array(UnitReportStatusSchema));
export type UnitReportListBody = z.infer<typeof UnitReportListBodySchema>;

export const unitReportPaths: ZodOpenApiPathsObject = {
  "/api/v1/unit-reports/{year}": {
    get: {
      summary: "各单位年度工作情况报告的报送与审核状态（只读）",
      description: "每个省直单位和设区市一条，按文件中的单位顺序。审核人、领导或 API 令牌可读；只含状态，不含报告正文。",
      security: [{ bearerToken: [] }, { session: [] }],
      requestParams: { path: UnitReportsPathSchema, query: UnitReportsQuerySchema },
      responses: {
        "200": jsonResponse("各单位报告状态", UnitReportListBodySchema),
        "400": errorResponse("查询参数无效"),
        "401": errorResponse("未登录且无有效令牌"),
        "403": errorResponse("角色无权查看"),
        "404": errorResponse("年度无效"),
        "500": internalErrorResponse,
      },
    },
  },
};
