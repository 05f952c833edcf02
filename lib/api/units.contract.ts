/** Contract of the responsible units: GET /api/v1/units. */
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { z } from "@/lib/core/zod";
import { dataOf, internalErrorResponse, jsonResponse } from "./contract";

export const UnitSchema = z
  .strictObject({
    code: z.string().meta({ description: "单位代码，如 fgw、nanchang" }),
    name: z.string().meta({ description: "全称" }),
    shortName: z.string().meta({ description: "简称，如 省发改委、南昌市" }),
    kind: z.enum(["province", "city"]).meta({ description: "province：省直单位；city：设区市" }),
    taskCount: z.int().min(0).meta({ description: "承担的重点任务数" }),
  })
  .meta({ id: "Unit" });
export type UnitJson = z.infer<typeof UnitSchema>;

export const UnitListBodySchema = dataOf(z.array(UnitSchema));
export type UnitListBody = z.infer<typeof UnitListBodySchema>;

export const unitPaths: ZodOpenApiPathsObject = {
  "/api/v1/units": {
    get: {
      summary: "责任单位（36 个省直单位与 11 个设区市）",
      responses: { "200": jsonResponse("单位列表", UnitListBodySchema), "500": internalErrorResponse },
    },
  },
};
