/**
 * Loading states (loading.tsx): grey blocks in the containers and sizes of the content they stand
 * for, so the page does not jump when it arrives. Screen readers hear one Chinese line instead.
 */

/** One block, hidden from screen readers; the caller gives its size. `light` for areas (charts, figures), not lines. */
export function Skeleton({ className, light = false }: { className: string; light?: boolean }) {
  return <div aria-hidden="true" className={`animate-pulse rounded ${light ? "bg-slate-100" : "bg-slate-200"} ${className}`} />;
}

/** A page's loading state: `label` names what is coming (“正在加载审核台…”). */
export function LoadingPage({
  label,
  className = "space-y-4",
  children,
}: {
  label: string;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div aria-busy="true" className={className}>
      <p role="status" className="sr-only">
        正在加载{label}…
      </p>
      {children}
    </div>
  );
}

/** A page's title line (text-2xl) with an optional button-sized block at its right. */
export function HeadingSkeleton({ width = "w-64", action = false }: { width?: string; action?: boolean }) {
  return (
    <div className="flex items-center justify-between gap-3">
      <Skeleton className={`h-8 ${width}`} />
      {action && <Skeleton className="h-8 w-24" />}
    </div>
  );
}

/** A breadcrumb line (text-sm). */
export function BreadcrumbSkeleton() {
  return <Skeleton className="h-5 w-40" />;
}

const ROW_HEIGHTS = { normal: "h-9", compact: "h-8", dense: "h-6" } as const;

/**
 * A white table of `rows` rows as the pages draw them: text-sm cells with py-2 (36 px with the
 * border line), py-1.5 when `compact` (32 px) or py-0.5 when `dense` (24 px).
 */
export function TableSkeleton({
  rows,
  columns,
  density = "normal",
}: {
  rows: number;
  columns: number;
  density?: keyof typeof ROW_HEIGHTS;
}) {
  const height = ROW_HEIGHTS[density];
  return (
    <div aria-hidden="true" className="overflow-hidden rounded border border-slate-200 bg-white">
      <div className={`${height} bg-slate-100`} />
      {Array.from({ length: rows }, (_, row) => (
        <div key={row} className={`${height} flex items-center gap-6 border-t border-slate-200 px-3`}>
          {Array.from({ length: columns }, (_, column) => (
            <div key={column} className={`h-3 flex-1 animate-pulse rounded bg-slate-200 ${column === 0 ? "max-w-xs" : "max-w-32"}`} />
          ))}
        </div>
      ))}
    </div>
  );
}

/** The filter bar of the report views (ReportFilterForm): labelled selects in one bordered row. */
export function FilterBarSkeleton({ fields = 4 }: { fields?: number }) {
  return (
    <div aria-hidden="true" className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3">
      {Array.from({ length: fields }, (_, field) => (
        <div key={field} className="space-y-1">
          <div className="h-5 w-12 animate-pulse rounded bg-slate-200" />
          <div className={`h-[38px] ${field === 0 ? "w-48" : "w-36"} animate-pulse rounded bg-slate-100`} />
        </div>
      ))}
      <div className="h-9 w-16 animate-pulse rounded bg-slate-200" />
    </div>
  );
}
