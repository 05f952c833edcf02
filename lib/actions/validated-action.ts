import "server-only";
import type { z } from "zod";
import { authorize, AuthorizationError, type SessionUser } from "@/lib/auth/session";
import type { Permission } from "@/lib/auth/roles";
import { UserFacingError } from "@/lib/data/errors";
import type { FormState } from "./form-state";

function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    // Never echo secrets back into the page.
    if (typeof value === "string" && !key.startsWith("$") && !/password/i.test(key)) values[key] = value;
  }
  return values;
}

/**
 * Authenticate, check the permission, validate with zod, run, and map every failure to a
 * FormState with a Chinese message. Unexpected errors are logged, never shown.
 */
export function validatedAction<Schema extends z.ZodType>(
  permission: Permission,
  schema: Schema,
  work: (input: z.infer<Schema>, user: SessionUser) => Promise<string>,
) {
  return async (_previous: FormState, formData: FormData): Promise<FormState> => {
    const values = formValues(formData);
    let user: SessionUser;
    try {
      user = await authorize(permission);
    } catch (error) {
      if (error instanceof AuthorizationError) return { ok: false, message: error.message, fieldErrors: {}, values };
      throw error;
    }
    const parsed = schema.safeParse(Object.fromEntries(formData.entries()));
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? "_form");
        (fieldErrors[key] ??= []).push(issue.message);
      }
      return { ok: false, message: "提交的内容有误，请按提示修改。", fieldErrors, values };
    }
    try {
      const message = await work(parsed.data, user);
      return { ok: true, message, fieldErrors: {}, values: {} };
    } catch (error) {
      if (error instanceof UserFacingError) {
        return { ok: false, message: error.message, fieldErrors: error.fieldErrors, values };
      }
      console.error("action failed", error);
      return { ok: false, message: "保存失败：服务器内部错误，请稍后重试。", fieldErrors: {}, values };
    }
  };
}
