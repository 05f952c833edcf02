"use client";

import { escalateAction } from "@/lib/escalation/actions";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import { invalidProps } from "@/components/ui/form-field";
import { useFormAction } from "@/components/ui/use-form-action";

interface Option {
  value: string;
  label: string;
}

const FIELD = "mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1.5";

interface Props {
  /** The levels offered (above the open step on a step's page; all five for a new ladder). */
  steps: Option[];
  /** A new ladder: the units and quarters to choose from. */
  units?: Option[];
  quarters?: Option[];
  /** On a step's page: the subject and the open step the form was loaded with, sent as they are. */
  fixed?: { unit: string; task?: number; quarter?: string; previousId: number; previousVersion: number };
  defaults: { unit?: string; task?: number; quarter?: string; step?: string; reason?: string; requiredAction?: string; deadline: string };
}

/**
 * 发出督办: the level, the reason (督办事由), the required action (整改要求) and its deadline, for a
 * subject chosen here (unit, task and/or quarter) or fixed by the step it follows.
 */
export function EscalateForm({ steps, units, quarters, fixed, defaults }: Props) {
  const { state, pending, formProps, messageProps } = useFormAction(escalateAction);
  const value = (name: keyof Props["defaults"]) => state.values[name] ?? (defaults[name] === undefined ? "" : String(defaults[name]));
  const errors = state.fieldErrors;
  const chosenStep = state.values.step ?? defaults.step ?? steps[0]?.value;
  return (
    <form {...formProps} aria-label={fixed ? "升级督办" : "发出督办"} className="space-y-3">
      {fixed ? (
        <>
          <input type="hidden" name="unit" value={fixed.unit} />
          <input type="hidden" name="task" value={fixed.task ?? ""} />
          <input type="hidden" name="quarter" value={fixed.quarter ?? ""} />
          <input type="hidden" name="previousId" value={fixed.previousId} />
          <input type="hidden" name="previousVersion" value={fixed.previousVersion} />
        </>
      ) : (
        <div className="grid gap-3 sm:grid-cols-3">
          <div>
            <label htmlFor="escalate-unit" className="block text-sm font-medium">
              督办对象
            </label>
            <select
              id="escalate-unit"
              name="unit"
              defaultValue={value("unit")}
              className={FIELD}
              {...invalidProps(state, "unit", "escalate-unit")}
            >
              <option value="">请选择</option>
              {units?.map((unit) => (
                <option key={unit.value} value={unit.value}>
                  {unit.label}
                </option>
              ))}
            </select>
            <FieldError id="escalate-unit-error" errors={errors.unit} />
          </div>
          <div>
            <label htmlFor="escalate-task" className="block text-sm font-medium">
              任务编号（可选）
            </label>
            <input
              id="escalate-task"
              name="task"
              inputMode="numeric"
              defaultValue={value("task")}
              className={FIELD}
              {...invalidProps(state, "task", "escalate-task")}
            />
            <FieldError id="escalate-task-error" errors={errors.task} />
          </div>
          <div>
            <label htmlFor="escalate-quarter" className="block text-sm font-medium">
              季度（可选）
            </label>
            <select
              id="escalate-quarter"
              name="quarter"
              defaultValue={value("quarter")}
              className={FIELD}
              {...invalidProps(state, "quarter", "escalate-quarter")}
            >
              <option value="">不限季度</option>
              {quarters?.map((quarter) => (
                <option key={quarter.value} value={quarter.value}>
                  {quarter.label}
                </option>
              ))}
            </select>
            <FieldError id="escalate-quarter-error" errors={errors.quarter} />
          </div>
        </div>
      )}
      <fieldset aria-describedby={errors.step ? "escalate-step-error" : undefined}>
        <legend className="text-sm font-medium">督办方式</legend>
        <div className="mt-1 flex flex-wrap gap-4">
          {steps.map((step) => (
            <label key={step.value} className="text-sm">
              <input type="radio" name="step" value={step.value} defaultChecked={chosenStep === step.value} /> {step.label}
            </label>
          ))}
        </div>
        <FieldError id="escalate-step-error" errors={errors.step} />
      </fieldset>
      <div>
        <label htmlFor="escalate-reason" className="block text-sm font-medium">
          督办事由
        </label>
        <textarea
          id="escalate-reason"
          name="reason"
          rows={3}
          defaultValue={value("reason")}
          className={FIELD}
          {...invalidProps(state, "reason", "escalate-reason")}
        />
        <FieldError id="escalate-reason-error" errors={errors.reason} />
      </div>
      <div>
        <label htmlFor="escalate-action" className="block text-sm font-medium">
          整改要求
        </label>
        <textarea
          id="escalate-action"
          name="requiredAction"
          rows={3}
          defaultValue={value("requiredAction")}
          className={FIELD}
          {...invalidProps(state, "requiredAction", "escalate-action")}
        />
        <FieldError id="escalate-action-error" errors={errors.requiredAction} />
      </div>
      <div className="max-w-xs">
        <label htmlFor="escalate-deadline" className="block text-sm font-medium">
          整改期限
        </label>
        <input
          id="escalate-deadline"
          type="date"
          name="deadline"
          defaultValue={value("deadline")}
          className={FIELD}
          {...invalidProps(state, "deadline", "escalate-deadline")}
        />
        <FieldError id="escalate-deadline-error" errors={errors.deadline} />
      </div>
      <FormMessage {...messageProps} />
      <button type="submit" disabled={pending} className="rounded bg-red-800 px-4 py-2 text-white disabled:opacity-60">
        {pending ? "发出中…" : fixed ? "升级并通知该单位" : "发出并通知该单位"}
      </button>
    </form>
  );
}
