/** The one result shape of every form (used with useActionState); safe to import in client components. */
import type { ErrorCode } from "./errors";

/**
 * Why a form's request failed: an AppError code from the server, or what the browser saw when no
 * usable answer came back (NETWORK: the connection dropped or the server was unreachable;
 * BAD_RESPONSE: an answer that was not the action's, e.g. a proxy's 413 or 502 page).
 */
export type FormFailure = ErrorCode | "NETWORK" | "BAD_RESPONSE" | "FILE_TOO_LARGE";

export interface FormState {
  ok: boolean;
  message: string;
  fieldErrors: Record<string, string[]>;
  /** What the user submitted, so a failed submit never loses their input. */
  values: Record<string, string>;
  /** Structured result for the form to show (e.g. an import preview). */
  data?: unknown;
  /** Set on a refusal or failure: lets the form offer the way on (retry, sign in again, compare). */
  code?: FormFailure;
}

export const initialFormState: FormState = { ok: false, message: "", fieldErrors: {}, values: {} };

/** The form's text fields as sent, for a state's `values`: never React's own fields, never a password. */
export function submittedValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !key.startsWith("$") && !/password/i.test(key)) values[key] = value;
  }
  return values;
}
