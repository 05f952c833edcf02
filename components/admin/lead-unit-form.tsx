"use client";

import { setLeadUnitAction } from "@/lib/plan/actions";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import { useFormAction } from "@/components/ui/use-form-action";

interface Props {
  taskNumber: number;
  version: number;
  currentCode: string | null;
  units: { code: string; shortName: string }[];
}

export function LeadUnitForm({ taskNumber, version, currentCode, units }: Props) {
  const { state, pending, formProps, messageProps } = useFormAction(setLeadUnitAction);
  const errors = state.fieldErrors.unitCode;
  return (
    <form {...formProps} className="space-y-2" aria-label="设置牵头单位">
      <input type="hidden" name="taskNumber" value={taskNumber} />
      <input type="hidden" name="version" value={version} />
      <label htmlFor="lead-unit" className="block text-sm font-medium">
        牵头单位
      </label>
      <div className="flex gap-2">
        <select
          id="lead-unit"
          name="unitCode"
          key={`${currentCode}-${version}`}
          defaultValue={state.values.unitCode ?? currentCode ?? ""}
          aria-invalid={errors ? true : undefined}
          aria-describedby={errors ? "lead-unit-error" : undefined}
          className="rounded border border-slate-300 bg-white px-2 py-1.5"
        >
          <option value="">（未指定）</option>
          {units.map((unit) => (
            <option key={unit.code} value={unit.code}>
              {unit.shortName}
            </option>
          ))}
        </select>
        <button type="submit" disabled={pending} className="rounded bg-brand-700 px-3 py-1.5 text-white disabled:opacity-60">
          {pending ? "保存中…" : "保存"}
        </button>
      </div>
      <FieldError id="lead-unit-error" errors={errors} />
      <FormMessage {...messageProps} />
    </form>
  );
}
