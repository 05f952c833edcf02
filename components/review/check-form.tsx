"use client";

import { recordMilestoneCheckAction, recordTaskUnitCheckAction } from "@/lib/verification/actions";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import { useFormAction } from "@/components/ui/use-form-action";

const METHODS = [
  ["DOCUMENTS", "资料核查"],
  ["ON_SITE", "现场核查"],
  ["UNANNOUNCED", "明察暗访"],
] as const;

/** What is checked: a task as one unit carries it, or a milestone marked done. */
export type CheckTarget = { taskNumber: number; unitCode: string } | { milestoneId: number };

/** 销号核查 of one claimed completion: date, method, finding, passed or not, an optional document. */
export function CheckForm({ target, label, today }: { target: CheckTarget; label: string; today: string }) {
  const milestone = "milestoneId" in target;
  const { state, pending, formProps, messageProps } = useFormAction(milestone ? recordMilestoneCheckAction : recordTaskUnitCheckAction);
  const id = "milestoneId" in target ? `check-milestone-${target.milestoneId}` : `check-${target.taskNumber}-${target.unitCode}`;
  const error = (field: string) => state.fieldErrors[field];
  const described = (field: string) => (error(field) ? { "aria-invalid": true as const, "aria-describedby": `${id}-${field}-error` } : {});
  return (
    <form {...formProps} aria-label={`核查 ${label}`} className="grid gap-2 sm:grid-cols-2">
      {"milestoneId" in target ? (
        <input type="hidden" name="milestoneId" value={target.milestoneId} />
      ) : (
        <>
          <input type="hidden" name="taskNumber" value={target.taskNumber} />
          <input type="hidden" name="unitCode" value={target.unitCode} />
        </>
      )}
      <label className="text-sm">
        核查日期
        <input
          type="date"
          name="checkedOn"
          defaultValue={state.values.checkedOn ?? today}
          className="mt-1 block rounded border border-slate-300 px-2 py-1"
          {...described("checkedOn")}
        />
        <FieldError id={`${id}-checkedOn-error`} errors={error("checkedOn")} />
      </label>
      <label className="text-sm">
        核查方式
        <select
          name="method"
          defaultValue={state.values.method ?? "DOCUMENTS"}
          className="mt-1 block rounded border border-slate-300 bg-white px-2 py-1"
          {...described("method")}
        >
          {METHODS.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm sm:col-span-2">
        核查发现
        <textarea
          name="finding"
          rows={2}
          defaultValue={state.values.finding ?? ""}
          className="mt-1 block w-full rounded border border-slate-300 px-2 py-1"
          {...described("finding")}
        />
        <FieldError id={`${id}-finding-error`} errors={error("finding")} />
      </label>
      <label className="text-sm">
        核查材料（可选，PDF/Word/Excel）
        <input type="file" name="file" accept=".pdf,.docx,.xlsx" className="mt-1 block text-sm" {...described("file")} />
        <FieldError id={`${id}-file-error`} errors={error("file")} />
      </label>
      <fieldset className="text-sm">
        <legend>核查结论</legend>
        <FieldError id={`${id}-passed-error`} errors={error("passed")} />
        <div className="mt-1 flex gap-2">
          <button
            type="submit"
            name="passed"
            value="yes"
            disabled={pending}
            className="rounded bg-brand-700 px-3 py-1.5 text-white disabled:opacity-60"
          >
            核查通过
          </button>
          <button
            type="submit"
            name="passed"
            value="no"
            disabled={pending}
            className="rounded border border-red-700 px-3 py-1.5 text-red-800 disabled:opacity-60"
          >
            核查未通过
          </button>
        </div>
      </fieldset>
      <div className="sm:col-span-2">
        <FormMessage {...messageProps} />
      </div>
    </form>
  );
}
