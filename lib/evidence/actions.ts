"use server";
import { revalidatePath } from "next/cache";
import { validatedAction } from "@/lib/core/action";
import { evidenceSchema, removeEvidenceSchema } from "./schemas";
import { addEvidence, removeEvidence } from "./evidence";

export const uploadEvidenceAction = validatedAction("report:write", evidenceSchema, async (input, user) => {
  const name = await addEvidence(input.reportId, input.file, user);
  revalidatePath(`/reports/${input.reportId}`);
  return `已上传 ${name}。`;
});

export const removeEvidenceAction = validatedAction("report:write", removeEvidenceSchema, async (input, user) => {
  const name = await removeEvidence(input.fileId, user);
  return `已删除 ${name}。`;
});
