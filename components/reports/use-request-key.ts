"use client";

import { useRef, type FormEvent } from "react";

/** The form's text fields as they are now (what a submit would send), without the idempotency key. */
export function requestEntries(form: HTMLFormElement, submitter?: HTMLElement | null): [string, string][] {
  return [...new FormData(form, submitter).entries()].flatMap(([key, value]) =>
    typeof value === "string" && key !== "requestId" && !key.startsWith("$") ? [[key, value] as [string, string]] : [],
  );
}

/**
 * One idempotency key per distinct request, in a hidden `requestId` field: sent again unchanged
 * (重试, or the same button after a failure) it keeps its key, so a request that did arrive is not
 * applied twice; any change — a field, a tick, the button — or a success makes the next request a
 * new one. Call `stamp` in the form's submit handler before sending.
 */
export function useRequestKey() {
  const ref = useRef<HTMLInputElement>(null);
  const sent = useRef<string | null>(null);
  const stamp = (event: FormEvent<HTMLFormElement>, succeeded: boolean) => {
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const request = JSON.stringify(requestEntries(event.currentTarget, submitter));
    if (ref.current && (request !== sent.current || succeeded)) {
      ref.current.value = crypto.randomUUID();
      sent.current = request;
    }
  };
  return { ref, stamp };
}
