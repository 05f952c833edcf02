import { HeadingSkeleton, LoadingPage, Skeleton, TableSkeleton } from "@/components/ui/skeleton";

/** 催办: every unit (47) against the last quarters, then the sending form. */
export default function Loading() {
  return (
    <LoadingPage label="催办" className="space-y-6">
      <div className="space-y-1">
        <HeadingSkeleton width="w-24" action />
        <Skeleton className="h-6 w-[32rem] max-w-full" />
      </div>
      <div className="space-y-3">
        <TableSkeleton rows={47} columns={6} density="compact" />
        <div aria-hidden="true" className="h-[172px] rounded border border-slate-200 bg-white" />
      </div>
    </LoadingPage>
  );
}
