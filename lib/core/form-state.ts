/** The one result shape of every form (used with useActionState); safe to import in client components. */
export interface FormState {
  ok: boolean;
  message: string;
  fieldErrors: Record<string, string[]>;
  /** What the user submitted, so a failed submit never loses their input. */
  values: Record<string, string>;
  /** Structured result for the form to show (e.g. an import preview). */
  data?: unknown;
}

export const initialFormState: FormState = { ok: false, message: "", fieldErrors: {}, values: {} };
