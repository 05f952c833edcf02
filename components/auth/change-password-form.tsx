"use client";

import { changePasswordAction } from "@/lib/auth/actions";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import { useFormAction } from "@/components/ui/use-form-action";

const FIELDS = [
  ["current", "当前密码", "current-password"],
  ["password", "新密码", "new-password"],
  ["confirm", "再次输入新密码", "new-password"],
] as const;

export function ChangePasswordForm() {
  const { state, pending, formProps, messageProps } = useFormAction(changePasswordAction);
  return (
    <form {...formProps} className="mt-6 space-y-4" noValidate aria-label="修改密码">
      {FIELDS.map(([name, label, autoComplete]) => (
        <div key={name}>
          <label htmlFor={`pw-${name}`} className="block text-sm font-medium">
            {label}
          </label>
          <input
            id={`pw-${name}`}
            name={name}
            type="password"
            autoComplete={autoComplete}
            aria-invalid={state.fieldErrors[name] ? true : undefined}
            aria-describedby={state.fieldErrors[name] ? `pw-${name}-error` : undefined}
            className="mt-1 w-full rounded border border-slate-300 px-3 py-2"
          />
          <FieldError id={`pw-${name}-error`} errors={state.fieldErrors[name]} />
        </div>
      ))}
      <p className="text-sm text-slate-600">
        至少 10 位，包含大写字母、小写字母、数字、符号中的至少三类，且不能与最近 5 次的密码相同。修改后所有设备上的登录都将退出。
      </p>
      <FormMessage {...messageProps} />
      <button type="submit" disabled={pending} className="w-full rounded bg-brand-700 px-4 py-2 text-white disabled:opacity-60">
        {pending ? "保存中…" : "修改密码"}
      </button>
    </form>
  );
}
