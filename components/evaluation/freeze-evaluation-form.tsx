"use client";

import { freezeEvaluationAction } from "@/lib/evaluation/actions";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import { useFormAction } from "@/components/ui/use-form-action";

/** 省生态环境厅 freezes a year's progress evaluation as of a day; once frozen it cannot be frozen again. */
export function FreezeEvaluationForm({ years, defaultYear, defaultAsOf }: { years: number[]; defaultYear: number; defaultAsOf: string }) {
  const { state, pending, formProps, messageProps } = useFormAction(freezeEvaluationAction, { guardUnsaved: false });
  const yearErrors = state.fieldErrors.year;
  const asOfErrors = state.fieldErrors.asOf;
  return (
    <form
      {...formProps}
      aria-label="冻结年度进展评估"
      className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-4"
    >
      <div>
        <label htmlFor="evaluation-year" className="block text-sm font-medium">
          评估年度
        </label>
        <select
          id="evaluation-year"
          name="year"
          defaultValue={state.values.year ?? String(defaultYear)}
          className="mt-1 rounded border border-slate-300 px-2 py-1.5"
          aria-invalid={yearErrors ? true : undefined}
          aria-describedby={yearErrors ? "evaluation-year-error" : undefined}
        >
          {years.map((year) => (
            <option key={year} value={year}>
              {year}年
            </option>
          ))}
        </select>
        <FieldError id="evaluation-year-error" errors={yearErrors} />
      </div>
      <div>
        <label htmlFor="evaluation-as-of" className="block text-sm font-medium">
          评估日期（截至）
        </label>
        <input
          id="evaluation-as-of"
          name="asOf"
          type="date"
          defaultValue={state.values.asOf ?? defaultAsOf}
          className="mt-1 rounded border border-slate-300 px-2 py-1.5"
          aria-invalid={asOfErrors ? true : undefined}
          aria-describedby={asOfErrors ? "evaluation-as-of-error" : undefined}
        />
        <FieldError id="evaluation-as-of-error" errors={asOfErrors} />
      </div>
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-4 py-2 text-white disabled:opacity-60">
        冻结评估
      </button>
      <p className="w-full text-sm text-slate-600">冻结后，该年度评估的各项数字不再随数据变化，也不能再次冻结。</p>
      <div className="w-full">
        <FormMessage {...messageProps} />
      </div>
    </form>
  );
}
