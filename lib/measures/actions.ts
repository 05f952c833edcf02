"use server";
import { revalidatePath } from "next/cache";
import { validatedAction } from "@/lib/core/action";
import { measureLeadReviewSchema, measureListFormSchema, measureReviewSchema } from "./schemas";
import { saveMeasureList } from "./save-measure-list";
import { leadReviewMeasureList, reviewMeasureList } from "./review-measure-list";
import { applyMeasuresImport, previewMeasuresImport } from "./measures-import";
import { importConfirmSchema, importUploadSchema } from "@/lib/imports/schemas";

export const saveMeasureListAction = validatedAction("report:write", measureListFormSchema, async (input, user) => {
  const saved = await saveMeasureList(input, user);
  revalidatePath("/measures");
  revalidatePath("/review/measures");
  revalidatePath("/lead-review");
  const path = `/measures/${input.taskNumber}/${input.year}`;
  if (input.intent === "submit") {
    const next = saved.reviewStage === "LEAD" ? "等待牵头单位审核" : "等待省生态环境厅审核";
    return { message: `已提交，${next}。`, redirectTo: `${path}?submitted=${saved.version}` };
  }
  return { message: "已保存草稿。", redirectTo: `${path}?saved=${saved.version}` };
});

export const reviewMeasureListAction = validatedAction("report:review", measureReviewSchema, async (input, user) => {
  const reviewed = await reviewMeasureList(input, user);
  revalidatePath("/review/measures");
  revalidatePath("/measures");
  revalidatePath(`/tasks/${reviewed.taskNumber}`);
  return reviewed.status === "ACCEPTED" ? `已通过${reviewed.name}的举措清单。` : `已退回${reviewed.name}的举措清单。`;
});

/** The task's 牵头单位 passes a list on to 省生态环境厅 or returns it with a comment. */
export const leadReviewMeasureListAction = validatedAction("report:lead-review", measureLeadReviewSchema, async (input, user) => {
  const reviewed = await leadReviewMeasureList(input, user);
  revalidatePath("/lead-review");
  revalidatePath("/review/measures");
  return reviewed.status === "RETURNED" ? `已退回${reviewed.name}的举措清单。` : `已将${reviewed.name}的举措清单转报省生态环境厅。`;
});

/** Checks an uploaded measures template and shows every row's result; writes nothing. */
export const previewMeasuresImportAction = validatedAction("report:write", importUploadSchema, async (input, user) => {
  const preview = await previewMeasuresImport(input.file, user);
  if (preview.fileError) return { ok: false, message: preview.fileError, data: preview };
  const failing = preview.rows.filter((row) => row.errors.length > 0).length;
  if (failing > 0) return { ok: false, message: `有 ${failing} 行存在错误，未导入任何内容。请修改后重新上传。`, data: preview };
  const tasks = new Set(preview.rows.filter((row) => row.action !== "skip").map((row) => row.taskNumber)).size;
  return { message: `检查通过：${tasks} 项任务的举措清单将保存为草稿。请核对后确认导入。`, data: preview };
});

export const confirmMeasuresImportAction = validatedAction("report:write", importConfirmSchema, async (input, user) => {
  const count = await applyMeasuresImport(input.batchId, user);
  revalidatePath("/measures");
  return `已导入 ${count} 项任务的举措清单，均保存为草稿，请逐项核对后提交审核。`;
});
