import { HeadingSkeleton, LoadingPage, Skeleton } from "@/components/ui/skeleton";

/** 年度报告: the year picker and buttons, then the report on its A4-wide sheet. */
export default function Loading() {
  return (
    <LoadingPage label="年度报告" className="space-y-6">
      <div className="space-y-2">
        <HeadingSkeleton width="w-40" />
        <div className="flex flex-wrap gap-2">
          {Array.from({ length: 3 }, (_, year) => (
            <Skeleton key={year} className="h-8 w-16" />
          ))}
        </div>
        <div className="flex gap-3">
          <Skeleton className="h-10 w-36" />
          <Skeleton className="h-10 w-20" />
        </div>
      </div>
      <div aria-hidden="true" className="mx-auto max-w-[170mm] space-y-3 bg-white p-8">
        <Skeleton className="mx-auto my-4 h-8 w-96 max-w-full" />
        {Array.from({ length: 12 }, (_, line) => (
          <Skeleton key={line} className={`h-8 ${line % 4 === 3 ? "w-2/3" : "w-full"}`} />
        ))}
      </div>
    </LoadingPage>
  );
}
