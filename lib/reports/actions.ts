"use server";
import { revalidatePath } from "next/cache";
import { validatedAction } from "@/lib/core/action";
import { formatQuarter } from "@/lib/core/quarters";
import { saveReportSchema } from "./schemas";
import { saveReport } from "@/lib/reports/save-report";

export const saveReportAction = validatedAction("report:write", saveReportSchema, async (input, user) => {
  const saved = await saveReport(input, user);
  revalidatePath("/my");
  revalidatePath(`/tasks/${input.taskNumber}`);
  if (input.intent === "submit") return { message: "已提交，等待省生态环境厅审核。", redirectTo: `/reports/${saved.id}?submitted=1` };
  return { message: "已保存草稿。", redirectTo: `/progress/${input.taskNumber}/${formatQuarter(input.quarter)}?saved=${saved.version}` };
});
