import Link from "next/link";
import { notFound } from "next/navigation";
import { INDICATOR_CODE } from "@/lib/core/schemas";
import { CitySparkline, IndicatorChart } from "@/components/indicators/indicator-chart-lazy";
import { ObservationForm } from "@/components/indicators/observation-form";
import { VerdictBadge } from "@/components/indicators/verdict-badge";
import { ReportStatusBadge } from "@/components/reports/status-badge";
import { TableHead } from "@/components/ui/table-head";
import { requirePermission } from "@/lib/auth/session";
import { getIndicatorAssessment, listOpenObservations } from "@/lib/indicators/observations";
import { STALE_AFTER_YEARS } from "@/lib/indicators/assessment";
import { periodText, PROVINCE } from "@/lib/indicators/observation-keys";
import { indicatorChartData } from "@/lib/indicators/chart-data";
import { COMPARATOR_SYMBOLS, DIRECTION_LABELS } from "@/lib/indicators/comparators";
import { chinaToday } from "@/lib/core/quarters";
import { ExportLink } from "@/components/ui/export-link";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { IndicatorTasks } from "@/components/indicators/indicator-tasks";
import { listIndicatorTasks } from "@/lib/indicators/indicator-tasks";
import { reportReadScope } from "@/lib/auth/roles";
import { rankBy, rankText } from "@/lib/core/ranking";

export async function generateMetadata({ params }: { params: Promise<{ code: string }> }) {
  return { title: `指标 ${(await params).code}` };
}

const fmt = (value: number | null, digits = 2) => (value === null ? "—" : String(Math.round(value * 10 ** digits) / 10 ** digits));

