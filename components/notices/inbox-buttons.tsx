"use client";

import { markAllNoticesReadAction, markNoticesReadAction } from "@/lib/notices/actions";
import { FormMessage, InlineFailure } from "@/components/ui/field-error";
import { useFormAction } from "@/components/ui/use-form-action";

/** 标为已读 beside one unread notice. */
export function MarkReadButton({ id, title }: { id: number; title: string }) {
  const { pending, formProps, messageProps } = useFormAction(markNoticesReadAction, { guardUnsaved: false });
  return (
    <form {...formProps} className="inline">
      <input type="hidden" name="ids" value={id} />
      <button
        type="submit"
        disabled={pending}
        className="text-sm text-blue-800 hover:underline disabled:opacity-60"
        aria-label={`将“${title}”标为已读`}
      >
        标为已读
      </button>
      <InlineFailure {...messageProps} />
    </form>
  );
}

export function MarkAllReadButton() {
  const { pending, formProps, messageProps } = useFormAction(markAllNoticesReadAction, { guardUnsaved: false });
  return (
    <form {...formProps} className="flex items-center gap-3">
      <button
        type="submit"
        disabled={pending}
        className="rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 disabled:opacity-60"
      >
        全部标为已读
      </button>
      <FormMessage {...messageProps} />
    </form>
  );
}
