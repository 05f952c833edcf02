"use client";

import { useActionState } from "react";
import { setUserActiveAction } from "@/lib/admin/actions";
import { initialFormState } from "@/lib/core/form-state";

export function UserActiveToggle({ username, active }: { username: string; active: boolean }) {
  const [state, formAction, pending] = useActionState(setUserActiveAction, initialFormState);
  return (
    <form action={formAction} className="flex items-center gap-2">
      <input type="hidden" name="username" value={username} />
      <input type="hidden" name="active" value={active ? "false" : "true"} />
      <button type="submit" disabled={pending} className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100">
        {active ? "停用" : "启用"}
        <span className="sr-only"> {username}</span>
      </button>
      {state.message && !state.ok && (
        <span role="alert" className="text-xs text-red-700">
          {state.message}
        </span>
      )}
    </form>
  );
}
