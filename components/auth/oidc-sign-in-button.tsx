"use client";

import { useState, useSyncExternalStore } from "react";
import { signIn } from "next-auth/react";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";

/**
 * Sign-in through the province's identity service (lib/auth/oidc.ts): next-auth sends the browser
 * there and, once the person is signed in there, back to `callbackUrl` (a path on this site only).
 */
export function OidcSignInButton({ label, callbackUrl }: { label: string; callbackUrl: string | null }) {
  // Disabled until hydrated: a click before then would do nothing.
  const ready = useSyncExternalStore(
    () => () => {},
    () => true,
    () => false,
  );
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState(false);

  async function onClick() {
    setPending(true);
    setFailed(false);
    try {
      await signIn("oidc", { callbackUrl: safeRedirectPath(callbackUrl) });
    } catch {
      // The request for the identity service's address was lost: nothing happened, try again.
      setPending(false);
      setFailed(true);
    }
  }

  return (
    <div className="mt-6 border-t border-slate-200 pt-6">
      <button
        type="button"
        disabled={!ready || pending}
        onClick={() => void onClick()}
        className="w-full rounded border border-brand-700 px-4 py-2 font-medium text-brand-700 hover:bg-slate-50 disabled:opacity-60"
      >
        {pending ? "正在前往统一身份认证…" : label}
      </button>
      {failed && (
        <p role="alert" className="mt-2 text-sm text-red-800">
          网络连接中断或服务器没有答复，请检查网络后重新点击“{label}”。
        </p>
      )}
    </div>
  );
}
