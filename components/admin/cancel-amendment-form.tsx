"use client";

import { cancelAmendmentAction } from "@/lib/plan/actions";
import { FormMessage } from "@/components/ui/field-error";
import { useFormAction } from "@/components/ui/use-form-action";

/** 撤销 a pending (待生效) amendment before its date; the admin's page only. */
export function CancelAmendmentForm({ taskNumber, amendmentId }: { taskNumber: number; amendmentId: number }) {
  const { pending, formProps, messageProps } = useFormAction(cancelAmendmentAction);
  return (
    <form {...formProps} aria-label={`撤销调整 ${amendmentId}`} className="mt-1">
      <input type="hidden" name="taskNumber" value={taskNumber} />
      <input type="hidden" name="amendmentId" value={amendmentId} />
      <button
        type="submit"
        disabled={pending}
        className="rounded border border-slate-300 px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-50 disabled:opacity-60"
      >
        {pending ? "撤销中…" : "撤销"}
      </button>
      <FormMessage {...messageProps} />
    </form>
  );
}
