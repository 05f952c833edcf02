import { BreadcrumbSkeleton, HeadingSkeleton, LoadingPage, Skeleton, TableSkeleton } from "@/components/ui/skeleton";

/** 指标数据审核: the queue of submitted indicator values. */
export default function Loading() {
  return (
    <LoadingPage label="指标数据审核">
      <BreadcrumbSkeleton />
      <HeadingSkeleton width="w-48" />
      <Skeleton className="h-6 w-36" />
      <TableSkeleton rows={8} columns={7} />
    </LoadingPage>
  );
}
