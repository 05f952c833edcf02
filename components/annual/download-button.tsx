"use client";

import { useEffect, useState } from "react";

/** Downloads the Word file, showing that it is being built and for how long. */
export function DownloadDocxButton({ year }: { year: number }) {
  const [state, setState] = useState<{ phase: "idle" | "building" | "error"; seconds: number; message?: string }>({
    phase: "idle",
    seconds: 0,
  });
  useEffect(() => {
    if (state.phase !== "building") return;
    const timer = setInterval(() => setState((current) => ({ ...current, seconds: current.seconds + 1 })), 1000);
    return () => clearInterval(timer);
  }, [state.phase]);

  async function download() {
    setState({ phase: "building", seconds: 0 });
    try {
      const response = await fetch(`/api/v1/reports/annual/${year}.docx`);
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        setState({ phase: "error", seconds: 0, message: body?.error?.message ?? `生成失败（${response.status}）` });
        return;
      }
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement("a");
      link.href = url;
      link.download = `美丽江西建设${year}年度工作情况报告.docx`;
      link.click();
      URL.revokeObjectURL(url);
      setState({ phase: "idle", seconds: 0 });
    } catch {
      setState({ phase: "error", seconds: 0, message: "网络错误，请稍后重试" });
    }
  }

  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        onClick={download}
        disabled={state.phase === "building"}
        className="rounded bg-brand-700 px-4 py-2 text-white disabled:opacity-60"
      >
        {state.phase === "building" ? "正在生成…" : "下载 Word（.docx）"}
      </button>
      {state.phase === "building" && (
        <span role="status" className="text-sm text-slate-700">
          正在汇总数据并生成文档，已用 {state.seconds} 秒
        </span>
      )}
      {state.phase === "error" && (
        <span role="alert" className="text-sm text-red-800">
          {state.message}
        </span>
      )}
      <a href={`/api/v1/reports/annual/${year}.docx`} className="sr-only">
        直接下载 {year} 年度报告
      </a>
    </span>
  );
}
