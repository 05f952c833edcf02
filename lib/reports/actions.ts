"use server";
import { revalidatePath } from "next/cache";
import { validatedAction } from "../core/action";
import {
  apiTokenSchema,
  evidenceSchema,
  reminderSchema,
  removeEvidenceSchema,
  reviewSchema,
  revokeTokenSchema,
  saveReportSchema,
  windowSettingSchema,
} from "@/lib/reports/schemas";
import { reviewReports, saveReport } from "@/lib/reports/reports";
import { addEvidence, removeEvidence } from "@/lib/evidence/evidence";
import { sendReminders } from "@/lib/reminders/reminders";
import { setWindowDays } from "@/lib/admin/settings";
import { issueApiToken, revokeApiToken } from "@/lib/admin/api-tokens";
import { formatQuarter } from "@/lib/core/quarters";

export const saveReportAction = validatedAction("report:write", saveReportSchema, async (input, user) => {
  const saved = await saveReport(input, user);
  revalidatePath("/my");
  revalidatePath(`/tasks/${input.taskNumber}`);
  if (input.intent === "submit") return { message: "已提交，等待省生态环境厅审核。", redirectTo: `/reports/${saved.id}?submitted=1` };
  return { message: "已保存草稿。", redirectTo: `/progress/${input.taskNumber}/${formatQuarter(input.quarter)}?saved=${saved.version}` };
});

export const reviewAction = validatedAction("report:review", reviewSchema, async (input, user) => {
  const count = await reviewReports(input, user);
  revalidatePath("/review");
  const verb = input.decision === "accept" ? "审核通过" : "退回";
  const message = `已${verb} ${count} 份报告。`;
  // From a report's own page the review form disappears with the decision: go back to the page, saying so.
  if (input.returnTo) return { message, redirectTo: `${input.returnTo}?reviewed=${input.decision}` };
  return message;
});

export const reminderAction = validatedAction("report:review", reminderSchema, async (input, user) => {
  const count = await sendReminders(input, user);
  revalidatePath("/reminders");
  return `已向 ${count} 个单位发出${input.level === "CIRCULATE" ? "通报" : "催办"}。`;
});

export const uploadEvidenceAction = validatedAction("report:write", evidenceSchema, async (input, user) => {
  const name = await addEvidence(input.reportId, input.file, user);
  revalidatePath(`/reports/${input.reportId}`);
  return `已上传 ${name}。`;
});

export const removeEvidenceAction = validatedAction("report:write", removeEvidenceSchema, async (input, user) => {
  const name = await removeEvidence(input.fileId, user);
  return `已删除 ${name}。`;
});

export const windowSettingAction = validatedAction("settings:manage", windowSettingSchema, async (input, user) => {
  await setWindowDays(input, user.id);
  revalidatePath("/admin/settings");
  return `报送期限已设为季度结束后 ${input.windowDays} 天。`;
});

export const issueTokenAction = validatedAction("settings:manage", apiTokenSchema, async (input, user) => {
  const token = await issueApiToken(input.name, user.id);
  revalidatePath("/admin/tokens");
  return `已签发令牌（只显示这一次，请立即复制）：${token}`;
});

export const revokeTokenAction = validatedAction("settings:manage", revokeTokenSchema, async (input, user) => {
  await revokeApiToken(input.id, user.id);
  revalidatePath("/admin/tokens");
  return "已吊销令牌。";
});
