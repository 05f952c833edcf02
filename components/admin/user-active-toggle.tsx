"use client";

import { useState } from "react";
import { setUserActiveAction } from "@/lib/admin/actions";
import { useFormAction } from "@/components/ui/use-form-action";
import { FieldError, FormMessage, InlineFailure } from "@/components/ui/field-error";

/**
 * 启用 at once; 停用 only after a confirmation step, which the server requires too (the `confirm`
 * field carries the username again).
 */
export function UserActiveToggle({ username, active }: { username: string; active: boolean }) {
  const { state, pending, formProps, messageProps } = useFormAction(setUserActiveAction, { guardUnsaved: false });
  const [confirming, setConfirming] = useState(false);
  if (active && confirming) {
    return (
      <form {...formProps} aria-label={`确认停用 ${username}`} className="space-y-2 rounded border border-red-300 bg-red-50 p-2 text-sm">
        <input type="hidden" name="username" value={username} />
        <input type="hidden" name="active" value="false" />
        <input type="hidden" name="confirm" value={username} />
        <p>停用后该账号的登录立即结束，且不能再登录（可随时重新启用）。确认停用 {username}？</p>
        <p className="flex gap-2">
          <button type="submit" disabled={pending} className="rounded bg-red-700 px-2 py-0.5 text-white disabled:opacity-60">
            {pending ? "停用中…" : "确认停用"}
          </button>
          <button type="button" onClick={() => setConfirming(false)} className="rounded border border-slate-300 bg-white px-2 py-0.5">
            取消
          </button>
        </p>
        <FieldError id={`confirm-${username}-error`} errors={state.fieldErrors.confirm} />
        {!state.ok && <FormMessage {...messageProps} />}
      </form>
    );
  }
  if (active) {
    return (
      <button
        type="button"
        onClick={() => setConfirming(true)}
        className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100"
      >
        停用<span className="sr-only"> {username}</span>
      </button>
    );
  }
  return (
    <form {...formProps} className="flex items-center gap-2">
      <input type="hidden" name="username" value={username} />
      <input type="hidden" name="active" value="true" />
      <button type="submit" disabled={pending} className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100">
        启用<span className="sr-only"> {username}</span>
      </button>
      <InlineFailure {...messageProps} />
    </form>
  );
}
