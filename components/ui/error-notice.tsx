"use client";

import Link from "next/link";
import { useEffect, useRef } from "react";

/** What Next passes to an error boundary (error.tsx, global-error.tsx). */
export interface ErrorBoundaryProps {
  error: unknown;
  /** Re-fetches the segment from the server and renders it again. */
  retry: () => void;
}

/**
 * Next's digest of an error thrown on the server: the key to its line in the server log. An error
 * raised in the browser (a dropped connection) has none.
 */
export function errorDigest(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("digest" in error)) return undefined;
  return typeof error.digest === "string" ? error.digest : undefined;
}

/**
 * An error boundary's content: what happened in Chinese, 重试, the way home, and the error's number
 * (错误编号) for staff to quote. Never the message or the stack, which may carry internals.
 */
export function ErrorNotice({ error, retry }: ErrorBoundaryProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  const digest = errorDigest(error);
  useEffect(() => {
    // The control the user was on may be gone with the page; start them at the explanation.
    heading.current?.focus();
    // Browser-side errors appear nowhere else; server errors are in the server log under the digest.
    if (!digest) console.error(error);
  }, [error, digest]);
  return (
    <section aria-labelledby="error-heading" className="mx-auto my-6 max-w-xl rounded-lg border border-red-200 bg-white p-6">
      <h1 id="error-heading" ref={heading} tabIndex={-1} className="text-2xl font-semibold outline-none">
        页面出错了
      </h1>
      <p className="mt-3 text-slate-700">
        {digest ? "服务器处理请求时出错，刚才的操作可能没有完成。" : "请求没有完成，可能是网络连接中断。"}
        请点击“重试”；如果问题持续出现，请联系系统管理员{digest ? "并告知下面的错误编号" : ""}。
      </p>
      {digest && (
        <p className="mt-3 text-sm">
          错误编号：<code className="select-all font-mono">{digest}</code>
        </p>
      )}
      <div className="mt-5 flex flex-wrap items-center gap-4">
        <button type="button" onClick={retry} className="rounded bg-brand-700 px-4 py-2 text-white">
          重试
        </button>
        <Link className="text-blue-700 underline" href="/">
          返回首页
        </Link>
      </div>
    </section>
  );
}
