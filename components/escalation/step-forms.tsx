"use client";

import { closeAction, respondAction } from "@/lib/escalation/actions";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import { useFormAction } from "@/components/ui/use-form-action";

interface Props {
  escalationId: number;
  version: number;
  /** The text already recorded (a response being updated). */
  current?: string | null;
}

/** One text field sent with the step's version: the unit's 落实情况, or the reviewer's 办结结果. */
function StepTextForm({ escalationId, version, current, kind }: Props & { kind: "respond" | "close" }) {
  const { state, pending, formProps, messageProps } = useFormAction(kind === "respond" ? respondAction : closeAction);
  const name = kind === "respond" ? "response" : "outcome";
  const label = kind === "respond" ? "落实情况" : "办结结果";
  const id = `escalation-${kind}`;
  const errors = state.fieldErrors[name];
  return (
    <form {...formProps} aria-label={kind === "respond" ? "填报落实情况" : "办结"} className="space-y-2" key={version}>
      <input type="hidden" name="escalationId" value={escalationId} />
      <input type="hidden" name="version" value={version} />
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        rows={4}
        defaultValue={state.values[name] ?? current ?? ""}
        aria-invalid={errors ? true : undefined}
        aria-describedby={errors ? `${id}-error` : undefined}
        className="block w-full rounded border border-slate-300 bg-white px-2 py-1.5"
      />
      <FieldError id={`${id}-error`} errors={errors} />
      <FormMessage {...messageProps} />
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-3 py-1.5 text-white disabled:opacity-60">
        {pending ? "提交中…" : kind === "respond" ? "提交落实情况" : "办结"}
      </button>
    </form>
  );
}

export const RespondForm = (props: Props) => <StepTextForm {...props} kind="respond" />;
export const CloseForm = (props: Props) => <StepTextForm {...props} kind="close" />;
