"use client";

import { unlockResultAction } from "@/lib/results-assessment/actions";
import { FormMessage } from "@/components/ui/field-error";
import { FormField, invalidProps } from "@/components/ui/form-field";
import { useFormAction } from "@/components/ui/use-form-action";

/** Unlock a confirmed result for rescoring; the reason is audited and shown on the sheet. */
export function UnlockResultForm({ year, unit, version }: { year: number; unit: string; version: number }) {
  const { state, pending, formProps, messageProps } = useFormAction(unlockResultAction);
  return (
    <form {...formProps} aria-label="解锁考核结果" className="space-y-2 rounded border border-amber-300 bg-amber-50 p-3">
      <input type="hidden" name="year" value={year} />
      <input type="hidden" name="unit" value={unit} />
      <input type="hidden" name="version" value={version} />
      <FormField id="unlock-reason" label="解锁原因" state={state} name="reason">
        <textarea
          id="unlock-reason"
          name="reason"
          rows={2}
          defaultValue={state.values.reason ?? ""}
          className="mt-1 w-full rounded border border-slate-300 px-2 py-1"
          {...invalidProps(state, "reason", "unlock-reason")}
        />
      </FormField>
      <button type="submit" disabled={pending} className="rounded border border-amber-700 px-4 py-2 text-amber-900 disabled:opacity-60">
        解锁并重新评分
      </button>
      <FormMessage {...messageProps} />
    </form>
  );
}
