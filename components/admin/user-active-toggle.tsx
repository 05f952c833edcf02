"use client";

import { setUserActiveAction } from "@/lib/admin/actions";
import { useFormAction } from "@/components/ui/use-form-action";
import { InlineFailure } from "@/components/ui/field-error";

export function UserActiveToggle({ username, active }: { username: string; active: boolean }) {
  const { pending, formProps, messageProps } = useFormAction(setUserActiveAction, { guardUnsaved: false });
  return (
    <form {...formProps} className="flex items-center gap-2">
      <input type="hidden" name="username" value={username} />
      <input type="hidden" name="active" value={active ? "false" : "true"} />
      <button type="submit" disabled={pending} className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100">
        {active ? "停用" : "启用"}
        <span className="sr-only"> {username}</span>
      </button>
      <InlineFailure {...messageProps} />
    </form>
  );
}
