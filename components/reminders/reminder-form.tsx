"use client";

import { reminderAction } from "@/lib/reminders/actions";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import { useFormAction } from "@/components/ui/use-form-action";

/** Wraps the matrix: tick units, pick 催办 or 通报 and the quarter, write the message. */
export function ReminderForm({
  children,
  quarters,
  defaultQuarter,
}: {
  children: React.ReactNode;
  quarters: string[];
  defaultQuarter: string;
}) {
  const { state, pending, formProps, messageProps } = useFormAction(reminderAction, { resetOnSuccess: true });
  const errors = state.fieldErrors;
  return (
    <form {...formProps} aria-label="催办" className="space-y-3">
      {children}
      <div className="no-print grid gap-3 rounded border border-slate-200 bg-white p-4 sm:grid-cols-[auto_auto_1fr]">
        <label className="text-sm">
          季度
          <select
            name="quarter"
            defaultValue={state.values.quarter ?? defaultQuarter}
            className="mt-1 block rounded border border-slate-300 px-2 py-1.5"
          >
            {quarters.map((quarter) => (
              <option key={quarter}>{quarter}</option>
            ))}
          </select>
        </label>
        <fieldset className="text-sm">
          <legend>方式</legend>
          <label className="mr-3">
            <input type="radio" name="level" value="REMIND" defaultChecked={(state.values.level ?? "REMIND") === "REMIND"} /> 催办
          </label>
          <label>
            <input type="radio" name="level" value="CIRCULATE" defaultChecked={state.values.level === "CIRCULATE"} /> 通报
          </label>
        </fieldset>
        <div>
          <label htmlFor="reminder-message" className="block text-sm">
            内容
          </label>
          <textarea
            id="reminder-message"
            name="message"
            rows={2}
            defaultValue={state.values.message ?? "请于报送截止前提交本季度重点任务进展报告。"}
            aria-invalid={errors.message ? true : undefined}
            aria-describedby={errors.message ? "reminder-message-error" : undefined}
            className="w-full rounded border border-slate-300 px-2 py-1.5"
          />
          <FieldError id="reminder-message-error" errors={errors.message} />
        </div>
        <div className="sm:col-span-3">
          <FieldError id="units-error" errors={errors.units} />
          <FormMessage {...messageProps} />
          <button type="submit" disabled={pending} className="mt-2 rounded bg-red-800 px-4 py-2 text-white disabled:opacity-60">
            向所选单位发出
          </button>
        </div>
      </div>
    </form>
  );
}
