import Link from "next/link";
import { formatChineseDate } from "@/lib/core/dates";
import { VerdictBadge } from "@/components/indicators/verdict-badge";
import { StatusBadge } from "@/components/reports/status-badge";
import { TableHead } from "@/components/ui/table-head";
import { countByStatus, rankUnits, sectionCompletion, TASK_STATUS_ORDER, taskStatuses, upcomingDeadlines } from "@/lib/dashboard/dashboard";
import { assessAllIndicators, latestValuesByArea } from "@/lib/indicators/observations";
import { STALE_AFTER_YEARS, VERDICT_LABELS, VERDICTS, type Verdict } from "@/lib/indicators/assessment";
import { byHeadline, isHeadline } from "@/lib/indicators/headline";
import { periodLabel } from "@/lib/indicators/observation-keys";
import { COMPARATOR_SYMBOLS } from "@/lib/indicators/comparators";
import { STATUS_LABELS } from "@/lib/status/status-rules";
import { formatQuarter, quarterLabel } from "@/lib/core/quarters";
import { dashboardHref, type DashboardQuery } from "@/lib/dashboard/filters";
import { rankText } from "@/lib/core/ranking";
import { RANKING_RULE_TEXT } from "@/lib/dashboard/unit-ranking";
import { formatShare } from "@/lib/core/shares";
import { SectionChart } from "./section-chart-lazy";
import { completionCounts } from "@/lib/verification/checks";

const quarterKey = (query: DashboardQuery) => (query.quarter ? formatQuarter(query.quarter) : undefined);

/** The dashboard's figures under the query's filters (one unit or city, one section). */
const filteredTasks = (query: DashboardQuery) => taskStatuses(quarterKey(query), undefined, query.unit ?? query.city, query.section);

