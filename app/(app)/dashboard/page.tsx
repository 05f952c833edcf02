import Link from "next/link";
import { Suspense } from "react";
import {
  IndicatorVerdicts,
  ReportingSummary,
  SectionProgress,
  TaskStatusSummary,
  UnitRanking,
  UpcomingDeadlines,
  WidgetSkeleton,
} from "@/components/dashboard/widgets";
import { MilestonePanel } from "@/components/dashboard/milestone-widgets";
import { EscalationSummary } from "@/components/escalation/escalation-summary";
import { ReportFilterForm } from "@/components/reports/report-filter-form";
import { requirePermission } from "@/lib/auth/session";
import { listSections } from "@/lib/plan/tasks";
import { listUnitOptions } from "@/lib/plan/units";
import { chinaToday, formatQuarter } from "@/lib/core/quarters";
import { dashboardHref, parseDashboardQuery } from "@/lib/dashboard/filters";

export const metadata = { title: "总览" };

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission("dashboard:read");
  const { query, error } = parseDashboardQuery(await searchParams);
  const [sections, units] = await Promise.all([listSections(), listUnitOptions()]);
  const currentYear = Number(chinaToday().slice(0, 4));
  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">美丽江西建设总览</h1>
          <p className="text-slate-700">各项目标指标、重点任务、篇章、单位与设区市的推进情况；只计审核通过的报告和数值。</p>
        </div>
        <nav aria-label="总览视图" className="no-print flex flex-wrap gap-3 text-sm">
          <Link
            href={dashboardHref("/dashboard/brief", query)}
            className="inline-flex min-h-11 items-center rounded border border-slate-300 px-3 py-1.5 hover:bg-slate-100 sm:inline sm:min-h-0"
          >
            本季度变化（可打印）
          </Link>
          <Link
            href={dashboardHref("/dashboard/cities", query)}
            className="inline-flex min-h-11 items-center rounded border border-slate-300 px-3 py-1.5 hover:bg-slate-100 sm:inline sm:min-h-0"
          >
            设区市对比
          </Link>
          <Link
            href={dashboardHref("/dashboard/milestones", query)}
            className="inline-flex min-h-11 items-center rounded border border-slate-300 px-3 py-1.5 hover:bg-slate-100 sm:inline sm:min-h-0"
          >
            节点按期完成
          </Link>
        </nav>
      </header>
      {error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-2 text-red-900">
          筛选条件无效，已忽略：{error}
        </p>
      )}
      <ReportFilterForm
        action="/dashboard"
        values={{ ...query, quarter: query.quarter ? formatQuarter(query.quarter) : undefined }}
        sections={sections}
        units={units}
      />
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Suspense fallback={<WidgetSkeleton title="目标指标进度" wide />}>
          <IndicatorVerdicts currentYear={currentYear} />
        </Suspense>
        <Suspense fallback={<WidgetSkeleton title="重点任务状态" />}>
          <TaskStatusSummary query={query} />
        </Suspense>
        <Suspense fallback={<WidgetSkeleton title="季度报告报送" />}>
          <ReportingSummary query={query} />
        </Suspense>
        <Suspense fallback={<WidgetSkeleton title="各篇章推进情况" />}>
          <SectionProgress query={query} />
        </Suspense>
        <Suspense fallback={<WidgetSkeleton title="举措节点" />}>
          <MilestonePanel query={query} />
        </Suspense>
        <Suspense fallback={<WidgetSkeleton title="督办事项（未办结）" />}>
          <EscalationSummary unit={query.unit ?? query.city} />
        </Suspense>
        <Suspense fallback={<WidgetSkeleton title="未来 12 个月到期的任务" />}>
          <UpcomingDeadlines query={query} />
        </Suspense>
        <Suspense fallback={<WidgetSkeleton title="设区市排名" />}>
          <UnitRanking query={query} kind="CITY" />
        </Suspense>
        <Suspense fallback={<WidgetSkeleton title="省直单位排名" />}>
          <UnitRanking query={query} kind="PROVINCIAL" />
        </Suspense>
      </div>
    </div>
  );
}
