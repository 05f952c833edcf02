"use client";

import { reviewMeasureListAction } from "@/lib/measures/actions";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import { useFormAction } from "@/components/ui/use-form-action";

/** Accept or return one submitted measure list; returning needs a comment. */
export function MeasureReviewForm({ listId, version, name }: { listId: number; version: number; name: string }) {
  const { state, pending, formProps, messageProps } = useFormAction(reviewMeasureListAction, { guardUnsaved: false });
  const errors = state.fieldErrors.comment;
  const id = `measure-review-${listId}`;
  return (
    <form {...formProps} aria-label={`审核${name}`} className="space-y-2">
      <input type="hidden" name="listId" value={listId} />
      <input type="hidden" name="version" value={version} />
      <label htmlFor={id} className="block text-sm font-medium">
        审核意见（退回时必填）
      </label>
      <textarea
        id={id}
        name="comment"
        rows={2}
        aria-invalid={errors ? true : undefined}
        aria-describedby={errors ? `${id}-error` : undefined}
        className="w-full rounded border border-slate-300 px-2 py-1.5"
      />
      <FieldError id={`${id}-error`} errors={errors} />
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
