"use client";

import { useRef, useState } from "react";
import { saveMeasureListAction } from "@/lib/measures/actions";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import { SaveSubmitButtons } from "@/components/ui/intent-buttons";
import { useFormAction } from "@/components/ui/use-form-action";
import { MEASURE_ROLE_LABELS, MEASURE_ROLES, type MeasureRoleName } from "@/lib/measures/schemas";

export interface MilestoneValues {
  id: number | null;
  title: string;
  plannedDate: string;
  deliverable: string;
  indicator: string;
  targetValue: string;
  /** Recorded by a quarterly report; shown, not edited here. */
  statusLabel?: string;
}

export interface MeasureValues {
  id: number | null;
  text: string;
  responsible: string;
  fundsPlanned: string;
  fundsSpent: string;
  fundsSource: string;
  milestones: MilestoneValues[];
}

interface Props {
  taskNumber: number;
  year: number;
  version: number;
  role: MeasureRoleName;
  measures: MeasureValues[];
  indicators: { code: string; name: string; measureUnit: string }[];
  /** An accepted list: a change needs a reason. */
  needsReason: boolean;
}

const EMPTY_MILESTONE: MilestoneValues = { id: null, title: "", plannedDate: "", deliverable: "", indicator: "", targetValue: "" };
const EMPTY_MEASURE: MeasureValues = {
  id: null,
  text: "",
  responsible: "",
  fundsPlanned: "",
  fundsSpent: "",
  fundsSource: "",
  milestones: [EMPTY_MILESTONE],
};

/** A field group the user can remove: its React key stays with it, so what was typed in the others stays put. */
interface Group<T> {
  key: number;
  initial: T;
}

const field = "mt-1 w-full rounded border border-slate-300 bg-white px-2 py-1.5";

/**
 * The measure list as repeated field groups: measures, each with its milestones, added and removed
 * in place. Inputs are uncontrolled and never reset, so a refused save keeps everything typed; the
 * names carry the groups' order (m.0.ms.1.title), which is also how the server names a wrong field.
 */
