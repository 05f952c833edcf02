"use server";
import { revalidatePath } from "next/cache";
import { validatedAction } from "@/lib/core/action";
import { narrativeSchema } from "@/lib/annual/schemas";
import { saveNarrative } from "@/lib/annual/annual-report";

export const saveNarrativeAction = validatedAction("annual:edit", narrativeSchema, async (input, user) => {
  const version = await saveNarrative(input.year, { ...input.narrative, signOff: input.signOff, tasks: input.tasks }, input.version, user);
  revalidatePath(`/annual/${input.year}`);
  return { message: `已保存第 ${version} 版。`, redirectTo: `/annual/${input.year}?saved=${version}` };
});
