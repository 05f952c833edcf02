"use client";

import "./globals.css";
import { ErrorNotice, type ErrorBoundaryProps } from "@/components/ui/error-notice";

/** The root layout itself failed: this replaces it, so it brings its own document and styles. */
export default function GlobalError(props: ErrorBoundaryProps) {
  return (
    <html lang="zh-CN">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <title>页面出错了 · 美丽江西</title>
        <main className="px-4">
          <ErrorNotice {...props} />
        </main>
      </body>
    </html>
  );
}
