import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { formatChineseDate } from "@/lib/core/dates";
import { formatShare } from "@/lib/core/shares";
import { dashboardHref, parseDashboardQuery } from "@/lib/dashboard/filters";
import { milestoneOnTimeView } from "@/lib/dashboard/milestones";
import { ON_TIME_RANKING_TEXT, ON_TIME_RULE_TEXT } from "@/lib/measures/milestone-tallies";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { PrintButton } from "@/components/dashboard/print-button";
import { OnTimeTable } from "@/components/dashboard/milestone-widgets";

export const metadata = { title: "节点按期完成情况" };

const unitLink = (unit: { code: string; shortName: string }) => (
  <Link href={`/units/${unit.code}`} className="text-blue-800 hover:underline">
    {unit.shortName}
  </Link>
);

/** The leaders' view of milestones: the share done on time per section, provincial unit and city, ranked. */
export default async function MilestonesOnTimePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePermission("dashboard:read");
  const { query } = parseDashboardQuery(await searchParams);
  const view = await milestoneOnTimeView(query.quarter);
  return (
    <div className="space-y-4">
      <Breadcrumb href={dashboardHref("/dashboard", query)} label="总览">
        节点按期完成情况
      </Breadcrumb>
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">举措节点按期完成情况（截至 {formatChineseDate(view.today)}）</h1>
          <p className="mt-1 text-slate-700">
            全部已审核通过的举措中，已到期节点 {view.overall.due} 个，按期完成 {view.overall.onTime} 个
            {view.overall.due > 0 && `（${formatShare(view.overall.onTime, view.overall.due)}）`}，其中经销号核查{" "}
            {view.overall.onTimeVerified} 个。
          </p>
        </div>
        <PrintButton />
      </header>
      <p className="rounded border border-slate-200 bg-white p-3 text-sm text-slate-700">
        {ON_TIME_RULE_TEXT}
        {ON_TIME_RANKING_TEXT}“其中已核查”为按期完成且销号核查通过的节点。
      </p>
      <div className="grid gap-6 lg:grid-cols-2">
        <div className="lg:col-span-2">
          <OnTimeTable
            caption="各篇章"
            heading="篇章"
            rows={view.sections}
            keyOf={(section) => section.number}
            nameOf={(section) => `${section.number}. ${section.title}`}
          />
        </div>
        <OnTimeTable caption="省直单位" heading="单位" rows={view.provincial} keyOf={(unit) => unit.code} nameOf={unitLink} />
        <OnTimeTable caption="设区市" heading="设区市" rows={view.cities} keyOf={(unit) => unit.code} nameOf={unitLink} />
      </div>
    </div>
  );
}