export function MeasureListForm({ taskNumber, year, version, role, measures, indicators, needsReason }: Props) {
  const form = useFormAction(saveMeasureListAction);
  const { state, pending } = form;
  const errors = state.fieldErrors;
  const nextKey = useRef(0);
  const group = <T,>(initial: T): Group<T> => ({ key: nextKey.current++, initial });
  const [groups, setGroups] = useState(() =>
    (measures.length ? measures : [EMPTY_MEASURE]).map((measure) => ({
      ...group(measure),
      milestones: measure.milestones.map((milestone) => group(milestone)),
    })),
  );

  const changed = (next: typeof groups) => {
    setGroups(next);
    form.markDirty();
  };
  const addMeasure = () => changed([...groups, { ...group(EMPTY_MEASURE), milestones: [group(EMPTY_MILESTONE)] }]);
  const removeMeasure = (key: number) => changed(groups.filter((measure) => measure.key !== key));
  const addMilestone = (key: number) =>
    changed(
      groups.map((measure) =>
        measure.key === key ? { ...measure, milestones: [...measure.milestones, group(EMPTY_MILESTONE)] } : measure,
      ),
    );
  const removeMilestone = (key: number, milestoneKey: number) =>
    changed(
      groups.map((measure) =>
        measure.key === key
          ? { ...measure, milestones: measure.milestones.filter((milestone) => milestone.key !== milestoneKey) }
          : measure,
      ),
    );

  const errorId = (name: string) => `${name.replaceAll(".", "-")}-error`;
  const input = (
    name: string,
    label: string,
    defaultValue: string,
    options: { required?: boolean; type?: string; inputMode?: "decimal" } = {},
  ) => (
    <div>
      <label htmlFor={name} className="block text-sm font-medium">
        {label} {options.required && <span className="text-red-700">*</span>}
      </label>
      <input
        id={name}
        name={name}
        type={options.type ?? "text"}
        inputMode={options.inputMode}
        defaultValue={defaultValue}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? errorId(name) : undefined}
        className={field}
      />
      <FieldError id={errorId(name)} errors={errors[name]} />
    </div>
  );

  return (
    <form {...form.formProps} aria-label="举措清单" className="space-y-5" noValidate>
      <input type="hidden" name="taskNumber" value={taskNumber} />
      <input type="hidden" name="year" value={year} />
      <input type="hidden" name="version" value={version} />

      <div className="max-w-xs">
        <label htmlFor="role" className="block font-medium">
          本单位角色 <span className="text-red-700">*</span>
        </label>
        <select
          id="role"
          name="role"
          defaultValue={role}
          aria-invalid={errors.role ? true : undefined}
          aria-describedby={errors.role ? "role-error" : undefined}
          className={field}
        >
          {MEASURE_ROLES.map((option) => (
            <option key={option} value={option}>
              {MEASURE_ROLE_LABELS[option]}
            </option>
          ))}
        </select>
        <FieldError id="role-error" errors={errors.role} />
      </div>

      {groups.map((measure, m) => {
        const base = `m.${m}`;
        return (
          <fieldset key={measure.key} className="space-y-3 rounded border border-slate-300 bg-white p-4">
            <legend className="px-1 font-semibold">举措 {m + 1}</legend>
            {measure.initial.id !== null && <input type="hidden" name={`${base}.id`} value={measure.initial.id} />}
            <div>
              <label htmlFor={`${base}.text`} className="block text-sm font-medium">
                举措内容 <span className="text-red-700">*</span>
              </label>
              <textarea
                id={`${base}.text`}
                name={`${base}.text`}
                rows={3}
                defaultValue={measure.initial.text}
                aria-invalid={errors[`${base}.text`] ? true : undefined}
                aria-describedby={errors[`${base}.text`] ? errorId(`${base}.text`) : undefined}
                className={field}
              />
              <FieldError id={errorId(`${base}.text`)} errors={errors[`${base}.text`]} />
            </div>
            <div className="grid gap-3 sm:grid-cols-4">
              {input(`${base}.responsible`, "责任人（姓名、职务）", measure.initial.responsible, { required: true })}
              {input(`${base}.fundsPlanned`, "计划资金（万元）", measure.initial.fundsPlanned, { inputMode: "decimal" })}
              {input(`${base}.fundsSpent`, "已用资金（万元）", measure.initial.fundsSpent, { inputMode: "decimal" })}
              {input(`${base}.fundsSource`, "资金来源", measure.initial.fundsSource)}
            </div>
            <FieldError id={errorId(`${base}.ms`)} errors={errors[`${base}.ms`]} />
            {measure.milestones.map((milestone, n) => {
              const name = `${base}.ms.${n}`;
              return (
                <fieldset key={milestone.key} className="space-y-2 rounded border border-slate-200 bg-slate-50 p-3">
                  <legend className="px-1 text-sm font-medium">
                    节点 {n + 1}
                    {milestone.initial.statusLabel && <span className="ml-2 text-slate-600">（{milestone.initial.statusLabel}）</span>}
                  </legend>
                  {milestone.initial.id !== null && <input type="hidden" name={`${name}.id`} value={milestone.initial.id} />}
                  <div className="grid gap-3 sm:grid-cols-[2fr_1fr]">
                    {input(`${name}.title`, "节点名称", milestone.initial.title, { required: true })}
                    {input(`${name}.plannedDate`, "计划完成日期", milestone.initial.plannedDate, { required: true, type: "date" })}
                  </div>
                  {input(`${name}.deliverable`, "完成标志（可核查的成果，如印发文件、验收报告）", milestone.initial.deliverable, {
                    required: true,
                  })}
                  {indicators.length > 0 && (
                    <div className="grid gap-3 sm:grid-cols-2">
                      <div>
                        <label htmlFor={`${name}.indicator`} className="block text-sm font-medium">
                          相关指标（可选）
                        </label>
                        <select
                          id={`${name}.indicator`}
                          name={`${name}.indicator`}
                          defaultValue={milestone.initial.indicator}
                          aria-invalid={errors[`${name}.indicator`] ? true : undefined}
                          aria-describedby={errors[`${name}.indicator`] ? errorId(`${name}.indicator`) : undefined}
                          className={field}
                        >
                          <option value="">不关联指标</option>
                          {indicators.map((indicator) => (
                            <option key={indicator.code} value={indicator.code}>
                              {indicator.name}（{indicator.measureUnit}）
                            </option>
                          ))}
                        </select>
                        <FieldError id={errorId(`${name}.indicator`)} errors={errors[`${name}.indicator`]} />
                      </div>
                      {input(`${name}.targetValue`, "目标值（可选）", milestone.initial.targetValue, { inputMode: "decimal" })}
                    </div>
                  )}
                  {measure.milestones.length > 1 && (
                    <button
                      type="button"
                      onClick={() => removeMilestone(measure.key, milestone.key)}
                      className="text-sm text-red-800 underline"
                    >
                      删除节点 {n + 1}
                    </button>
                  )}
                </fieldset>
              );
            })}
            <div className="flex flex-wrap gap-3">
              <button
                type="button"
                onClick={() => addMilestone(measure.key)}
                className="rounded border border-slate-400 px-3 py-1 text-sm hover:bg-slate-100"
              >
                添加节点
              </button>
              {groups.length > 1 && (
                <button type="button" onClick={() => removeMeasure(measure.key)} className="text-sm text-red-800 underline">
                  删除举措 {m + 1}
                </button>
              )}
            </div>
          </fieldset>
        );
      })}
      <FieldError id="measures-error" errors={errors.measures} />
      <button type="button" onClick={addMeasure} className="rounded border border-slate-400 px-3 py-1.5 text-sm hover:bg-slate-100">
        添加举措
      </button>

      {needsReason && (
        <div>
          <label htmlFor="reason" className="block font-medium">
            修改原因（清单已通过审核，修改将形成新版本并记入修改历史） <span className="text-red-700">*</span>
          </label>
          <textarea
            id="reason"
            name="reason"
            rows={2}
            aria-invalid={errors.reason ? true : undefined}
            aria-describedby={errors.reason ? "reason-error" : undefined}
            className={field}
          />
          <FieldError id="reason-error" errors={errors.reason} />
        </div>
      )}

      <FormMessage {...form.messageProps} />
      <SaveSubmitButtons pending={pending} />
    </form>
  );
}
