import { BreadcrumbSkeleton, HeadingSkeleton, LoadingPage, Skeleton, TableSkeleton } from "@/components/ui/skeleton";

/** 任务明细: the tasks behind a dashboard figure. */
export default function Loading() {
  return (
    <LoadingPage label="任务明细">
      <BreadcrumbSkeleton />
      <HeadingSkeleton width="w-56" />
      <Skeleton className="h-6 w-72" />
      <TableSkeleton rows={12} columns={5} />
    </LoadingPage>
  );
}
