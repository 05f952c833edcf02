"use server";
import { revalidatePath } from "next/cache";
import { validatedAction } from "@/lib/core/action";
import { importConfirmSchema, importUploadSchema } from "@/lib/imports/schemas";
import { applyProgressImport, previewProgressImport, type ImportPreview } from "@/lib/imports/progress-import";
import { applyObservationImport, previewObservationImport } from "@/lib/imports/observation-import";

/** The message for a checked file: its error, the rows in error, or what will be written. */
function previewOutcome(preview: ImportPreview, willWrite: (count: number) => string) {
  if (preview.fileError) return { ok: false, message: preview.fileError, data: preview };
  const failing = preview.rows.filter((row) => row.errors.length > 0).length;
  if (failing > 0) return { ok: false, message: `有 ${failing} 行存在错误，未导入任何内容。请修改后重新上传。`, data: preview };
  return { message: willWrite(preview.rows.filter((row) => row.action !== "skip").length), data: preview };
}

/** Checks an uploaded template and shows every row's result; writes nothing. */
export const previewProgressImportAction = validatedAction("report:write", importUploadSchema, async (input, user) => {
  return previewOutcome(
    await previewProgressImport(input.file, user),
    (count) => `检查通过：${count} 项任务将保存为草稿。请核对后确认导入。`,
  );
});

export const confirmProgressImportAction = validatedAction("report:write", importConfirmSchema, async (input, user) => {
  const count = await applyProgressImport(input.batchId, user);
  revalidatePath("/my");
  return `已导入 ${count} 项任务的进展，均保存为草稿，请逐项核对后提交审核。`;
});

export const previewObservationImportAction = validatedAction("report:write", importUploadSchema, async (input, user) =>
  previewOutcome(await previewObservationImport(input.file, user), (count) => `检查通过：${count} 个数值将提交审核。请核对后确认导入。`),
);

export const confirmObservationImportAction = validatedAction("report:write", importConfirmSchema, async (input, user) => {
  const count = await applyObservationImport(input.batchId, user);
  revalidatePath("/indicators");
  return `已导入 ${count} 个数值，等待省生态环境厅审核。`;
});
