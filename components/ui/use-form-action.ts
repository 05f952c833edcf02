"use client";

import { startTransition, useActionState, useCallback, useRef, useState, type FormEvent } from "react";
import { unstable_rethrow } from "next/navigation";
import { initialFormState, submittedValues, type FormState } from "@/lib/core/form-state";
import { useUnsavedChangesGuard } from "./unsaved-changes";

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;

export interface FormActionOptions {
  /** File fields and their largest size in bytes: a larger file is refused before anything is sent. */
  maxFileBytes?: Record<string, number>;
  /** Clear the form after a successful request (an upload form); otherwise it stays as it is. */
  resetOnSuccess?: boolean;
  /** Ask before leaving the page while the form holds unsaved input (default true). */
  guardUnsaved?: boolean;
}

const MB = 1024 * 1024;

function tooLarge(formData: FormData, limits: Record<string, number>): FormState | null {
  for (const [field, limit] of Object.entries(limits)) {
    for (const file of formData.getAll(field)) {
      if (!(file instanceof File) || file.size <= limit) continue;
      const size = `${(file.size / MB).toFixed(1)} MB`;
      const most = `${Math.round(limit / MB)} MB`;
      return {
        ok: false,
        message: `文件“${file.name}”有 ${size}，超过单个文件 ${most} 的上限，未上传。请压缩或拆分后重新选择。`,
        fieldErrors: { [field]: [`文件不能超过 ${most}`] },
        values: submittedValues(formData),
        code: "FILE_TOO_LARGE",
      };
    }
  }
  return null;
}

/** What the browser saw when the action gave no answer of its own, in words a user can act on. */
function failureState(error: unknown, formData: FormData): FormState {
  const network = error instanceof TypeError || (typeof navigator !== "undefined" && !navigator.onLine);
  return {
    ok: false,
    message: network
      ? "网络连接中断，请求可能没有送达服务器。您填写的内容仍在页面上，请检查网络后点击“重试”。"
      : "服务器没有正常答复（可能正在重启、繁忙或请求过大），刚才的操作可能没有完成。您填写的内容仍在页面上，请稍后点击“重试”。",
    fieldErrors: {},
    values: submittedValues(formData),
    code: network ? "NETWORK" : "BAD_RESPONSE",
  };
}

/**
 * A form bound to a server action so that nothing the user typed is ever lost:
 * - the form is not reset after the request (React resets forms whose `action` ran), so every
 *   field stays as filled whatever the answer;
 * - a dropped connection, a proxy's error page or a crashed request becomes a Chinese message in
 *   the form instead of the error page, and `retry()` sends the very same FormData again — with
 *   the same idempotency key, so a request that did arrive is not applied twice;
 * - files over their limit are refused in the browser before anything is sent;
 * - leaving the page with unsaved input asks first (useUnsavedChangesGuard).
 * Spread `formProps` on the <form>. (`action` stays on it so that a submit before hydration does
 * nothing rather than a GET of the page carrying the fields in its address.)
 */
export function useFormAction(action: Action, options: FormActionOptions = {}) {
  const { maxFileBytes = {}, resetOnSuccess = false, guardUnsaved = true } = options;
  const formRef = useRef<HTMLFormElement>(null);
  const last = useRef<FormData | null>(null);
  const [dirty, setDirty] = useState(false);

  const safeAction = useCallback(
    async (previous: FormState, formData: FormData): Promise<FormState> => {
      const refused = tooLarge(formData, maxFileBytes);
      if (refused) return refused;
      let next: FormState;
      try {
        next = await action(previous, formData);
      } catch (error) {
        // A redirect (or not-found) thrown by the action is navigation, not a failure.
        unstable_rethrow(error);
        return failureState(error, formData);
      }
      if (next.ok) {
        setDirty(false);
        if (resetOnSuccess) formRef.current?.reset();
      }
      return next;
    },
    // The limits are constants of the calling form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [action, resetOnSuccess],
  );
  const [state, dispatch, pending] = useActionState(safeAction, initialFormState);

  const send = useCallback(
    (formData: FormData) => {
      last.current = formData;
      startTransition(() => dispatch(formData));
    },
    [dispatch],
  );

  const onSubmit = useCallback(
    (event: FormEvent<HTMLFormElement>) => {
      // Handled here rather than by React's form action: that one resets the form afterwards.
      event.preventDefault();
      if (pending) return;
      const submitter = (event.nativeEvent as SubmitEvent).submitter;
      send(new FormData(event.currentTarget, submitter));
    },
    [pending, send],
  );

  /** Sends the last request again, exactly as it was (same fields, same idempotency key). */
  const retry = useCallback(() => {
    if (last.current && !pending) send(last.current);
  }, [pending, send]);

  // Unsaved: typed since the last successful request, or the last request failed.
  useUnsavedChangesGuard(guardUnsaved && (dirty || (!state.ok && state.code !== undefined)));

  return {
    state,
    pending,
    dirty,
    /** For changes made by code (e.g. "copy last quarter"), which fire no change event. */
    markDirty: () => setDirty(true),
    retry,
    formRef,
    formProps: { ref: formRef, action: dispatch, onSubmit, onChange: () => setDirty(true) },
    /** Props for <FormMessage>: the message, and the way on when there is one. */
    messageProps: { ok: state.ok, message: state.message, code: state.code, onRetry: retry, pending },
  };
}
