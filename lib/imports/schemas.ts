/** An Excel upload to check, and the confirmation that applies a checked one. */
import { z } from "@/lib/core/zod";
import { idSchema } from "@/lib/core/schemas";

export const importUploadSchema = z.object({
  file: z.instanceof(File, { message: "请选择要上传的 Excel 文件" }).refine((file) => file.size > 0, "请选择要上传的 Excel 文件"),
});

export const importConfirmSchema = z.object({ batchId: idSchema("导入记录无效") });
