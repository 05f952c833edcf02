import { LoadingPage, Skeleton, TableSkeleton } from "@/components/ui/skeleton";

/** 本季度变化: the A4 sheet with its six sections. */
export default function Loading() {
  return (
    <LoadingPage label="本季度变化简报" className="mx-auto max-w-[180mm] space-y-4 bg-white p-6">
      <Skeleton className="h-5 w-40" />
      <div className="flex items-start justify-between gap-4">
        <div className="space-y-1">
          <Skeleton className="h-7 w-96 max-w-full" />
          <Skeleton className="h-5 w-72" />
        </div>
        <Skeleton className="h-9 w-20" />
      </div>
      <div className="space-y-1">
        <Skeleton className="h-6 w-32" />
        <TableSkeleton rows={6} columns={3} density="dense" />
      </div>
      {["w-64", "w-48", "w-56", "w-72", "w-60"].map((width) => (
        <div key={width} className="space-y-1">
          <Skeleton className={`h-6 ${width}`} />
          <Skeleton className="h-6 w-full" />
        </div>
      ))}
    </LoadingPage>
  );
}
