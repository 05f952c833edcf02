import { BreadcrumbSkeleton, HeadingSkeleton, LoadingPage, Skeleton } from "@/components/ui/skeleton";

/** 设区市对比: one card per city (11), four figures each. */
export default function Loading() {
  return (
    <LoadingPage label="设区市对比">
      <BreadcrumbSkeleton />
      <HeadingSkeleton width="w-80" />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {Array.from({ length: 11 }, (_, city) => (
          <div key={city} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
            <Skeleton className="h-7 w-32" />
            <Skeleton className="h-[92px] w-full" light />
          </div>
        ))}
      </div>
    </LoadingPage>
  );
}
