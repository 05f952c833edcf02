"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";
import { changePassword } from "@/lib/auth/accounts";
import { UserFacingError } from "@/lib/core/errors";
import { changePasswordSchema } from "@/lib/auth/schemas";
import type { FormState } from "@/lib/core/form-state";
import { clientAddress } from "@/lib/auth/client-address";

/**
 * Any signed-in user changes their own password (also the forced change of an initial one, so
 * this does not go through authorize(), which refuses users who must change it first).
 */
export async function changePasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  // A hand-made call with anything but a form is a refusal, not a crash (as in validatedAction).
  if (!(formData instanceof FormData))
    return { ok: false, message: "表单内容不完整或格式不正确。", fieldErrors: {}, values: {}, code: "BAD_REQUEST" };
  const user = await getCurrentUser();
  if (!user) return { ok: false, message: "未登录或会话已过期，请重新登录", fieldErrors: {}, values: {}, code: "UNAUTHENTICATED" };
  const parsed = changePasswordSchema.safeParse(Object.fromEntries(formData.entries()));
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0] ?? "_form")] ??= []).push(issue.message);
    return { ok: false, message: "提交的内容有误，请按提示修改。", fieldErrors, values: {}, code: "BAD_REQUEST" };
  }
  try {
    // Wrong current passwords count against this address like failed sign-ins.
    await changePassword(user.id, parsed.data.current, parsed.data.password, clientAddress(await headers()));
  } catch (error) {
    if (error instanceof UserFacingError) {
      return { ok: false, message: error.message, fieldErrors: error.fieldErrors, values: {}, code: error.code };
    }
    throw error;
  }
  // Every session of the user has ended, this one included.
  redirect("/login?changed=1");
}
