import { FilterBarSkeleton, HeadingSkeleton, LoadingPage, Skeleton, TableSkeleton } from "@/components/ui/skeleton";

/** 审核台: title and count, the filters, the reports table. */
export default function Loading() {
  return (
    <LoadingPage label="审核台">
      <div className="space-y-1">
        <HeadingSkeleton width="w-32" action />
        <Skeleton className="h-6 w-48" />
      </div>
      <FilterBarSkeleton fields={5} />
      <Skeleton className="h-6 w-28" />
      <TableSkeleton rows={10} columns={6} />
    </LoadingPage>
  );
}
