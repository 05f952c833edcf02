"use server";
import { revalidatePath } from "next/cache";
import { validatedAction } from "@/lib/core/action";
import { formatQuarter } from "@/lib/core/quarters";
import { reportBatchSchema, saveReportSchema, withdrawReportSchema } from "./schemas";
import { submitReports } from "@/lib/reports/bulk-submit";
import { carryForwardReports } from "@/lib/reports/carry-forward";
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

/** 我的待办's batch (and the report form's 沿用上季度 button): submit, or carry forward and submit, all or none. */
export const reportBatchAction = validatedAction("report:write", reportBatchSchema, async (input, user) => {
  const { reports } = input.intent === "carry" ? await carryForwardReports(input, user) : await submitReports(input, user);
  revalidatePath("/my");
  revalidatePath("/review");
  const names = reports.map((report) => report.name).join("、");
  const verb = input.intent === "carry" ? "沿用上季度已通过报告的内容，提交" : "提交";
  const message = `已${verb} ${reports.length} 份报告（${names}），等待省生态环境厅审核。`;
  if (input.open === "report" && reports.length === 1) return { message, redirectTo: `/reports/${reports[0]!.id}?submitted=1` };
  return message;
});
