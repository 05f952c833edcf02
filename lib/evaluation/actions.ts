"use server";
import { revalidatePath } from "next/cache";
import { validatedAction } from "@/lib/core/action";
import { freezeEvaluationSchema } from "./schemas";
import { freezeEvaluation } from "./evaluation";

export const freezeEvaluationAction = validatedAction("evaluation:freeze", freezeEvaluationSchema, async (input, user) => {
  const frozen = await freezeEvaluation(input, user);
  revalidatePath("/evaluation", "layout");
  return { message: `已冻结${frozen.year}年度进展评估（截至${frozen.asOf}）。`, redirectTo: `/evaluation/${frozen.year}` };
});
