"use client";

import { submitObservationAction } from "@/lib/indicators/actions";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import { useFormAction } from "@/components/ui/use-form-action";

interface Props {
  indicatorCode: string;
  measureUnit: string;
  areas: { code: string; name: string }[];
}

/** The owning unit enters a value for the province or a city; the reviewer accepts it. */
export function ObservationForm({ indicatorCode, measureUnit, areas }: Props) {
  const { state, pending, formProps, messageProps } = useFormAction(submitObservationAction, { resetOnSuccess: true });
  const errors = state.fieldErrors;
  const input = "mt-1 block w-full rounded border border-slate-300 px-2 py-1.5";
  const field = (name: string, label: string, placeholder?: string) => (
    <div>
      <label htmlFor={`obs-${name}`} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={`obs-${name}`}
        name={name}
        placeholder={placeholder}
        defaultValue={state.values[name] ?? ""}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `obs-${name}-error` : undefined}
        className={input}
      />
      <FieldError id={`obs-${name}-error`} errors={errors[name]} />
    </div>
  );
  return (
    <form {...formProps} aria-label="填报指标数值" className="space-y-3" noValidate>
      <input type="hidden" name="indicatorCode" value={indicatorCode} />
      <div className="grid gap-3 sm:grid-cols-4">
        <div>
          <label htmlFor="obs-area" className="block text-sm font-medium">
            地区
          </label>
          <select id="obs-area" name="area" defaultValue={state.values.area ?? "province"} className={input}>
            {areas.map((area) => (
              <option key={area.code} value={area.code}>
                {area.name}
              </option>
            ))}
          </select>
        </div>
        {field("period", "期间", "2026 或 2026Q3")}
        {field("value", `数值（${measureUnit}）`)}
        {field("source", "数据来源", "如：2026年江西省生态环境状况公报")}
      </div>
      {field("note", "说明（可选）")}
      <FormMessage {...messageProps} />
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-4 py-2 text-white disabled:opacity-60">
        提交审核
      </button>
    </form>
  );
}
