"use server";
import { revalidatePath } from "next/cache";
import { validatedAction } from "@/lib/core/action";
import { defaultScheme } from "./scheme";
import { recomputeAutoItems, saveScheme, saveScores, saveSelfAssessment, startAssessment, unlockResult } from "./assessments";
import { scoreSheetSchema, schemeFormSchema, selfAssessmentSchema, startAssessmentSchema, unlockResultSchema } from "./schemas";
import { z } from "@/lib/core/zod";
import { versionSchema, yearSchema } from "@/lib/core/schemas";

const revalidateYear = (year: number) => revalidatePath(`/assessment/${year}`, "layout");

export const saveSchemeAction = validatedAction("assessment:score", schemeFormSchema, async (input, user) => {
  const saved = await saveScheme(input, user);
  revalidatePath("/assessment");
  revalidateYear(saved.year);
  return {
    message: `已保存${saved.year}年度考核方案（第 ${saved.version} 版）。`,
    redirectTo: `/assessment/${saved.year}/scheme?saved=${saved.version}`,
  };
});

/** Takes the default scheme shaped after the national rule as the year's scheme (its first version). */
export const adoptDefaultSchemeAction = validatedAction(
  "assessment:score",
  z.object({ year: yearSchema(), basedOn: versionSchema }),
  async (input, user) => {
    const saved = await saveScheme({ ...defaultScheme(input.year), basedOn: input.basedOn, reason: "" }, user);
    revalidatePath("/assessment");
    revalidateYear(saved.year);
    return {
      message: `已采用默认考核方案作为${saved.year}年度方案。`,
      redirectTo: `/assessment/${saved.year}/scheme?saved=${saved.version}`,
    };
  },
);

export const startAssessmentAction = validatedAction("assessment:score", startAssessmentSchema, async (input, user) => {
  const started = await startAssessment(input, user);
  revalidatePath("/assessment");
  revalidateYear(input.year);
  revalidatePath("/my");
  return {
    message: `已启动${input.year}年度考核评分：方案已锁定，${started.units} 个单位的自动项目已按 ${input.asOf} 的数据计算。`,
    redirectTo: `/assessment/${input.year}?started=1`,
  };
});

export const recomputeAutoItemsAction = validatedAction("assessment:score", startAssessmentSchema, async (input, user) => {
  const recomputed = await recomputeAutoItems(input, user);
  revalidateYear(input.year);
  return `已按 ${input.asOf} 的数据重新计算 ${recomputed.results} 个未确认单位的自动项目。`;
});

export const saveSelfAssessmentAction = validatedAction("assessment:self", selfAssessmentSchema, async (input, user) => {
  const saved = await saveSelfAssessment(input, user);
  revalidateYear(input.year);
  revalidatePath("/my");
  const path = `/assessment/${input.year}/units/${input.unit}`;
  if (saved.submitted)
    return {
      message: `已提交自评（自评总分 ${saved.selfTotal ?? "—"} 分），等待省生态环境厅评分。`,
      redirectTo: `${path}?submitted=${saved.version}`,
    };
  return { message: "已保存自评草稿。", redirectTo: `${path}?saved=${saved.version}` };
});

export const saveScoresAction = validatedAction("assessment:score", scoreSheetSchema, async (input, user) => {
  const saved = await saveScores(input, user);
  revalidateYear(input.year);
  const path = `/assessment/${input.year}/units/${input.unit}`;
  if (saved.confirmed)
    return {
      message: `已确认${saved.name}的考核结果：${saved.total} 分，${saved.grade}。`,
      redirectTo: `${path}?confirmed=${saved.version}`,
    };
  return { message: `已保存${saved.name}的评分。`, redirectTo: `${path}?saved=${saved.version}` };
});

export const unlockResultAction = validatedAction("assessment:score", unlockResultSchema, async (input, user) => {
  const unlocked = await unlockResult(input, user);
  revalidateYear(input.year);
  return {
    message: `已解锁${unlocked.name}的考核结果，可重新评分。`,
    redirectTo: `/assessment/${input.year}/units/${input.unit}?unlocked=${unlocked.version}`,
  };
});
