import { BreadcrumbSkeleton, HeadingSkeleton, LoadingPage, Skeleton, TableSkeleton } from "@/components/ui/skeleton";

/** An indicator: its header, the targets table, then the province's chart (320 px, as its own placeholder). */
export default function Loading() {
  return (
    <LoadingPage label="指标详情" className="space-y-6">
      <BreadcrumbSkeleton />
      <div className="space-y-1">
        <HeadingSkeleton width="w-80" />
        <Skeleton className="h-6 w-[36rem] max-w-full" />
        <Skeleton className="h-5 w-full" />
      </div>
      <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
        <Skeleton className="h-7 w-36" />
        <Skeleton className="h-5 w-96 max-w-full" />
        <TableSkeleton rows={2} columns={7} />
      </div>
      <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
        <Skeleton className="h-7 w-24" />
        <Skeleton className="h-80 w-full" light />
      </div>
    </LoadingPage>
  );
}
