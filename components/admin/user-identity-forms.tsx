"use client";

import { linkIdentityAction, unlinkIdentityAction } from "@/lib/auth/oidc-actions";
import { FieldError, FormMessage, InlineFailure } from "@/components/ui/field-error";
import { useFormAction } from "@/components/ui/use-form-action";

const INPUT = "mt-1 w-full rounded border border-slate-300 bg-white px-2 py-1.5";

/**
 * Links an identity of the identity service to the account: its subject (`sub`, the account's id
 * there), and the service's issuer when it is not the configured one.
 */
export function LinkIdentityForm({ username, configuredIssuer }: { username: string; configuredIssuer: string | null }) {
  const { state, pending, formProps, messageProps } = useFormAction(linkIdentityAction, { resetOnSuccess: true });
  const field = (name: "subject" | "issuer") => ({
    id: `identity-${name}`,
    name,
    "aria-invalid": state.fieldErrors[name] ? true : undefined,
    "aria-describedby": [`identity-${name}-hint`, state.fieldErrors[name] ? `identity-${name}-error` : ""].filter(Boolean).join(" "),
    className: INPUT,
  });
  return (
    <form {...formProps} aria-label="关联统一身份认证账号" className="grid gap-3 sm:grid-cols-2" noValidate>
      <input type="hidden" name="username" value={username} />
      <div>
        <label htmlFor="identity-subject" className="block text-sm font-medium">
          统一身份认证账号标识（sub）
        </label>
        <input {...field("subject")} defaultValue={state.ok ? "" : state.values.subject} autoComplete="off" />
        <p id="identity-subject-hint" className="mt-1 text-xs text-slate-600">
          该人员在统一身份认证中的唯一标识，由统一身份认证管理方提供。
        </p>
        <FieldError id="identity-subject-error" errors={state.fieldErrors.subject} />
      </div>
      <div>
        <label htmlFor="identity-issuer" className="block text-sm font-medium">
          统一身份认证服务地址（issuer）
        </label>
        <input
          {...field("issuer")}
          defaultValue={state.ok ? "" : state.values.issuer}
          placeholder={configuredIssuer ?? "https://sso.example.gov.cn"}
          autoComplete="off"
        />
        <p id="identity-issuer-hint" className="mt-1 text-xs text-slate-600">
          {configuredIssuer ? `留空即为本系统配置的 ${configuredIssuer}。` : "本系统尚未配置统一身份认证服务，请填写其地址。"}
        </p>
        <FieldError id="identity-issuer-error" errors={state.fieldErrors.issuer} />
      </div>
      <div className="sm:col-span-2">
        <button type="submit" disabled={pending} className="rounded bg-brand-700 px-3 py-1.5 text-white disabled:opacity-60">
          {pending ? "关联中…" : "关联"}
        </button>
      </div>
      <div className="sm:col-span-2">
        <FormMessage {...messageProps} />
      </div>
    </form>
  );
}

/** Unlinks one identity (the account's sessions end with it). */
export function UnlinkIdentityButton({ username, id, subject }: { username: string; id: number; subject: string }) {
  const { pending, formProps, messageProps } = useFormAction(unlinkIdentityAction, { guardUnsaved: false });
  return (
    <form {...formProps} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="username" value={username} />
      <input type="hidden" name="id" value={id} />
      <button
        type="submit"
        disabled={pending}
        className="rounded border border-red-700 px-2 py-0.5 text-xs text-red-800 hover:bg-red-50 disabled:opacity-60"
      >
        {pending ? "解除中…" : "解除关联"}
        <span className="sr-only"> {subject}</span>
      </button>
      <InlineFailure {...messageProps} />
    </form>
  );
}
