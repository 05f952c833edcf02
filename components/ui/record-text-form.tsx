"use client";

import type { FormState } from "@/lib/core/form-state";
import { FieldError, FormMessage } from "./field-error";
import { useFormAction } from "./use-form-action";

export interface RecordTextFormProps {
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  /** The record's hidden key field and value (issueId, escalationId…), sent with the version it was loaded at. */
  recordField: string;
  recordId: number;
  version: number;
  /** The text field: its name, label and element id. */
  name: string;
  label: string;
  id: string;
  rows: number;
  /** The form's accessible name and its button. */
  formLabel: string;
  submitLabel: string;
  /** The text already recorded, when it is being updated. */
  current?: string | null;
}

/** One text field sent with a record's version: a reply, a response, a closing note or outcome. */
export function RecordTextForm({
  action,
  recordField,
  recordId,
  version,
  name,
  label,
  id,
  rows,
  formLabel,
  submitLabel,
  current,
}: RecordTextFormProps) {
  const { state, pending, formProps, messageProps } = useFormAction(action);
  const errors = state.fieldErrors[name];
  return (
    <form {...formProps} aria-label={formLabel} className="space-y-2" key={version}>
      <input type="hidden" name={recordField} value={recordId} />
      <input type="hidden" name="version" value={version} />
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        rows={rows}
        defaultValue={state.values[name] ?? current ?? ""}
        aria-invalid={errors ? true : undefined}
        aria-describedby={errors ? `${id}-error` : undefined}
        className="block w-full rounded border border-slate-300 bg-white px-2 py-1.5"
      />
      <FieldError id={`${id}-error`} errors={errors} />
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-3 py-1.5 text-white disabled:opacity-60">
        {pending ? "提交中…" : submitLabel}
      </button>
      <FormMessage {...messageProps} />
    </form>
  );
}
