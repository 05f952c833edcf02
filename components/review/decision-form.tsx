"use client";

import type { FormState } from "@/lib/core/form-state";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import { IntentButtons } from "@/components/ui/intent-buttons";
import { useFormAction } from "@/components/ui/use-form-action";

export interface DecisionLabels {
  approve: { value: string; label: string };
  returnLabel: string;
}

/** 省生态环境厅's wording; the lead unit's desk passes on instead of accepting. */
export const REVIEWER_DECISION: DecisionLabels = { approve: { value: "accept", label: "审核通过" }, returnLabel: "退回修改" };
export const LEAD_DECISION: DecisionLabels = { approve: { value: "pass", label: "审核通过，转报省生态环境厅" }, returnLabel: "退回修改" };

interface Props {
  /** The review action (a report, a measure list) and the record it decides, as hidden fields. */
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  hidden: Record<string, string | number>;
  /** The form's accessible name and the id its comment box is known by. */
  label: string;
  id: string;
  decisions?: DecisionLabels;
  /** Several forms on one desk: leaving with a half-typed comment is not worth a prompt there. */
  guardUnsaved?: boolean;
}

/** Decide one record: approve (accept, or pass on) or return it; returning needs a comment, checked on the server. */
export function DecisionForm({ action, hidden, label, id, decisions = REVIEWER_DECISION, guardUnsaved = true }: Props) {
  const { state, pending, formProps, messageProps } = useFormAction(action, { guardUnsaved });
  const errors = state.fieldErrors.comment;
  return (
    <form {...formProps} aria-label={label} className="space-y-2">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <label htmlFor={id} className="block font-medium">
        审核意见（退回时必填）
      </label>
      <textarea
        id={id}
        name="comment"
        rows={2}
        defaultValue={state.values.comment ?? ""}
        aria-invalid={errors ? true : undefined}
        aria-describedby={errors ? `${id}-error` : undefined}
        className="w-full rounded border border-slate-300 px-2 py-1.5"
      />
      <FieldError id={`${id}-error`} errors={errors} />
      <FormMessage {...messageProps} />
      <IntentButtons
        name="decision"
        pending={pending}
        buttons={[
          { value: decisions.approve.value, label: decisions.approve.label, tone: "primary" },
          { value: "return", label: decisions.returnLabel, tone: "danger" },
        ]}
      />
    </form>
  );
}
