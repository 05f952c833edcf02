import type { FormFailure } from "@/lib/core/form-state";

export function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={id} className="mt-1 text-sm text-red-700">
      {errors.join("；")}
    </p>
  );
}

/** Failures that may pass by themselves: the same request can be sent again as it was. */
const RETRYABLE: ReadonlySet<FormFailure> = new Set([
  "NETWORK",
  "BAD_RESPONSE",
  "INTERNAL",
  "UNAVAILABLE",
  "UNAUTHENTICATED",
  "RATE_LIMITED",
]);

interface FormMessageProps {
  ok: boolean;
  message: string;
  /** Why it failed; with `onRetry`, a failure that may pass offers 重试 (and sign-in when the session ended). */
  code?: FormFailure;
  onRetry?: () => void;
  pending?: boolean;
}

/** A form's answer: a status line on success, an alert with the way on after a refusal or failure. */
export function FormMessage({ ok, message, code, onRetry, pending = false }: FormMessageProps) {
  if (!message) return null;
  const retryable = !ok && onRetry && code !== undefined && RETRYABLE.has(code);
  return (
    <div
      role={ok ? "status" : "alert"}
      className={`rounded border p-2 text-sm ${ok ? "border-green-300 bg-green-50 text-green-900" : "border-red-300 bg-red-50 text-red-800"}`}
    >
      <p>{message}</p>
      {retryable && (
        <p className="mt-2 flex flex-wrap items-center gap-3">
          {code === "UNAUTHENTICATED" && (
            <a href="/login" target="_blank" rel="noopener" className="text-blue-800 underline">
              在新窗口重新登录
            </a>
          )}
          <button
            type="button"
            onClick={onRetry}
            disabled={pending}
            className="rounded border border-red-700 px-3 py-1 text-red-800 hover:bg-red-100 disabled:opacity-60"
          >
            {pending ? "正在重试…" : code === "UNAUTHENTICATED" ? "登录后重试" : "重试"}
          </button>
        </p>
      )}
    </div>
  );
}

/** The failure of a one-button form (remove, revoke, toggle), beside the button; nothing on success. */
export function InlineFailure({ ok, message, code, onRetry, pending = false }: FormMessageProps) {
  if (ok || !message) return null;
  return (
    <span role="alert" className="ml-2 text-sm text-red-800">
      {message}
      {onRetry && code !== undefined && RETRYABLE.has(code) && (
        <button type="button" onClick={onRetry} disabled={pending} className="ml-2 underline disabled:opacity-60">
          重试
        </button>
      )}
    </span>
  );
}
