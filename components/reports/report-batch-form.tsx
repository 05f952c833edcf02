"use client";

import { useState, type FormEvent } from "react";
import { reportBatchAction } from "@/lib/reports/actions";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import { IntentButtons } from "@/components/ui/intent-buttons";
import { useFormAction } from "@/components/ui/use-form-action";
import { useRequestKey } from "./use-request-key";

/**
 * Wraps 我的待办's list: tick reports (checkboxes named `reports`), then submit them all, or carry
 * the last accepted report's text forward into them and submit — all or none. The ticks stay as
 * they were after a refusal, so the user can untick the one named and send again.
 */
export function ReportBatchForm({ children, empty }: { children: React.ReactNode; empty: boolean }) {
  const form = useFormAction(reportBatchAction, { guardUnsaved: false });
  const { state, pending } = form;
  const { ref: requestIdRef, stamp: stampRequest } = useRequestKey();
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    if (pending) {
      event.preventDefault();
      return;
    }
    stampRequest(event, state.ok);
    form.formProps.onSubmit(event);
  }
  return (
    <form {...form.formProps} onSubmit={onSubmit} aria-label="批量处理" className="space-y-3">
      <input type="hidden" name="requestId" ref={requestIdRef} />
      {children}
      <FormMessage {...form.messageProps} />
      {!empty && (
        <div className="no-print space-y-2 rounded border border-slate-200 bg-white p-4">
          <FieldError id="reports-error" errors={state.fieldErrors.reports} />
          <IntentButtons
            name="intent"
            pending={pending}
            buttons={[
              { value: "submit", label: pending ? "处理中…" : "提交所选报告", tone: "primary" },
              { value: "carry", label: "所选报告本季度无新进展，沿用上季度并提交", tone: "caution" },
            ]}
          />
          <p className="text-sm text-slate-600">
            全部通过检查才会提交，任何一份不能提交时都不提交。“沿用上季度”以本单位该任务最近一份审核通过报告的进展状态、完成百分比、工作进展、存在问题和下步计划作为本季度报告（指标数值不沿用），提交后仍需审核。
          </p>
        </div>
      )}
    </form>
  );
}

/**
 * The report form's 沿用上季度 button: asks first (it replaces what the draft says), then carries
 * the accepted report forward and submits it, opening the submitted report.
 */
export function CarryForwardForm({ reference, source }: { reference: string; source: string }) {
  const form = useFormAction(reportBatchAction, { guardUnsaved: false });
  const { state, pending } = form;
  const { ref: requestIdRef, stamp: stampRequest } = useRequestKey();
  const [asking, setAsking] = useState(false);
  return (
    <form
      {...form.formProps}
      onSubmit={(event) => {
        stampRequest(event, state.ok);
        form.formProps.onSubmit(event);
      }}
      aria-label="沿用上季度"
      className="no-print space-y-2 rounded border border-amber-200 bg-amber-50 p-3"
    >
      <input type="hidden" name="requestId" ref={requestIdRef} />
      <input type="hidden" name="reports" value={reference} />
      <input type="hidden" name="intent" value="carry" />
      <input type="hidden" name="open" value="report" />
      {asking ? (
        <div className="space-y-2">
          <p className="text-sm text-amber-950">
            将以{source}
            的进展状态、完成百分比、工作进展、存在问题和下步计划作为本季度报告并提交审核，页面上未保存的内容不会保留；指标数值不沿用。
          </p>
          <div className="flex flex-wrap gap-3">
            <button
              type="submit"
              disabled={pending}
              className="min-h-11 rounded bg-amber-700 px-3 py-1.5 text-sm text-white disabled:opacity-60 sm:min-h-0"
            >
              {pending ? "处理中…" : "确认沿用并提交"}
            </button>
            <button
              type="button"
              onClick={() => setAsking(false)}
              className="min-h-11 rounded border border-slate-400 px-3 py-1.5 text-sm sm:min-h-0"
            >
              取消
            </button>
          </div>
        </div>
      ) : (
        <button
          type="button"
          onClick={() => setAsking(true)}
          className="min-h-11 rounded border border-amber-700 px-3 py-1.5 text-sm text-amber-900 hover:bg-amber-100 sm:min-h-0"
        >
          本季度无新进展，沿用上季度
        </button>
      )}
      <FormMessage {...form.messageProps} />
    </form>
  );
}
