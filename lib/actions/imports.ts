"use server";
import { revalidatePath } from "next/cache";
import { validatedAction } from "./validated-action";
import { importConfirmSchema, importUploadSchema } from "@/lib/schemas/progress";
import { applyProgressImport, previewProgressImport } from "@/lib/data/progress-import";

/** Checks an uploaded template and shows every row's result; writes nothing. */
export const previewProgressImportAction = validatedAction("report:write", importUploadSchema, async (input, user) => {
  const preview = await previewProgressImport(input.file, user);
  if (preview.fileError) return { ok: false, message: preview.fileError, data: preview };
  const failing = preview.rows.filter((row) => row.errors.length > 0).length;
  if (failing > 0) return { ok: false, message: `有 ${failing} 行存在错误，未导入任何内容。请修改后重新上传。`, data: preview };
  const count = preview.rows.filter((row) => row.action !== "skip").length;
  return { message: `检查通过：${count} 项任务将保存为草稿。请核对后确认导入。`, data: preview };
});

export const confirmProgressImportAction = validatedAction("report:write", importConfirmSchema, async (input, user) => {
  const count = await applyProgressImport(input.batchId, user);
  revalidatePath("/my");
  return `已导入 ${count} 项任务的进展，均保存为草稿，请逐项核对后提交审核。`;
});
