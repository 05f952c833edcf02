/** Contract of the units' measures and milestones: GET /api/v1/measures (session or API token). */
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { z } from "@/lib/core/zod";
import { MEASURE_ROLES, MILESTONE_STATUSES, measureQuerySchema } from "@/lib/measures/schemas";
import { REPORT_STATUSES } from "@/lib/reports/schemas";
import { dataOf, errorResponse, internalErrorResponse, jsonResponse } from "./contract";

const { shape } = measureQuerySchema;
export const MeasureQuerySchema = measureQuerySchema.extend({
  unit: shape.unit.meta({ description: "责任单位代码，如 nanchang" }),
  task: shape.task.meta({ description: "任务编号" }),
  year: shape.year.meta({ description: "年度，如 2026" }),
  status: shape.status.meta({ description: "清单审核状态；只在读者可见的状态内筛选" }),
});

const isoDate = z.iso.date();

export const MilestoneSchema = z
  .strictObject({
    title: z.string().meta({ description: "节点名称" }),
    plannedDate: isoDate.meta({ description: "计划完成日期" }),
    deliverable: z.string().meta({ description: "完成标志（可核查的成果）" }),
    status: z.enum(MILESTONE_STATUSES).meta({ description: "PLANNED 计划中，DONE 已完成，LATE 延期，DROPPED 取消" }),
    doneDate: isoDate.nullable().meta({ description: "完成日期" }),
    verified: z.boolean().meta({ description: "已通过销号核查" }),
  })
  .meta({ id: "Milestone" });

export const MeasureSchema = z
  .strictObject({
    id: z.int().meta({ description: "举措编号" }),
    task: z.strictObject({ number: z.int(), title: z.string() }),
    unit: z.strictObject({ code: z.string(), name: z.string().meta({ description: "简称" }), kind: z.enum(["province", "city"]) }),
    year: z.int().meta({ description: "年度" }),
    role: z.enum(MEASURE_ROLES).meta({ description: "LEAD 牵头，SUPPORT 配合" }),
    text: z.string().meta({ description: "举措内容" }),
    status: z.enum(REPORT_STATUSES).meta({ description: "举措清单的审核状态；令牌与领导只能读到 ACCEPTED" }),
    milestones: z.array(MilestoneSchema),
  })
  .meta({ id: "Measure" });
export type MeasureJson = z.infer<typeof MeasureSchema>;
export const MeasureListBodySchema = dataOf(z.array(MeasureSchema));
export type MeasureListBody = z.infer<typeof MeasureListBodySchema>;

export const measurePaths: ZodOpenApiPathsObject = {
  "/api/v1/measures": {
    get: {
      summary: "各单位年度举措与节点（只读）",
      description: "每项举措一条。令牌与领导只能读到审核通过的清单；审核人可读所有已提交的清单；填报人只能读本单位的清单。",
      security: [{ bearerToken: [] }, { session: [] }],
      requestParams: { query: MeasureQuerySchema },
      responses: {
        "200": jsonResponse("举措列表", MeasureListBodySchema),
        "400": errorResponse("查询参数无效"),
        "401": errorResponse("未登录且无有效令牌"),
        "403": errorResponse("角色无权查看举措"),
        "500": internalErrorResponse,
      },
    },
  },
};