export function Widget({ id, title, children, wide = false }: { id: string; title: string; children: React.ReactNode; wide?: boolean }) {
  return (
    <section
      aria-labelledby={id}
      className={`min-h-[360px] rounded-lg border border-slate-200 bg-white p-4 ${wide ? "lg:col-span-2" : ""}`}
    >
      <h2 id={id} className="mb-3 text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

export function WidgetSkeleton({ title, wide = false }: { title: string; wide?: boolean }) {
  return (
    <div
      className={`${wide ? "lg:col-span-2 " : ""}min-h-[360px] animate-pulse rounded-lg border border-slate-200 bg-white p-4`}
      aria-busy="true"
      aria-label={`${title}加载中`}
    >
      <div className="h-5 w-40 rounded bg-slate-200" />
      <div className="mt-4 h-72 rounded bg-slate-100" />
    </div>
  );
}

type AssessedIndicator = Awaited<ReturnType<typeof assessAllIndicators>>[number];

function IndicatorRows({ label, items }: { label: string; items: AssessedIndicator[] }) {
  if (items.length === 0) return null;
  return (
    <tbody>
      <tr className="border-t border-slate-300 bg-slate-50">
        <th scope="rowgroup" colSpan={4} className="px-2 py-1 text-left font-semibold">
          {label}（{items.length} 项）
        </th>
      </tr>
      {items.map(({ indicator, assessment, demo }) => (
        <tr key={indicator.code} className="border-t border-slate-200 align-top">
          <td className="px-2 py-1">
            <Link href={`/indicators/${indicator.code}`} className="text-blue-800 hover:underline">
              {indicator.name}
            </Link>
            {demo && <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-900">示例数据</span>}
          </td>
          <td className="px-2 py-1 tabular-nums">
            {assessment.latest ? `${assessment.latest.value}（${periodLabel(assessment.latest)}）` : "—"}
          </td>
          <td className="px-2 py-1">
            {indicator.targets.map((target) => (
              <span key={target.year} className="mr-2 inline-block tabular-nums">
                {target.year}年 {COMPARATOR_SYMBOLS[target.comparator]} {Number(target.value)}
              </span>
            ))}
            <span className="text-slate-500">{indicator.measureUnit}</span>
          </td>
          <td className="px-2 py-1">
            <VerdictBadge verdict={assessment.verdict} />
          </td>
        </tr>
      ))}
    </tbody>
  );
}

/** Every indicator's verdict: the plan's headline targets (its main text) first, then the annex's. */
export async function IndicatorVerdicts({ currentYear }: { currentYear: number }) {
  const items = (await assessAllIndicators(currentYear)).sort((a, b) => byHeadline(a.indicator, b.indicator));
  const counts = new Map<Verdict, number>();
  for (const item of items) counts.set(item.assessment.verdict, (counts.get(item.assessment.verdict) ?? 0) + 1);
  return (
    <Widget id="w-indicators" title="目标指标进度" wide>
      <p className="mb-2 flex flex-wrap gap-3 text-sm">
        {VERDICTS.filter((verdict) => counts.has(verdict)).map((verdict) => (
          <span key={verdict}>
            <VerdictBadge verdict={verdict} /> {counts.get(verdict)} 项
          </span>
        ))}
      </p>
      {/* On a phone the table scrolls inside its own box (down and sideways), not the page. */}
      <div className="max-h-96 overflow-auto">
        <table className="w-full min-w-xl text-sm md:min-w-0">
          <caption className="sr-only">各指标最新值、目标与判断：先列实施意见正文确定的主要目标，再列重点任务清单中的其他目标</caption>
          <TableHead columns={["指标", "最新值", "目标", "判断"]} dense />
          <IndicatorRows label="主要目标（实施意见正文）" items={items.filter((item) => isHeadline(item.indicator))} />
          <IndicatorRows label="其他目标（重点任务清单）" items={items.filter((item) => !isHeadline(item.indicator))} />
        </table>
      </div>
      <p className="mt-2 text-xs text-slate-600">
        判断依据：{VERDICTS.map((verdict) => VERDICT_LABELS[verdict]).join("、")}
        ；按最近五个审核通过的数值的趋势推算，推算值不超出指标可能的取值范围；最新值早于 {currentYear - STALE_AFTER_YEARS}{" "}
        年的为“数据过旧”，不作推算；已过目标年份而未达到的，总体判断为“未达标”。
      </p>
    </Widget>
  );
}

export async function TaskStatusSummary({ query }: { query: DashboardQuery }) {
  const [{ tasks, moment }, completion] = await Promise.all([
    filteredTasks(query),
    completionCounts({ unitCode: query.unit ?? query.city, section: query.section }),
  ]);
  const counts = countByStatus(tasks);
  return (
    <Widget id="w-tasks" title={`重点任务状态（截至 ${formatChineseDate(moment.today)}）`}>
      <ul className="grid grid-cols-2 gap-2">
        {TASK_STATUS_ORDER.map((status) => (
          <li key={status}>
            <Link
              href={dashboardHref("/dashboard/tasks", query, { status })}
              className="flex items-center justify-between rounded border border-slate-200 px-3 py-2 hover:bg-slate-50"
            >
              <StatusBadge status={status} />
              <span className="text-xl font-semibold tabular-nums" aria-label={`${STATUS_LABELS[status]} ${counts[status]} 项`}>
                {counts[status]}
              </span>
            </Link>
          </li>
        ))}
      </ul>
      <p className="mt-2 text-sm text-slate-600">共 {tasks.length} 项任务；点击数字查看任务清单。</p>
      {/* 销号核查: leaders count verified and claimed completion apart (task × unit, as of now). */}
      <p className="mt-1 text-sm" aria-label="任务单位完成情况">
        任务单位完成：已完成 <strong className="tabular-nums">{completion.verified}</strong> 项（已核查），已完成（待核查）{" "}
        <strong className="tabular-nums">{completion.claimed}</strong> 项
      </p>
    </Widget>
  );
}

export async function ReportingSummary({ query }: { query: DashboardQuery }) {
  const { reporting } = await filteredTasks(query);
  return (
    <Widget id="w-reports" title="季度报告报送">
      <table className="w-full text-sm">
        <TableHead columns={["季度", "应报", "已报送", "已审核通过"]} dense />
        <tbody>
          {[reporting.collecting, reporting.lastClosed].map((row) => (
            <tr key={formatQuarter(row.quarter)} className="border-t border-slate-200">
              <th scope="row" className="px-2 py-1 text-left font-normal">
                {quarterLabel(row.quarter)}
              </th>
              <td className="px-2 py-1 tabular-nums">{row.owed}</td>
              <td className="px-2 py-1 tabular-nums">
                {row.submitted}（{formatShare(row.submitted, row.owed)}）
              </td>
              <td className="px-2 py-1 tabular-nums">
                {row.accepted}（{formatShare(row.accepted, row.owed)}）
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-2 text-sm">
        <Link href={dashboardHref("/dashboard/tasks", query, { status: "OVERDUE_REPORT" })} className="text-blue-800 hover:underline">
          查看逾期未报的任务 →
        </Link>
      </p>
    </Widget>
  );
}

export async function SectionProgress({ query }: { query: DashboardQuery }) {
  const { tasks } = await filteredTasks({ ...query, section: undefined });
  const sections = await sectionCompletion(tasks);
  return (
    <Widget id="w-sections" title="各篇章推进情况">
      <SectionChart data={sections.map((section) => ({ name: `第${section.section}篇`, percent: section.averagePercent }))} />
      <table className="mt-2 w-full text-sm">
        <TableHead columns={["篇章", "任务", "平均完成", "滞后或逾期"]} dense />
        <tbody>
          {sections.map((section) => (
            <tr key={section.section} className="border-t border-slate-200">
              <td className="px-2 py-1">
                <Link
                  href={dashboardHref("/dashboard/tasks", query, { section: section.section, status: "LAGGING" })}
                  className="text-blue-800 hover:underline"
                >
                  {section.section}. {section.title}
                </Link>
              </td>
              <td className="px-2 py-1 tabular-nums">{section.tasks}</td>
              <td className="px-2 py-1 tabular-nums">{section.averagePercent}%</td>
              <td className="px-2 py-1 tabular-nums">{section.lagging}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Widget>
  );
}

/** Rows shown at each end of a ranking longer than twice this. */
const RANKING_EDGE = 20;

/** "30.2（2026年）", marked when it is a demo value. */
function latestText(latest: { value: number; year: number; quarter: number; demo: boolean } | undefined): string {
  return latest ? `${latest.value}（${periodLabel(latest)}${latest.demo ? "，示例数据" : ""}）` : "暂无";
}

export async function UnitRanking({ query, kind }: { query: DashboardQuery; kind: "PROVINCIAL" | "CITY" }) {
  // A long ranking (a national-scale deployment) shows its two ends; the middle is summarised.
  const [{ total, units: shown }, pm25] = await Promise.all([
    rankUnits(kind, quarterKey(query), undefined, query.section, RANKING_EDGE),
    // Beside each city, its latest accepted PM2.5 (the plan's first headline indicator).
    kind === "CITY" ? latestValuesByArea("PM25") : null,
  ]);
  const omitted = total - shown.length;
  const title = kind === "CITY" ? "设区市排名" : "省直单位排名";
  return (
    <Widget id={`w-rank-${kind}`} title={title}>
      <div className="max-h-80 overflow-auto">
        <table className="w-full min-w-xl text-sm md:min-w-0">
          <caption className="sr-only">{title}：按滞后或逾期任务占比排序，少者在前，相同者并列</caption>
          <TableHead
            columns={["名次", "单位", "任务", "滞后或逾期", "滞后占比", "平均完成", pm25 !== null && "PM2.5（微克/立方米）"]}
            dense
          />
          <tbody>
            {shown.map((unit) => (
              <tr key={unit.code} className="border-t border-slate-200">
                <td className="px-2 py-1 whitespace-nowrap tabular-nums">{rankText(unit)}</td>
                <td className="px-2 py-1">
                  <Link
                    href={dashboardHref(
                      "/dashboard/tasks",
                      { ...query, [kind === "CITY" ? "city" : "unit"]: unit.code },
                      { status: "LAGGING" },
                    )}
                    className="text-blue-800 hover:underline"
                  >
                    {unit.shortName}
                  </Link>
                </td>
                <td className="px-2 py-1 tabular-nums">{unit.assignments}</td>
                <td className="px-2 py-1 tabular-nums">{unit.lagging}</td>
                <td className="px-2 py-1 tabular-nums">{formatShare(unit.lagging, unit.assignments)}</td>
                <td className="px-2 py-1 tabular-nums">{unit.averagePercent}%</td>
                {pm25 && <td className="px-2 py-1 tabular-nums">{latestText(pm25.get(unit.code))}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {omitted > 0 && (
        <p className="mt-2 text-sm text-slate-600">
          共 {total} 个单位，显示排在最前和最后的各 {RANKING_EDGE} 个，中间 {omitted} 个从略。
        </p>
      )}
      <p className="mt-2 text-xs text-slate-600">{RANKING_RULE_TEXT}</p>
    </Widget>
  );
}

export async function UpcomingDeadlines({ query }: { query: DashboardQuery }) {
  const { tasks, moment } = await filteredTasks(query);
  const upcoming = upcomingDeadlines(tasks, moment);
  return (
    <Widget id="w-deadlines" title="未来 12 个月到期的任务">
      {upcoming.length === 0 ? (
        <p className="text-slate-600">未来 12 个月没有到期的任务。</p>
      ) : (
        <ul className="space-y-1 text-sm">
          {upcoming.map((task) => (
            <li key={task.number} className="flex items-center justify-between gap-2">
              <Link href={`/tasks/${task.number}`} className="text-blue-800 hover:underline">
                {task.number}. {task.title}
              </Link>
              <span className="flex items-center gap-2 whitespace-nowrap">
                <time dateTime={task.deadline}>{task.deadline}</time>
                <StatusBadge status={task.status} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </Widget>
  );
}
