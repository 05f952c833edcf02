"use client";

import { raiseIssueAction } from "@/lib/coordination/actions";
import { TO_LEADERSHIP } from "@/lib/coordination/schemas";
import { FormMessage } from "@/components/ui/field-error";
import { FormField, invalidProps } from "@/components/ui/form-field";
import { useFormAction } from "@/components/ui/use-form-action";

interface Props {
  taskNumber: number;
  reportId: number | null;
  addressees: { code: string; shortName: string }[];
}

const inputClass = "mt-1 block min-h-11 w-full rounded border border-slate-300 bg-white px-2 py-1.5 sm:min-h-0";

/** 提出需协调事项: a problem the unit cannot solve alone, to another unit or the leadership. */
export function RaiseIssueForm({ taskNumber, reportId, addressees }: Props) {
  const { state, pending, formProps, messageProps } = useFormAction(raiseIssueAction);
  const field = (name: string) => ({
    id: `coordination-${name}`,
    name,
    defaultValue: state.values[name] ?? "",
    className: inputClass,
    ...invalidProps(state, name, `coordination-${name}`),
  });
  return (
    <form {...formProps} aria-label="提出需协调事项" className="space-y-3">
      <input type="hidden" name="taskNumber" value={taskNumber} />
      <input type="hidden" name="reportId" value={reportId ?? ""} />
      <FormField id="coordination-addressedTo" label="协调对象" state={state} name="addressedTo">
        <select {...field("addressedTo")}>
          <option value="">（请选择）</option>
          <option value={TO_LEADERSHIP}>省领导</option>
          {addressees.map((unit) => (
            <option key={unit.code} value={unit.code}>
              {unit.shortName}
            </option>
          ))}
        </select>
      </FormField>
      <FormField id="coordination-title" label="事项名称" state={state} name="title">
        <input {...field("title")} />
      </FormField>
      <FormField id="coordination-detail" label="具体问题" state={state} name="detail">
        <textarea rows={3} {...field("detail")} />
      </FormField>
      <FormField id="coordination-deadline" label="期望办结日期（可选）" state={state} name="deadline">
        <input type="date" {...field("deadline")} />
      </FormField>
      <button
        type="submit"
        disabled={pending}
        className="min-h-11 rounded bg-brand-700 px-3 py-1.5 text-white disabled:opacity-60 sm:min-h-0"
      >
        {pending ? "提交中…" : "提出需协调事项"}
      </button>
      <FormMessage {...messageProps} />
    </form>
  );
}
