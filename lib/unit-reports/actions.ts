"use server";
import { revalidatePath } from "next/cache";
import { validatedAction } from "@/lib/core/action";
import { unitReportDeadlineSchema, unitReportFormSchema, unitReportReviewSchema, unitReportUnlockSchema } from "./schemas";
import { reviewUnitReport, saveUnitReport, setUnitReportDeadline, unlockUnitReport } from "./unit-reports";

export const saveUnitReportAction = validatedAction("report:write", unitReportFormSchema, async (input, user) => {
  const saved = await saveUnitReport(input, user);
  revalidatePath("/review/unit-reports");
  revalidatePath("/annual-reports", "layout");
  revalidatePath("/my");
  const path = `/annual-reports/${input.year}`;
  if (input.intent === "submit") return { message: "已提交，等待省生态环境厅审核。", redirectTo: `${path}?submitted=${saved.version}` };
  return { message: "已保存草稿。", redirectTo: `${path}?saved=${saved.version}` };
});

export const reviewUnitReportAction = validatedAction("report:review", unitReportReviewSchema, async (input, user) => {
  const reviewed = await reviewUnitReport(input, user);
  revalidatePath("/review/unit-reports");
  revalidatePath("/annual-reports", "layout");
  revalidatePath(`/annual/${reviewed.year}`);
  return reviewed.status === "ACCEPTED" ? `已审核通过${reviewed.name}。` : `已退回${reviewed.name}。`;
});

export const unlockUnitReportAction = validatedAction("report:review", unitReportUnlockSchema, async (input, user) => {
  const unlocked = await unlockUnitReport(input, user);
  revalidatePath("/review/unit-reports");
  revalidatePath("/annual-reports", "layout");
  return `已解锁并退回${unlocked.name}，单位修改后可重新提交。`;
});

export const setUnitReportDeadlineAction = validatedAction("report:review", unitReportDeadlineSchema, async (input, user) => {
  await setUnitReportDeadline(input, user);
  revalidatePath("/review/unit-reports");
  revalidatePath("/annual-reports", "layout");
  revalidatePath("/reminders");
  return `已设置${input.year}年度工作情况报告的报送截止日期。`;
});
