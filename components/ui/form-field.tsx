import { FieldError } from "./field-error";
import type { FormState } from "@/lib/core/form-state";

/** The attributes that tie a field to its error message (only when it has one). */
export const invalidProps = (state: FormState, name: string, id: string) =>
  state.fieldErrors[name] ? { "aria-invalid": true as const, "aria-describedby": `${id}-error` } : {};

/** A labelled field with its error below: the control is the child, given `id` and invalidProps(). */
export function FormField({
  id,
  label,
  state,
  name,
  children,
}: {
  id: string;
  label: string;
  state: FormState;
  name: string;
  children: React.ReactNode;
}) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children}
      <FieldError id={`${id}-error`} errors={state.fieldErrors[name]} />
    </div>
  );
}
