"use client";

import { useActionState } from "react";
import { reviewAction } from "@/lib/actions/progress";
import { initialFormState } from "@/lib/actions/form-state";
import { FieldError, FormMessage } from "@/components/ui/field-error";

/** Wraps the queue: tick several reports, then accept them or return them with one comment. */
export function BatchReviewForm({ children, empty }: { children: React.ReactNode; empty: boolean }) {
  const [state, formAction, pending] = useActionState(reviewAction, initialFormState);
  return (
    <form action={formAction} aria-label="批量审核" className="space-y-3">
      {children}
      <FormMessage ok={state.ok} message={state.message} />
      {!empty && (
        <div className="no-print space-y-2 rounded border border-slate-200 bg-white p-4">
          <FieldError id="reports-error" errors={state.fieldErrors.reports} />
          <label htmlFor="batch-comment" className="block font-medium">
            审核意见（退回时必填，对所选报告都适用）
          </label>
          <textarea
            id="batch-comment"
            name="comment"
            rows={2}
            defaultValue={state.values.comment ?? ""}
            aria-invalid={state.fieldErrors.comment ? true : undefined}
            aria-describedby={state.fieldErrors.comment ? "batch-comment-error" : undefined}
            className="w-full rounded border border-slate-300 px-2 py-1.5"
          />
          <FieldError id="batch-comment-error" errors={state.fieldErrors.comment} />
          <div className="flex gap-3">
            <button type="submit" name="decision" value="accept" disabled={pending} className="rounded bg-brand-700 px-4 py-2 text-white disabled:opacity-60">
              所选报告审核通过
            </button>
            <button type="submit" name="decision" value="return" disabled={pending} className="rounded border border-red-700 px-4 py-2 text-red-800 disabled:opacity-60">
              所选报告退回
            </button>
          </div>
        </div>
      )}
    </form>
  );
}
