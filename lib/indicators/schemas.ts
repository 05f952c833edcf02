/** Indicator values entered by owning units. */
import { z } from "@/lib/core/zod";
import { DECIMAL, indicatorCodeSchema, periodSchema, textSchema, unitCodeSchema } from "@/lib/core/schemas";

export const observationSchema = z.object({
  indicatorCode: indicatorCodeSchema(),
  area: unitCodeSchema("地区无效").default("province"),
  period: periodSchema,
  value: z.string({ message: "请填写数值" }).trim().regex(DECIMAL, "数值须为数字，最多 4 位小数").transform(Number),
  source: textSchema("数据来源", "请填写数据来源").min(1, "请填写数据来源").max(200, "数据来源不能超过 200 字"),
  note: textSchema("说明").max(500, "说明不能超过 500 字").optional().default(""),
});
export type ObservationInput = z.output<typeof observationSchema>;
