"use client";

import { decideConflictAction } from "@/lib/review/actions";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import { useFormAction } from "@/components/ui/use-form-action";

/** The reviewer's choice between the standing value and an accepted report's different one. */
export function ConflictDecisionForm({ conflictId, label }: { conflictId: number; label: string }) {
  const { state, pending, formProps, messageProps } = useFormAction(decideConflictAction);
  const id = `conflict-${conflictId}-reason`;
  const errors = state.fieldErrors.reason;
  return (
    <form {...formProps} aria-label={`处理数值冲突：${label}`} className="space-y-2">
      <input type="hidden" name="conflictId" value={conflictId} />
      <label htmlFor={id} className="block text-sm">
        处理说明（可选）
      </label>
      <input
        id={id}
        name="reason"
        defaultValue={state.values.reason ?? ""}
        aria-invalid={errors ? true : undefined}
        aria-describedby={errors ? `${id}-error` : undefined}
        className="w-full rounded border border-slate-300 px-2 py-1"
      />
      <FieldError id={`${id}-error`} errors={errors} />
      <FormMessage {...messageProps} />
      <div className="flex flex-wrap gap-2">
        <button
          type="submit"
          name="decision"
          value="keep"
          disabled={pending}
          className="rounded border border-slate-400 px-3 py-1.5 disabled:opacity-60"
        >
          保留现行数值
        </button>
        <button
          type="submit"
          name="decision"
          value="replace"
          disabled={pending}
          className="rounded bg-brand-700 px-3 py-1.5 text-white disabled:opacity-60"
        >
          采用报告数值
        </button>
      </div>
    </form>
  );
}
