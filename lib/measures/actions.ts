"use server";
import { revalidatePath } from "next/cache";
import { validatedAction } from "@/lib/core/action";
import { measureListFormSchema, measureReviewSchema } from "./schemas";
import { reviewMeasureList, saveMeasureList } from "./save-measure-list";

export const saveMeasureListAction = validatedAction("report:write", measureListFormSchema, async (input, user) => {
  const saved = await saveMeasureList(input, user);
  revalidatePath("/measures");
  revalidatePath("/review/measures");
  const path = `/measures/${input.taskNumber}/${input.year}`;
  if (input.intent === "submit") return { message: "已提交，等待省生态环境厅审核。", redirectTo: `${path}?submitted=${saved.version}` };
  return { message: "已保存草稿。", redirectTo: `${path}?saved=${saved.version}` };
});

export const reviewMeasureListAction = validatedAction("report:review", measureReviewSchema, async (input, user) => {
  const reviewed = await reviewMeasureList(input, user);
  revalidatePath("/review/measures");
  revalidatePath("/measures");
  revalidatePath(`/tasks/${reviewed.taskNumber}`);
  return reviewed.status === "ACCEPTED" ? `已通过${reviewed.name}的举措清单。` : `已退回${reviewed.name}的举措清单。`;
});
