import { BreadcrumbSkeleton, HeadingSkeleton, LoadingPage, Skeleton, TableSkeleton } from "@/components/ui/skeleton";

/** 节点按期完成情况: the rule, then sections, provincial units and cities ranked. */
export default function Loading() {
  return (
    <LoadingPage label="节点按期完成情况">
      <BreadcrumbSkeleton />
      <HeadingSkeleton width="w-96" />
      <Skeleton className="h-12 w-full" light />
      <TableSkeleton rows={8} columns={6} />
      <div className="grid gap-6 lg:grid-cols-2">
        <TableSkeleton rows={12} columns={6} />
        <TableSkeleton rows={11} columns={6} />
      </div>
    </LoadingPage>
  );
}
