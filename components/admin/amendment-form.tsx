"use client";

import { amendTaskAction } from "@/lib/plan/actions";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import { useFormAction } from "@/components/ui/use-form-action";
import { FormField as Field, invalidProps as invalid } from "@/components/ui/form-field";

interface UnitOption {
  code: string;
  shortName: string;
}

interface Props {
  kind: "DEADLINE" | "UNITS" | "LEAD_UNIT";
  taskNumber: number;
  version: number;
  deadline: { text: string; date: string };
  leadUnitCode: string | null;
  /** The task's responsible units now. */
  assigned: UnitOption[];
  /** Every unit, for adding one (UNITS). */
  allUnits: UnitOption[];
}

const TITLES: Record<Props["kind"], string> = {
  DEADLINE: "调整完成时限",
  UNITS: "调整责任单位",
  LEAD_UNIT: "调整牵头单位",
};

const inputClass = "mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1.5";

/** One kind of 计划调整 of a task, with the reason, the authorising document and the effective date. */
export function AmendmentForm({ kind, taskNumber, version, deadline, leadUnitCode, assigned, allUnits }: Props) {
  const { state, pending, formProps, messageProps } = useFormAction(amendTaskAction);
  const prefix = `amend-${kind.toLowerCase()}`;
  const value = (name: string, fallback: string) => state.values[name] ?? fallback;
  const assignedCodes = new Set(assigned.map((unit) => unit.code));
  return (
    <form {...formProps} aria-label={TITLES[kind]} className="space-y-3" key={version}>
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="taskNumber" value={taskNumber} />
      <input type="hidden" name="version" value={version} />
      {kind === "DEADLINE" && (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id={`${prefix}-date`} label="新的完成时限日期" state={state} name="deadlineDate">
            <input
              id={`${prefix}-date`}
              name="deadlineDate"
              type="date"
              defaultValue={value("deadlineDate", deadline.date)}
              className={inputClass}
              {...invalid(state, "deadlineDate", `${prefix}-date`)}
            />
          </Field>
          <Field id={`${prefix}-text`} label="完成时限表述（如 2026年底前）" state={state} name="deadlineText">
            <input
              id={`${prefix}-text`}
              name="deadlineText"
              defaultValue={value("deadlineText", deadline.text)}
              className={inputClass}
              {...invalid(state, "deadlineText", `${prefix}-text`)}
            />
          </Field>
        </div>
      )}
      {kind === "UNITS" && (
        <fieldset {...invalid(state, "unitCodes", `${prefix}-units`)}>
          <legend className="text-sm font-medium">调整后的责任单位（勾选）</legend>
          <ul className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-3 lg:grid-cols-4">
            {allUnits.map((unit) => (
              <li key={unit.code}>
                <label className="flex items-center gap-2 text-sm">
                  <input type="checkbox" name="unitCodes" value={unit.code} defaultChecked={assignedCodes.has(unit.code)} />
                  {unit.shortName}
                </label>
              </li>
            ))}
          </ul>
          <FieldError id={`${prefix}-units-error`} errors={state.fieldErrors.unitCodes} />
        </fieldset>
      )}
      {kind === "LEAD_UNIT" && (
        <Field id={`${prefix}-unit`} label="新的牵头单位" state={state} name="unitCode">
          <select
            id={`${prefix}-unit`}
            name="unitCode"
            defaultValue={value("unitCode", leadUnitCode ?? "")}
            className={inputClass}
            {...invalid(state, "unitCode", `${prefix}-unit`)}
          >
            <option value="">（不设牵头单位）</option>
            {assigned.map((unit) => (
              <option key={unit.code} value={unit.code}>
                {unit.shortName}
              </option>
            ))}
          </select>
        </Field>
      )}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={`${prefix}-authority`} label="依据文件（文号）" state={state} name="authority">
          <input
            id={`${prefix}-authority`}
            name="authority"
            placeholder="如 赣府厅字〔2026〕12号"
            defaultValue={value("authority", "")}
            className={inputClass}
            {...invalid(state, "authority", `${prefix}-authority`)}
          />
        </Field>
        <Field id={`${prefix}-effective`} label="生效日期" state={state} name="effectiveDate">
          <input
            id={`${prefix}-effective`}
            name="effectiveDate"
            type="date"
            defaultValue={value("effectiveDate", "")}
            className={inputClass}
            {...invalid(state, "effectiveDate", `${prefix}-effective`)}
          />
        </Field>
      </div>
      <Field id={`${prefix}-reason`} label="调整原因" state={state} name="reason">
        <textarea
          id={`${prefix}-reason`}
          name="reason"
          rows={2}
          defaultValue={value("reason", "")}
          className={inputClass}
          {...invalid(state, "reason", `${prefix}-reason`)}
        />
      </Field>
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-3 py-1.5 text-white disabled:opacity-60">
        {pending ? "保存中…" : `保存${TITLES[kind]}`}
      </button>
      <FormMessage {...messageProps} />
    </form>
  );
}
