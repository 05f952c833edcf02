"use client";

export function PrintButton() {
  return (
    <button type="button" onClick={() => window.print()} className="no-print rounded bg-brand-700 px-4 py-2 text-white">
      打印（A4）
    </button>
  );
}
