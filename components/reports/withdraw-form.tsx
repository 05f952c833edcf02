"use client";

import type { FormEvent } from "react";
import { withdrawReportAction } from "@/lib/reports/actions";
import { FormMessage } from "@/components/ui/field-error";
import { useFormAction } from "@/components/ui/use-form-action";

export const WITHDRAW_QUESTION = "确定撤回这份报告吗？撤回后报告回到草稿状态，审核人将看不到它；修改后需重新提交审核。";

/** 撤回: take a submitted report back before the reviewer acts on it, after a confirmation. */
export function WithdrawForm({ reportId, version }: { reportId: number; version: number }) {
  const form = useFormAction(withdrawReportAction, { guardUnsaved: false });
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    if (!window.confirm(WITHDRAW_QUESTION)) {
      event.preventDefault();
      return;
    }
    form.formProps.onSubmit(event);
  }
  return (
    <form {...form.formProps} onSubmit={onSubmit} aria-label="撤回报告" className="no-print space-y-2">
      <input type="hidden" name="reportId" value={reportId} />
      <input type="hidden" name="version" value={version} />
      <p className="flex flex-wrap items-center gap-3 text-sm text-slate-700">
        <button
          type="submit"
          disabled={form.pending}
          className="min-h-11 rounded border border-red-700 px-3 py-1.5 text-red-800 hover:bg-red-50 disabled:opacity-60 sm:min-h-0"
        >
          {form.pending ? "正在撤回…" : "撤回"}
        </button>
        审核人处理前可撤回，撤回后报告回到草稿状态，可修改后重新提交。
      </p>
      <FormMessage {...form.messageProps} />
    </form>
  );
}
