"use client";

import { freezeEvaluationAction } from "@/lib/evaluation/actions";
import { FormMessage } from "@/components/ui/field-error";
import { FormField, invalidProps } from "@/components/ui/form-field";
import { useFormAction } from "@/components/ui/use-form-action";

/** 省生态环境厅 freezes a year's progress evaluation as of a day; once frozen it cannot be frozen again. */
export function FreezeEvaluationForm({ years, defaultYear, defaultAsOf }: { years: number[]; defaultYear: number; defaultAsOf: string }) {
  const { state, pending, formProps, messageProps } = useFormAction(freezeEvaluationAction, { guardUnsaved: false });
  return (
    <form
      {...formProps}
      aria-label="冻结年度进展评估"
      className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-4"
    >
      <FormField id="evaluation-year" label="评估年度" state={state} name="year">
        <select
          id="evaluation-year"
          name="year"
          defaultValue={state.values.year ?? String(defaultYear)}
          className="mt-1 rounded border border-slate-300 px-2 py-1.5"
          {...invalidProps(state, "year", "evaluation-year")}
        >
          {years.map((year) => (
            <option key={year} value={year}>
              {year}年
            </option>
          ))}
        </select>
      </FormField>
      <FormField id="evaluation-as-of" label="评估日期（截至）" state={state} name="asOf">
        <input
          id="evaluation-as-of"
          name="asOf"
          type="date"
          defaultValue={state.values.asOf ?? defaultAsOf}
          className="mt-1 rounded border border-slate-300 px-2 py-1.5"
          {...invalidProps(state, "asOf", "evaluation-as-of")}
        />
      </FormField>
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