export default async function IndicatorPage({ params }: { params: Promise<{ code: string }> }) {
  const user = await requirePermission("plan:read");
  const { code } = await params;
  const currentYear = Number(chinaToday().slice(0, 4));
  const data = INDICATOR_CODE.test(code) ? await getIndicatorAssessment(code, currentYear) : null;
  if (!data) notFound();
  const { indicator, observations, province, cities, cityOptions } = data;
  const unit = indicator.measureUnit;
  const chart = indicatorChartData(province.points, province.assessment, COMPARATOR_SYMBOLS);
  const isOwner = user.role === "STAFF" && user.unitId === indicator.ownerUnitId;
  const [open, tasks] = await Promise.all([isOwner ? listOpenObservations(indicator.id) : [], listIndicatorTasks(indicator.id, user)]);
  const readsReports = reportReadScope(user)?.statuses.includes("ACCEPTED") ?? false;
  const better = indicator.direction === "LOWER_IS_BETTER" ? 1 : -1;
  // Equal latest values share a rank (并列).
  const ranking = rankBy(
    cities.flatMap((city) => (city.assessment.latest ? [{ ...city, latest: city.assessment.latest }] : [])),
    (a, b) => better * (a.latest.value - b.latest.value),
  );
  const cityName = new Map(cityOptions.map((city) => [city.code, city.name]));
  return (
    <article className="space-y-6">
      <Breadcrumb href="/indicators" label="目标指标">
        {indicator.name}
      </Breadcrumb>
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">{indicator.name}</h1>
        <p className="text-slate-700">
          单位：{unit} · {DIRECTION_LABELS[indicator.direction]} · 责任单位：{indicator.ownerUnit.shortName} · 当前判断{" "}
          <VerdictBadge verdict={province.assessment.verdict} />
        </p>
        <p className="text-sm text-slate-600">
          出处（{indicator.clauseRef}）：“{indicator.clause}”
        </p>
        {province.points.some((point) => point.demo) && (
          <p className="rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900">
            标注“示例数据”的数值来自公开资料，仅作演示，待责任单位通过本系统填报确认。
          </p>
        )}
      </header>

      <section aria-labelledby="targets-heading" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="targets-heading" className="text-lg font-semibold">
          目标与进度判断
        </h2>
        <p className="mt-1 text-sm text-slate-700">
          最新值：
          {province.assessment.latest ? `${province.assessment.latest.value} ${unit}（${periodText(province.assessment.latest)}）` : "暂无"}
          ； 近年变化速度：{province.assessment.pacePerYear === null ? "数据不足" : `${fmt(province.assessment.pacePerYear)} ${unit}/年`}
        </p>
        {province.assessment.stale && (
          <p className="mt-1 rounded border border-violet-300 bg-violet-50 p-2 text-sm text-violet-900">
            数据过旧：最新值早于 {currentYear - STALE_AFTER_YEARS} 年，不据此推算未来走势，请责任单位填报最新数值。
          </p>
        )}
        <table className="mt-3 w-full text-sm">
          <TableHead columns={["目标年份", "目标", "是否已达到", "每年还需变化", "按当前速度届时约为", "预计达到年份", "判断"]} />
          <tbody>
            {province.assessment.targets.map((item) => (
              <tr key={item.target.year} className="border-t border-slate-200">
                <td className="px-3 py-2 tabular-nums">{item.target.year}</td>
                <td className="px-3 py-2">
                  {COMPARATOR_SYMBOLS[item.target.comparator]} {item.target.value} {unit}
                </td>
                <td className="px-3 py-2">{item.met === null ? "—" : item.met ? "已达到" : "未达到"}</td>
                <td className="px-3 py-2">{item.requiredYearlyChange === null ? "—" : `${fmt(item.requiredYearlyChange)} ${unit}/年`}</td>
                <td className="px-3 py-2">{item.forecast === null ? "—" : `${fmt(item.forecast)} ${unit}`}</td>
                <td className="px-3 py-2">{item.crossingYear ?? "—"}</td>
                <td className="px-3 py-2">
                  <VerdictBadge verdict={item.verdict} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="chart-heading" className="rounded-lg border border-slate-200 bg-white p-5">
        <div className="flex items-center justify-between gap-3">
          <h2 id="chart-heading" className="text-lg font-semibold">
            全省走势
          </h2>
          <ExportLink href={`/api/exports/observations.xlsx?code=${indicator.code}`} label="导出数值" />
        </div>
        {province.points.length === 0 ? (
          <p className="mt-2 text-slate-600">尚无审核通过的数值。</p>
        ) : (
          <IndicatorChart data={chart} measureUnit={unit} title={indicator.name} />
        )}
        <table className="mt-4 w-full text-sm">
          <caption className="text-left font-medium">图表数据（审核通过的数值）</caption>
          <TableHead columns={["地区", "期间", "数值", "来源"]} dense />
          <tbody>
            {observations.map((row) => (
              <tr key={row.id} className="border-t border-slate-200">
                <td className="px-2 py-1">{row.area === PROVINCE ? "全省" : (cityName.get(row.area) ?? row.area)}</td>
                <td className="px-2 py-1 tabular-nums">{periodText(row)}</td>
                <td className="px-2 py-1 tabular-nums">
                  {row.value.toString()} {unit}
                </td>
                <td className="px-2 py-1">
                  {row.source}
                  {row.demo && <strong className="ml-2 rounded bg-amber-100 px-1 text-amber-900">示例数据</strong>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {indicator.cityLevel && (
        <section aria-labelledby="cities-heading" className="rounded-lg border border-slate-200 bg-white p-5">
          <h2 id="cities-heading" className="text-lg font-semibold">
            各设区市
          </h2>
          {cities.length === 0 ? (
            <p className="mt-2 text-slate-600">尚无设区市数值。</p>
          ) : (
            <>
              <ol className="mt-3 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
                {ranking.map(({ item: city, ...place }) => (
                  <li key={city.area} className="rounded border border-slate-200 p-2">
                    <p className="text-sm font-medium">
                      {rankText(place)} · {city.name}：{city.latest.value} {unit}（{periodText(city.latest)}）{" "}
                      <VerdictBadge verdict={city.assessment.verdict} />
                    </p>
                    <CitySparkline data={indicatorChartData(city.points, city.assessment, COMPARATOR_SYMBOLS)} name={city.name} />
                  </li>
                ))}
              </ol>
              <p className="mt-2 text-sm text-slate-600">按最新值排名（{DIRECTION_LABELS[indicator.direction]}），数值相同者并列。</p>
            </>
          )}
        </section>
      )}

      <section aria-labelledby="tasks-heading" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="tasks-heading" className="text-lg font-semibold">
          相关重点任务与审核通过的报告
        </h2>
        <IndicatorTasks tasks={tasks} measureUnit={unit} readsReports={readsReports} />
      </section>

      {isOwner && (
        <section aria-labelledby="enter-heading" className="no-print rounded-lg border border-slate-200 bg-white p-5">
          <div className="flex items-center justify-between gap-3">
            <h2 id="enter-heading" className="text-lg font-semibold">
              填报数值（{indicator.ownerUnit.shortName}）
            </h2>
            <Link href="/indicators/import" className="text-sm text-blue-800 hover:underline">
              Excel 批量导入 →
            </Link>
          </div>
          <ObservationForm
            indicatorCode={indicator.code}
            measureUnit={unit}
            areas={[{ code: PROVINCE, name: "全省" }, ...(indicator.cityLevel ? cityOptions : [])]}
          />
          {open.length > 0 && (
            <table className="mt-4 w-full text-sm">
              <caption className="text-left font-medium">待审核与被退回的数值</caption>
              <TableHead columns={["地区", "期间", "数值", "状态", "审核意见"]} dense />
              <tbody>
                {open.map((row) => (
                  <tr key={row.id} className="border-t border-slate-200">
                    <td className="px-2 py-1">{row.area === PROVINCE ? "全省" : (cityName.get(row.area) ?? row.area)}</td>
                    <td className="px-2 py-1">{periodText(row)}</td>
                    <td className="px-2 py-1">{row.value.toString()}</td>
                    <td className="px-2 py-1">
                      <ReportStatusBadge status={row.status} />
                    </td>
                    <td className="px-2 py-1">{row.reviewComment ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </article>
  );
}
