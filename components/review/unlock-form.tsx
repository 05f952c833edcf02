"use client";

import { unlockReportAction } from "@/lib/review/actions";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import { useFormAction } from "@/components/ui/use-form-action";

/** Unlock an accepted report with a reason; the unit reads it as a return comment and resubmits. */
export function UnlockForm({ reportId, version }: { reportId: number; version: number }) {
  const { state, pending, formProps, messageProps } = useFormAction(unlockReportAction);
  const errors = state.fieldErrors.reason;
  return (
    <form {...formProps} aria-label="解锁" className="space-y-2">
      <input type="hidden" name="report" value={`${reportId}:${version}`} />
      <p className="text-sm text-slate-700">
        已通过的报告已锁定。解锁后报告退回单位修改；已发布的指标数值保持不变，重新审核通过后再次发布。
      </p>
      <label htmlFor="unlock-reason" className="block font-medium">
        解锁原因（必填）
      </label>
      <textarea
        id="unlock-reason"
        name="reason"
        rows={2}
        defaultValue={state.values.reason ?? ""}
        aria-invalid={errors ? true : undefined}
        aria-describedby={errors ? "unlock-reason-error" : undefined}
        className="w-full rounded border border-slate-300 px-2 py-1.5"
      />
      <FieldError id="unlock-reason-error" errors={errors} />
      <FormMessage {...messageProps} />
      <button
        type="submit"
        disabled={pending}
        className="min-h-11 rounded border border-red-700 px-4 py-2 text-red-800 disabled:opacity-60 sm:min-h-0"
      >
        {pending ? "解锁中…" : "解锁并退回"}
      </button>
    </form>
  );
}
