import { formatChineseDate } from "@/lib/core/dates";
import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { rankUnits, taskStatuses } from "@/lib/dashboard/dashboard";
import { listAcceptedObservations } from "@/lib/indicators/observations";
import { periodText } from "@/lib/indicators/observation-keys";
import { reportingCounts } from "@/lib/reminders/reminders";
import { listUnitOptions } from "@/lib/plan/units";
import { formatQuarter, quarterLabel } from "@/lib/core/quarters";
import { dashboardHref, parseDashboardQuery } from "@/lib/dashboard/filters";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { rankText } from "@/lib/core/ranking";
import { RANKING_RULE_TEXT } from "@/lib/dashboard/unit-ranking";
import { formatShare } from "@/lib/core/shares";

export const metadata = { title: "设区市对比" };

/** The 11 cities side by side: tasks lagging, completion, this quarter's reports, PM2.5. */
export default async function CitiesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission("dashboard:read");
  const { query } = parseDashboardQuery(await searchParams);
  const quarter = query.quarter ? formatQuarter(query.quarter) : undefined;
  const [{ moment }, ranking] = await Promise.all([taskStatuses(quarter), rankUnits("CITY", quarter)]);
  const [units, counts, pm25] = await Promise.all([
    listUnitOptions(),
    reportingCounts(moment.collecting, moment.collecting),
    listAcceptedObservations("PM25"),
  ]);
  const ranks = new Map(ranking.units.map((rank) => [rank.code, rank]));
  const cities = units.filter((unit) => unit.kind === "CITY");
  return (
    <div className="space-y-4">
      <Breadcrumb href={dashboardHref("/dashboard", query)} label="总览">
        设区市对比
      </Breadcrumb>
      <h1 className="text-2xl font-semibold">设区市对比（截至 {formatChineseDate(moment.today)}）</h1>
      <p className="text-sm text-slate-600">{RANKING_RULE_TEXT}</p>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {cities.map((city) => {
          const rank = ranks.get(city.code);
          const count = counts.find((row) => row.unitId === city.id);
          const latestPm = pm25.filter((row) => row.area === city.code).at(-1);
          return (
            <li key={city.code} className="rounded-lg border border-slate-200 bg-white p-4">
              <h2 className="text-lg font-semibold">
                <Link
                  href={dashboardHref("/dashboard/tasks", { ...query, city: city.code }, { status: "LAGGING" })}
                  className="text-blue-800 hover:underline"
                >
                  {city.shortName}
                </Link>
                {rank && (
                  <span className="ml-2 text-sm font-normal text-slate-600">
                    {rankText(rank)}（滞后 {formatShare(rank.lagging, rank.assignments)}）
                  </span>
                )}
              </h2>
              <dl className="mt-2 grid grid-cols-2 gap-1 text-sm">
                <dt className="text-slate-600">滞后或逾期任务</dt>
                <dd className="tabular-nums">
                  {rank ? `${rank.lagging} / ${rank.assignments}（${formatShare(rank.lagging, rank.assignments)}）` : "0 / 0"}
                </dd>
                <dt className="text-slate-600">平均完成</dt>
                <dd className="tabular-nums">{rank?.averagePercent ?? 0}%</dd>
                <dt className="text-slate-600">{quarterLabel(moment.collecting)}已报</dt>
                <dd className="tabular-nums">
                  {count?.submitted ?? 0} / {count?.owed ?? 0}
                </dd>
                <dt className="text-slate-600">PM2.5</dt>
                <dd className="tabular-nums">
                  {latestPm ? `${latestPm.value.toString()}（${periodText(latestPm)}${latestPm.demo ? "，示例数据" : ""}）` : "暂无"}
                </dd>
              </dl>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
