"use server";
import { revalidatePath } from "next/cache";
import { validatedAction } from "@/lib/core/action";
import { formatQuarter } from "@/lib/core/quarters";
import { saveReportSchema, withdrawReportSchema } from "./schemas";
import { saveReport } from "@/lib/reports/save-report";
import { withdrawReport } from "@/lib/reports/withdraw-report";

export const saveReportAction = validatedAction("report:write", saveReportSchema, async (input, user) => {
  const saved = await saveReport(input, user);
  revalidatePath("/my");
  revalidatePath(`/tasks/${input.taskNumber}`);
  if (input.intent === "submit") return { message: "已提交，等待省生态环境厅审核。", redirectTo: `/reports/${saved.id}?submitted=1` };
  return { message: "已保存草稿。", redirectTo: `/progress/${input.taskNumber}/${formatQuarter(input.quarter)}?saved=${saved.version}` };
});

export const withdrawReportAction = validatedAction("report:write", withdrawReportSchema, async (input, user) => {
  const withdrawn = await withdrawReport(input, user);
  revalidatePath("/my");
  revalidatePath("/review");
  revalidatePath(`/tasks/${withdrawn.taskNumber}`);
  return { message: "已撤回，报告回到草稿状态。", redirectTo: `/reports/${withdrawn.id}?withdrawn=1` };
});
