"use client";

import { reviewAction } from "@/lib/review/actions";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import { useFormAction } from "@/components/ui/use-form-action";

/** Accept or return one report; returning needs a comment. */
export function ReviewForm({ reportId, version }: { reportId: number; version: number }) {
  const { state, pending, formProps, messageProps } = useFormAction(reviewAction);
  const errors = state.fieldErrors.comment;
  return (
    <form {...formProps} aria-label="审核" className="space-y-2">
      <input type="hidden" name="reports" value={`${reportId}:${version}`} />
      <input type="hidden" name="returnTo" value={`/reports/${reportId}`} />
      <label htmlFor="review-comment" className="block font-medium">
        审核意见（退回时必填）
      </label>
      <textarea
        id="review-comment"
        name="comment"
        rows={3}
        defaultValue={state.values.comment ?? ""}
        aria-invalid={errors ? true : undefined}
        aria-describedby={errors ? "review-comment-error" : undefined}
        className="w-full rounded border border-slate-300 px-2 py-1.5"
      />
      <FieldError id="review-comment-error" errors={errors} />
      <FormMessage {...messageProps} />
      <div className="flex gap-3">
        <button
          type="submit"
          name="decision"
          value="accept"
          disabled={pending}
          className="rounded bg-brand-700 px-4 py-2 text-white disabled:opacity-60"
        >
          审核通过
        </button>
        <button
          type="submit"
          name="decision"
          value="return"
          disabled={pending}
          className="rounded border border-red-700 px-4 py-2 text-red-800 disabled:opacity-60"
        >
          退回修改
        </button>
      </div>
    </form>
  );
}
