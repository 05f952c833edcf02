"use client";

import { raiseIssueAction } from "@/lib/coordination/actions";
import { TO_LEADERSHIP } from "@/lib/coordination/schemas";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import { useFormAction } from "@/components/ui/use-form-action";

interface Props {
  taskNumber: number;
  reportId: number | null;
  addressees: { code: string; shortName: string }[];
}

const inputClass = "mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1.5";

/** 提出需协调事项: a problem the unit cannot solve alone, to another unit or the leadership. */
export function RaiseIssueForm({ taskNumber, reportId, addressees }: Props) {
  const { state, pending, formProps, messageProps } = useFormAction(raiseIssueAction);
  const errorOf = (name: string) => state.fieldErrors[name];
  const described = (name: string) =>
    errorOf(name) ? { "aria-invalid": true as const, "aria-describedby": `coordination-${name}-error` } : {};
  return (
    <form {...formProps} aria-label="提出需协调事项" className="space-y-3">
      <input type="hidden" name="taskNumber" value={taskNumber} />
      <input type="hidden" name="reportId" value={reportId ?? ""} />
      <div>
        <label htmlFor="coordination-addressedTo" className="block text-sm font-medium">
          协调对象
        </label>
        <select
          id="coordination-addressedTo"
          name="addressedTo"
          defaultValue={state.values.addressedTo ?? ""}
          className={inputClass}
          {...described("addressedTo")}
        >
          <option value="">（请选择）</option>
          <option value={TO_LEADERSHIP}>省领导</option>
          {addressees.map((unit) => (
            <option key={unit.code} value={unit.code}>
              {unit.shortName}
            </option>
          ))}
        </select>
        <FieldError id="coordination-addressedTo-error" errors={errorOf("addressedTo")} />
      </div>
      <div>
        <label htmlFor="coordination-title" className="block text-sm font-medium">
          事项名称
        </label>
        <input
          id="coordination-title"
          name="title"
          defaultValue={state.values.title ?? ""}
          className={inputClass}
          {...described("title")}
        />
        <FieldError id="coordination-title-error" errors={errorOf("title")} />
      </div>
      <div>
        <label htmlFor="coordination-detail" className="block text-sm font-medium">
          具体问题
        </label>
        <textarea
          id="coordination-detail"
          name="detail"
          rows={3}
          defaultValue={state.values.detail ?? ""}
          className={inputClass}
          {...described("detail")}
        />
        <FieldError id="coordination-detail-error" errors={errorOf("detail")} />
      </div>
      <div>
        <label htmlFor="coordination-deadline" className="block text-sm font-medium">
          期望办结日期（可选）
        </label>
        <input
          id="coordination-deadline"
          name="deadline"
          type="date"
          defaultValue={state.values.deadline ?? ""}
          className={inputClass}
          {...described("deadline")}
        />
        <FieldError id="coordination-deadline-error" errors={errorOf("deadline")} />
      </div>
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-3 py-1.5 text-white disabled:opacity-60">
        {pending ? "提交中…" : "提出需协调事项"}
      </button>
      <FormMessage {...messageProps} />
    </form>
  );
}
