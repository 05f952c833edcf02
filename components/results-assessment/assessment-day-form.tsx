"use client";

import { recomputeAutoItemsAction, startAssessmentAction } from "@/lib/results-assessment/actions";
import { FormMessage } from "@/components/ui/field-error";
import { FormField, invalidProps } from "@/components/ui/form-field";
import { useFormAction } from "@/components/ui/use-form-action";

/** Start the year's scoring (locks the scheme), or recompute the automatic items, as of a day. */
export function AssessmentDayForm({ year, mode, defaultAsOf }: { year: number; mode: "start" | "recompute"; defaultAsOf: string }) {
  const { state, pending, formProps, messageProps } = useFormAction(mode === "start" ? startAssessmentAction : recomputeAutoItemsAction, {
    guardUnsaved: false,
  });
  const id = `assessment-${mode}-as-of`;
  return (
    <form
      {...formProps}
      aria-label={mode === "start" ? "启动考核评分" : "重新计算自动项目"}
      className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-4"
    >
      <input type="hidden" name="year" value={year} />
      <FormField id={id} label="自动项目计算日期（截至）" state={state} name="asOf">
        <input
          id={id}
          name="asOf"
          type="date"
          defaultValue={state.values.asOf ?? defaultAsOf}
          className="mt-1 rounded border border-slate-300 px-2 py-1.5"
          {...invalidProps(state, "asOf", id)}
        />
      </FormField>
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-4 py-2 text-white disabled:opacity-60">
        {mode === "start" ? "启动评分（锁定方案）" : "重新计算自动项目"}
      </button>
      <p className="w-full text-sm text-slate-600">
        {mode === "start"
          ? "启动后方案锁定（再修改将形成新版本），各单位的自动项目按所选日期的系统数据计算，并作为自评的预填分数。"
          : "只重新计算尚未确认的单位；单位自评分与原计算一致的随之更新。"}
      </p>
      <div className="w-full">
        <FormMessage {...messageProps} />
      </div>
    </form>
  );
}
