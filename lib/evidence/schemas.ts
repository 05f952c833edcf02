/** Uploading and removing 佐证材料 of a report. */
import { z } from "@/lib/core/zod";
import { idSchema } from "@/lib/core/schemas";

export const evidenceSchema = z.object({
  reportId: idSchema("报告无效"),
  file: z.instanceof(File, { message: "请选择要上传的文件" }).refine((file) => file.size > 0, "请选择要上传的文件"),
});

export const removeEvidenceSchema = z.object({ fileId: idSchema("文件无效") });
