"use client";

import type { FormState } from "@/lib/core/form-state";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import { IntentButtons } from "@/components/ui/intent-buttons";
import { useFormAction } from "@/components/ui/use-form-action";

interface Props {
  children: React.ReactNode;
  empty: boolean;
  /** The review action (reports or indicator values), and what is being reviewed. */
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  noun: string;
  field: string;
  /** The two buttons' wording: accept/return for 省生态环境厅, pass on/return for the lead unit. */
  decisions?: { approve: { value: string; label: string }; returnLabel: string };
}

const REVIEWER_DECISIONS = { approve: { value: "accept", label: "审核通过" }, returnLabel: "退回" };

/** Wraps a queue: tick several items, then accept them or return them with one comment. */
export function BatchReviewForm({ children, empty, action, noun, field, decisions = REVIEWER_DECISIONS }: Props) {
  const { state, pending, formProps, messageProps } = useFormAction(action);
  return (
    <form {...formProps} aria-label="批量审核" className="space-y-3">
      {children}
      <FormMessage {...messageProps} />
      {!empty && (
        <div className="no-print space-y-2 rounded border border-slate-200 bg-white p-4">
          <FieldError id="selection-error" errors={state.fieldErrors[field]} />
          <label htmlFor="batch-comment" className="block font-medium">
            审核意见（退回时必填，对所选{noun}都适用）
          </label>
          <textarea
            id="batch-comment"
            name="comment"
            rows={2}
            defaultValue={state.values.comment ?? ""}
            aria-invalid={state.fieldErrors.comment ? true : undefined}
            aria-describedby={state.fieldErrors.comment ? "batch-comment-error" : undefined}
            className="w-full rounded border border-slate-300 px-2 py-1.5"
          />
          <FieldError id="batch-comment-error" errors={state.fieldErrors.comment} />
          <IntentButtons
            name="decision"
            pending={pending}
            buttons={[
              { value: decisions.approve.value, label: `所选${noun}${decisions.approve.label}`, tone: "primary" },
              { value: "return", label: `所选${noun}${decisions.returnLabel}`, tone: "danger" },
            ]}
          />
        </div>
      )}
    </form>
  );
}
