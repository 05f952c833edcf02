/** Contract of the annual report download: GET /api/v1/reports/annual/{year}.docx (reviewer and leader). */
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { z } from "@/lib/core/zod";
import { yearSchema } from "@/lib/core/schemas";
import { DOCX_MEDIA_TYPE } from "@/lib/annual/annual-docx";
import { errorResponse, fileResponse, internalErrorResponse } from "./contract";

const NO_SUCH_REPORT = "年度报告不存在：年份应为 2024–2035，格式如 2026.docx";

/** The year as documented: the path is `{year}.docx`. */
const AnnualReportPathSchema = z.object({ year: yearSchema(NO_SUCH_REPORT).meta({ description: "年份", examples: [2026] }) });

/** The route's one segment (`[file]`, e.g. "2026.docx") read as that year; anything else is no report (404). */
export const AnnualReportFileSchema = z.object({
  file: z.preprocess((file, ctx) => {
    const year = typeof file === "string" ? /^(\d{4})\.docx$/.exec(file)?.[1] : undefined;
    if (year) return year;
    ctx.addIssue({ code: "custom", message: NO_SUCH_REPORT, input: file });
    return z.NEVER;
  }, AnnualReportPathSchema.shape.year),
});

export const annualPaths: ZodOpenApiPathsObject = {
  "/api/v1/reports/annual/{year}.docx": {
    get: {
      summary: "年度工作情况报告 Word 文件（审核人、领导）",
      security: [{ session: [] }],
      requestParams: { path: AnnualReportPathSchema },
      responses: {
        "200": fileResponse("Word 文件（GB/T 9704 版式）", DOCX_MEDIA_TYPE),
        "401": errorResponse("未登录"),
        "403": errorResponse("角色无权下载"),
        "404": errorResponse("年份无效"),
        "500": internalErrorResponse,
      },
    },
  },
};
