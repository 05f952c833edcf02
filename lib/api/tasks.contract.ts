/** Contract of the plan's tasks: GET /api/v1/tasks, /api/v1/tasks/{number} and /api/v1/tasks.xlsx. */
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { z } from "@/lib/core/zod";
import { pathNumber, taskNumberSchema } from "@/lib/core/schemas";
import { taskFiltersSchema } from "@/lib/plan/task-filters";
import { TargetSchema } from "./indicators.contract";
import { dataOf, errorResponse, fileResponse, internalErrorResponse, jsonResponse } from "./contract";
import { XLSX_MEDIA_TYPE } from "@/lib/exports/workbook";

/** The task list's filters (the page's, the API's and the export's), with their documentation. */
const { shape } = taskFiltersSchema;
export const TaskQuerySchema = taskFiltersSchema.extend({
  section: shape.section.meta({ description: "篇章编号" }),
  unit: shape.unit.meta({ description: "责任单位代码（见 /api/v1/units）" }),
  city: shape.city.meta({ description: "设区市代码" }),
  year: shape.year.meta({ description: "完成时限所在年份" }),
  q: shape.q.meta({ description: "任务名称或工作内容关键词" }),
  sort: shape.sort.meta({ description: "排序字段" }),
  dir: shape.dir.meta({ description: "排序方向" }),
});

const TASK_NUMBER_INVALID = "任务编号无效";
export const TaskPathSchema = z.object({
  number: pathNumber(taskNumberSchema, TASK_NUMBER_INVALID).meta({ description: "任务编号（1–60）", examples: [42] }),
});

export const TaskSchema = z
  .strictObject({
    number: z.int().min(1).max(60),
    section: z.strictObject({ number: z.int().min(1).max(5), title: z.string() }),
    title: z.string(),
    content: z.string(),
    deadline: z.strictObject({
      text: z.string().meta({ examples: ["2027年底前"] }),
      date: z.iso.date(),
    }),
    units: z.array(z.string()).meta({ description: "省直责任单位，按文件顺序" }),
    cities: z.array(z.string()).meta({ description: "承担该任务的设区市" }),
    leadUnit: z.string().nullable().meta({ description: "牵头单位（管理员指定；未指定为 null）" }),
  })
  .meta({ id: "Task" });
export type TaskJson = z.infer<typeof TaskSchema>;

/** One side of an amendment: the part of the plan it changed, as it stood before or after. */
const AmendedPlanSchema = z.union([
  z.strictObject({ deadline: z.strictObject({ text: z.string(), date: z.iso.date() }) }),
  z.strictObject({ units: z.array(z.string()).meta({ description: "全部责任单位（含设区市）" }) }),
  z.strictObject({ leadUnit: z.string().nullable() }),
]);

export const AmendmentSchema = z
  .strictObject({
    kind: z.enum(["deadline", "units", "lead_unit"]).meta({ description: "调整类型：完成时限、责任单位、牵头单位" }),
    before: AmendedPlanSchema,
    after: AmendedPlanSchema,
    reason: z.string().meta({ description: "调整原因" }),
    authority: z.string().meta({ description: "依据文件", examples: ["赣府厅字〔2026〕12号"] }),
    effectiveDate: z.iso.date().meta({ description: "依据文件规定的生效日期：当日或此前生效的调整保存即执行，此后生效的在生效日自动执行" }),
    status: z
      .enum(["applied", "pending", "cancelled", "not_applied"])
      .meta({ description: "已执行、待生效、已撤销、未执行（生效日计划已变化，见 applyError）" }),
    appliedAt: z.iso.datetime({ offset: true }).nullable().meta({ description: "执行时间" }),
    applyError: z.string().nullable().meta({ description: "未执行的原因" }),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: "PlanAmendment" });
export type AmendmentJson = z.infer<typeof AmendmentSchema>;

export const TaskDetailSchema = TaskSchema.extend({
  indicators: z
    .array(z.strictObject({ code: z.string(), name: z.string(), unit: z.string(), targets: z.array(TargetSchema) }))
    .meta({ description: "与任务相关的目标指标" }),
  amendments: z.array(AmendmentSchema).meta({ description: "计划调整记录，按调整先后排列；任务的其余字段为调整后的现行计划" }),
}).meta({ id: "TaskDetail" });
export type TaskDetailJson = z.infer<typeof TaskDetailSchema>;

export const TaskListBodySchema = dataOf(z.array(TaskSchema));
export type TaskListBody = z.infer<typeof TaskListBodySchema>;
export const TaskDetailBodySchema = dataOf(TaskDetailSchema);
export type TaskDetailBody = z.infer<typeof TaskDetailBodySchema>;

export const taskPaths: ZodOpenApiPathsObject = {
  "/api/v1/tasks": {
    get: {
      summary: "重点任务清单",
      requestParams: { query: TaskQuerySchema },
      responses: {
        "200": jsonResponse("任务列表", TaskListBodySchema),
        "400": errorResponse("查询参数无效"),
        "500": internalErrorResponse,
      },
    },
  },
  "/api/v1/tasks/{number}": {
    get: {
      summary: "单项任务",
      requestParams: { path: TaskPathSchema },
      responses: {
        "200": jsonResponse("任务详情（含相关目标指标与计划调整记录）", TaskDetailBodySchema),
        "404": errorResponse("编号不存在或格式错误"),
        "500": internalErrorResponse,
      },
    },
  },
  "/api/v1/tasks.xlsx": {
    get: {
      summary: "重点任务清单 Excel（公开，筛选参数同 /api/v1/tasks）",
      requestParams: { query: TaskQuerySchema },
      responses: {
        "200": fileResponse("Excel 文件", XLSX_MEDIA_TYPE),
        "400": errorResponse("查询参数无效"),
        "500": internalErrorResponse,
      },
    },
  },
};
