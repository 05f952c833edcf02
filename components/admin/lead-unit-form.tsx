"use client";

import { setLeadUnitAction } from "@/lib/plan/actions";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import { useFormAction } from "@/components/ui/use-form-action";

interface Props {
  taskNumber: number;
  version: number;
  currentCode: string | null;
  /** 1: 省生态环境厅 reviews alone; 2: the lead unit reviews first. */
  reviewLevels: number;
  units: { code: string; shortName: string }[];
}

export function LeadUnitForm({ taskNumber, version, currentCode, reviewLevels, units }: Props) {
  const { state, pending, formProps, messageProps } = useFormAction(setLeadUnitAction);
  const errors = state.fieldErrors.unitCode;
  const levelErrors = state.fieldErrors.reviewLevels;
  return (
    <form {...formProps} className="space-y-2" aria-label="设置牵头单位">
      <input type="hidden" name="taskNumber" value={taskNumber} />
      <input type="hidden" name="version" value={version} />
      <label htmlFor="lead-unit" className="block text-sm font-medium">
        牵头单位
      </label>
      <div className="flex gap-2">
        {currentCode ? <input type="hidden" name="unitCode" value={currentCode} /> : null}
        <select
          id="lead-unit"
          name={currentCode ? undefined : "unitCode"}
          disabled={currentCode !== null}
          title={currentCode ? "更换牵头单位请使用计划调整" : undefined}
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
        <label htmlFor="review-levels" className="sr-only">
          审核层级
        </label>
        <select
          id="review-levels"
          name="reviewLevels"
          key={`levels-${reviewLevels}-${version}`}
          defaultValue={state.values.reviewLevels ?? String(reviewLevels)}
          aria-invalid={levelErrors ? true : undefined}
          aria-describedby={levelErrors ? "review-levels-error" : undefined}
          className="rounded border border-slate-300 bg-white px-2 py-1.5"
        >
          <option value="1">一级审核（省生态环境厅）</option>
          <option value="2">两级审核（牵头单位 → 省生态环境厅）</option>
        </select>
        <button type="submit" disabled={pending} className="rounded bg-brand-700 px-3 py-1.5 text-white disabled:opacity-60">
          {pending ? "保存中…" : "保存"}
        </button>
      </div>
      {currentCode && <p className="text-xs text-slate-500">牵头单位已指定；更换或取消须经计划调整（填写原因、依据文件和生效日期）。</p>}
      <FieldError id="lead-unit-error" errors={errors} />
      <FieldError id="review-levels-error" errors={levelErrors} />
      <FormMessage {...messageProps} />
    </form>
  );
}
