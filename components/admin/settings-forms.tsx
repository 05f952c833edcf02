"use client";

import { issueTokenAction, revokeTokenAction, signInHelpAction, windowSettingAction } from "@/lib/admin/actions";
import { FieldError, FormMessage, InlineFailure } from "@/components/ui/field-error";
import { useFormAction } from "@/components/ui/use-form-action";

export function WindowSettingForm({ windowDays, version }: { windowDays: number; version: number }) {
  const { state, pending, formProps, messageProps } = useFormAction(windowSettingAction);
  return (
    <form {...formProps} aria-label="报送期限" className="space-y-2" noValidate>
      <input type="hidden" name="version" value={version} />
      <label htmlFor="windowDays" className="block font-medium">
        季度结束后几天内报送（0–60）
      </label>
      <div className="flex gap-2">
        <input
          id="windowDays"
          name="windowDays"
          type="number"
          min={0}
          max={60}
          key={version}
          defaultValue={state.values.windowDays ?? windowDays}
          aria-invalid={state.fieldErrors.windowDays ? true : undefined}
          aria-describedby={state.fieldErrors.windowDays ? "windowDays-error" : undefined}
          className="w-24 rounded border border-slate-300 px-2 py-1.5"
        />
        <button type="submit" disabled={pending} className="rounded bg-brand-700 px-3 py-1.5 text-white disabled:opacity-60">
          保存
        </button>
      </div>
      <FieldError id="windowDays-error" errors={state.fieldErrors.windowDays} />
      <FormMessage {...messageProps} />
    </form>
  );
}

/** The sign-in page's answer to a forgotten password: whom to ask. */
export function SignInHelpForm({ text, version }: { text: string; version: number }) {
  const { state, pending, formProps, messageProps } = useFormAction(signInHelpAction);
  return (
    <form {...formProps} aria-label="忘记密码提示" className="space-y-2" noValidate>
      <input type="hidden" name="version" value={version} />
      <label htmlFor="signInHelp" className="block font-medium">
        登录页提示（忘记密码时联系谁）
      </label>
      <div className="flex gap-2">
        <input
          id="signInHelp"
          name="text"
          key={version}
          defaultValue={state.values.text ?? text}
          aria-invalid={state.fieldErrors.text ? true : undefined}
          aria-describedby={state.fieldErrors.text ? "signInHelp-error" : undefined}
          className="w-full max-w-2xl rounded border border-slate-300 px-2 py-1.5"
        />
        <button type="submit" disabled={pending} className="rounded bg-brand-700 px-3 py-1.5 text-white disabled:opacity-60">
          保存
        </button>
      </div>
      <FieldError id="signInHelp-error" errors={state.fieldErrors.text} />
      <FormMessage {...messageProps} />
    </form>
  );
}

export function IssueTokenForm() {
  const { state, pending, formProps, messageProps } = useFormAction(issueTokenAction);
  return (
    <form {...formProps} aria-label="签发令牌" className="space-y-2">
      <label htmlFor="token-name" className="block font-medium">
        用途（如：省大数据平台）
      </label>
      <div className="flex gap-2">
        <input
          id="token-name"
          name="name"
          defaultValue={state.values.name ?? ""}
          aria-invalid={state.fieldErrors.name ? true : undefined}
          aria-describedby={state.fieldErrors.name ? "token-name-error" : undefined}
          className="w-72 rounded border border-slate-300 px-2 py-1.5"
        />
        <button type="submit" disabled={pending} className="rounded bg-brand-700 px-3 py-1.5 text-white disabled:opacity-60">
          签发
        </button>
      </div>
      <FieldError id="token-name-error" errors={state.fieldErrors.name} />
      {state.ok ? (
        <p role="status" className="break-all rounded border border-slate-300 bg-slate-50 p-2 font-mono text-sm">
          {state.message}
        </p>
      ) : (
        <FormMessage {...messageProps} />
      )}
    </form>
  );
}

export function RevokeTokenButton({ id, name }: { id: number; name: string }) {
  const { pending, formProps, messageProps } = useFormAction(revokeTokenAction, { guardUnsaved: false });
  return (
    <form {...formProps} className="inline">
      <input type="hidden" name="id" value={id} />
      <button type="submit" disabled={pending} className="text-sm text-red-800 hover:underline" aria-label={`吊销 ${name}`}>
        吊销
      </button>
      <InlineFailure {...messageProps} />
    </form>
  );
}
