"use client";

import { useSyncExternalStore } from "react";
import { signOut } from "next-auth/react";

export function SignOutButton() {
  // Disabled until hydrated: a click before then would do nothing and leave the user signed in.
  const ready = useSyncExternalStore(
    () => () => {},
    () => true,
    () => false,
  );
  return (
    <button
      type="button"
      disabled={!ready}
      onClick={() => void signOut({ callbackUrl: "/login" })}
      className="min-h-11 rounded border border-slate-300 px-3 py-1 hover:bg-slate-100 sm:min-h-0"
    >
      退出登录
    </button>
  );
}
