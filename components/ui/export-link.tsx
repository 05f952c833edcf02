/** A download link for the Excel version of the list on screen (same filters). */
export function ExportLink({ href, label = "导出 Excel" }: { href: string; label?: string }) {
  return (
    <a
      href={href}
      download
      className="no-print inline-flex min-h-11 items-center gap-1 rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100 sm:min-h-0"
    >
      <span aria-hidden="true">⤓</span>
      {label}
    </a>
  );
}
