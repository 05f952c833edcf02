import "server-only";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { authorize, type SessionUser } from "@/lib/auth/session";
import type { Permission } from "@/lib/auth/roles";
import { AppError } from "@/lib/core/errors";
import { submittedValues, type FormState } from "./form-state";

/** What an action reports back: a message, and optionally where to go next. */
export interface ActionOutcome {
  message: string;
  redirectTo?: string;
  /** Shown by the form, also when the outcome is a refusal (ok: false). */
  data?: unknown;
  ok?: boolean;
}

/** The form as an object; a field sent several times (checkboxes) becomes an array. */
export function formInput(formData: FormData): Record<string, FormDataEntryValue | FormDataEntryValue[]> {
  const input: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$")) continue; // React's own fields
    const existing = input[key];
    // Pushed, not copied: a request repeating one field 40,000 times took minutes of CPU.
    if (Array.isArray(existing)) existing.push(value);
    else input[key] = existing === undefined ? value : [existing, value];
  }
  return input;
}

function refusal(error: AppError, values: Record<string, string>): FormState {
  return { ok: false, message: error.message, fieldErrors: error.fieldErrors, values, code: error.code, data: error.data };
}

/**
 * Authenticate, check the permission, validate with zod, run, and map every failure to a
 * FormState with a Chinese message. Unexpected errors are logged, never shown.
 */
export function validatedAction<Schema extends z.ZodType>(
  permission: Permission,
  schema: Schema,
  work: (input: z.infer<Schema>, user: SessionUser) => Promise<string | ActionOutcome>,
) {
  return async (_previous: FormState, formData: FormData): Promise<FormState> => {
    // A hand-made request can pass anything as the form (proxy.ts checks only the shape of the body).
    if (!(formData instanceof FormData)) {
      return {
        ok: false,
        message: "提交无效：表单内容格式不正确，请刷新页面后重新提交。",
        fieldErrors: {},
        values: {},
        code: "BAD_REQUEST",
      };
    }
    const values = submittedValues(formData);
    let user: SessionUser;
    try {
      user = await authorize(permission);
    } catch (error) {
      if (error instanceof AppError) return refusal(error, values);
      // The database is unreachable (a restart, a failover): say so and keep the user's input.
      console.error("action could not check the user", error);
      return {
        ok: false,
        message: "服务暂时不可用（数据库连接中断），您填写的内容仍在页面上，请稍后重试。",
        fieldErrors: {},
        values,
        code: "UNAVAILABLE",
      };
    }
    const parsed = schema.safeParse(formInput(formData));
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? "_form");
        if (fieldErrors[key]?.includes(issue.message)) continue;
        (fieldErrors[key] ??= []).push(issue.message);
      }
      return { ok: false, message: "提交的内容有误，请按提示修改。", fieldErrors, values, code: "BAD_REQUEST" };
    }
    let outcome: ActionOutcome;
    try {
      const result = await work(parsed.data, user);
      outcome = typeof result === "string" ? { message: result } : result;
    } catch (error) {
      if (error instanceof AppError) return refusal(error, values);
      console.error("action failed", error);
      return { ok: false, message: "保存失败：服务器内部错误，请稍后重试。", fieldErrors: {}, values, code: "INTERNAL" };
    }
    // Outside the try: Next's redirect works by throwing.
    if (outcome.redirectTo) redirect(outcome.redirectTo);
    return {
      ok: outcome.ok ?? true,
      message: outcome.message,
      fieldErrors: {},
      values: outcome.ok === false ? values : {},
      data: outcome.data,
    };
  };
}
