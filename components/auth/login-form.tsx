"use client";

import { useState } from "react";
import { signIn } from "next-auth/react";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";

/** `forgotPasswordHelp`: whom to ask when a password is forgotten (the admin's text under 系统设置). */
export function LoginForm({ callbackUrl, forgotPasswordHelp }: { callbackUrl: string | null; forgotPasswordHelp: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const field = (name: string) => {
      const value = form.get(name);
      return typeof value === "string" ? value : "";
    };
    const username = field("username").trim();
    const password = field("password");
    if (!username || !password) {
      setError("请输入用户名和密码。");
      return;
    }
    setPending(true);
    setError(null);
    let result: Awaited<ReturnType<typeof signIn>>;
    try {
      result = await signIn("credentials", { username, password, redirect: false });
    } catch {
      // The request or its answer was lost: the form keeps what was typed.
      setPending(false);
      setError("网络连接中断或服务器没有答复，请检查网络后重新点击“登录”。");
      return;
    }
    if (!result || result.error) {
      setPending(false);
      // The server names a lock or a rate limit in Chinese; anything else is the generic refusal.
      const reason = result?.error && /[\u4e00-\u9fff]/.test(result.error) ? result.error : "用户名或密码错误，或账号已停用。";
      setError(reason);
      return;
    }
    // A full navigation so the server renders the new session everywhere; a path on this site only.
    window.location.assign(safeRedirectPath(callbackUrl));
  }

  return (
    <form className="mt-6 space-y-4" onSubmit={onSubmit} noValidate>
      <div>
        <label htmlFor="username" className="block text-sm font-medium">
          用户名
        </label>
        <input
          id="username"
          name="username"
          autoComplete="username"
          required
          className="mt-1 w-full rounded border border-slate-300 px-3 py-2"
          aria-describedby={error ? "login-error" : undefined}
        />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">
          密码
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="mt-1 w-full rounded border border-slate-300 px-3 py-2"
          aria-describedby={error ? "login-error" : undefined}
        />
      </div>
      {error && (
        <p id="login-error" role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-600 disabled:opacity-60"
      >
        {pending ? "正在登录…" : "登录"}
      </button>
      <p id="forgot-password" className="text-sm text-slate-600">
        {forgotPasswordHelp}
      </p>
    </form>
  );
}
