import Link from "next/link";
import { BatchReviewForm } from "@/components/review/batch-review-form";
import { reviewAction } from "@/lib/review/actions";
import { ReportFilterForm } from "@/components/reports/report-filter-form";
import { ReportStatusBadge } from "@/components/reports/status-badge";
import { requirePermission } from "@/lib/auth/session";
import { listReports, scopeOf } from "@/lib/reports/read-reports";
import { quarterOfRow } from "@/lib/reports/report-record";
import { formatChinaTime } from "@/lib/core/dates";
import { listSections } from "@/lib/plan/tasks";
import { listUnitOptions } from "@/lib/plan/units";
import { PROGRESS_STATE_LABELS } from "@/lib/status/status-rules";
import { formatQuarter } from "@/lib/core/quarters";
import { progressQuerySchema } from "@/lib/reports/schemas";
import { ExportLink } from "@/components/ui/export-link";
import { issuesText, parseSearchParams, toURLSearchParams } from "@/lib/core/schemas";
import { TableHead } from "@/components/ui/table-head";
import { CARD_BODY, CARD_CELL, CARD_HEAD, CARD_ROW, CARD_TABLE } from "@/components/ui/card-table";
import { CarriedBadge } from "@/components/reports/carried-badge";
import { countOpenConflicts } from "@/lib/indicators/observation-conflicts";

export const metadata = { title: "审核台" };

export default async function ReviewDeskPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission("report:review");
  const raw = await searchParams;
  const params = toURLSearchParams(raw);
  if (!params.get("status")) params.set("status", "SUBMITTED");
  const parsed = parseSearchParams(progressQuerySchema, params);
  const query = parsed.success ? parsed.data : { status: "SUBMITTED" as const };
  const [reports, sections, units, openConflicts] = await Promise.all([
    listReports(scopeOf(user), query, "review"),
    listSections(),
    listUnitOptions(),
    countOpenConflicts(),
  ]);
  const reviewable = query.status === "SUBMITTED";
  return (
    <div className="space-y-4">
      <header>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h1 className="text-2xl font-semibold">审核台</h1>
          <ExportLink href={`/api/exports/reports.xlsx?${params}`} />
        </div>
        <p role="status" className="text-slate-700">
          共 {reports.length} 份报告{reviewable ? "待审核" : ""}。
        </p>
      </header>
      {!parsed.success && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-2 text-red-900">
          筛选条件无效：{issuesText(parsed.error)}
        </p>
      )}
      <ReportFilterForm
        action="/review"
        values={{ ...query, quarter: query.quarter ? formatQuarter(query.quarter) : undefined }}
        sections={sections}
        units={units}
        statuses={["SUBMITTED", "RETURNED", "ACCEPTED"]}
      />
      <p className="no-print">
        <Link href="/review/observations" className="text-blue-800 hover:underline">
          指标数据审核 →
        </Link>
        <Link href="/review/checks" className="ml-4 text-blue-800 hover:underline">
          销号核查 →
        </Link>
        {openConflicts > 0 && (
          <span className="ml-2 rounded bg-amber-100 px-2 py-0.5 text-sm text-amber-900">{openConflicts} 条数值冲突待处理</span>
        )}
      </p>
      <BatchReviewForm empty={!reviewable || reports.length === 0} action={reviewAction} noun="报告" field="reports">
        <table className={`${CARD_TABLE} w-full border-collapse text-sm md:bg-white`}>
          <caption className="sr-only">报告列表</caption>
          <TableHead columns={[reviewable && "选择", "任务", "单位", "季度", "进展", "状态", "提交时间"]} className={CARD_HEAD} />
          <tbody className={CARD_BODY}>
            {reports.length === 0 && (
              <tr className="block bg-white md:table-row">
                <td colSpan={7} className="block px-3 py-6 text-center text-slate-600 md:table-cell">
                  没有符合条件的报告。
                </td>
              </tr>
            )}
            {reports.map((report) => {
              const label = `任务 ${report.task.number} ${report.unit.shortName} ${formatQuarter(quarterOfRow(report))}`;
              return (
                <tr key={report.id} className={`${CARD_ROW} align-top`}>
                  {reviewable && (
                    <td data-label="选择" className={`${CARD_CELL} empty:hidden md:empty:table-cell`}>
                      {/* Still with the task's 牵头单位: not the reviewer's to decide yet. */}
                      {report.reviewStage !== "LEAD" && (
                        <input
                          type="checkbox"
                          name="reports"
                          value={`${report.id}:${report.version}`}
                          aria-label={`选择 ${label}`}
                          className="h-11 w-5 sm:h-auto sm:w-auto"
                        />
                      )}
                    </td>
                  )}
                  <td data-label="任务" className={CARD_CELL}>
                    <Link href={`/reports/${report.id}`} className="text-blue-800 hover:underline">
                      {report.task.number}. {report.task.title}
                    </Link>
                  </td>
                  <td data-label="单位" className={CARD_CELL}>
                    {report.unit.shortName}
                  </td>
                  <td data-label="季度" className={`${CARD_CELL} tabular-nums`}>
                    {formatQuarter(quarterOfRow(report))}
                  </td>
                  <td data-label="进展" className={CARD_CELL}>
                    {PROGRESS_STATE_LABELS[report.progressState]} · {report.percent}%
                  </td>
                  <td data-label="状态" className={CARD_CELL}>
                    <ReportStatusBadge status={report.status} />{" "}
                    <CarriedBadge from={report.carriedFrom && quarterOfRow(report.carriedFrom)} />
                    {report.status === "SUBMITTED" && report.reviewStage === "LEAD" && (
                      <span className="ml-1 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">待牵头单位审核</span>
                    )}
                    {report.figures.some((figure) => figure.warning) && (
                      <span
                        className="ml-1 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900"
                        title="有指标数值与上次通过的数值相差较大"
                      >
                        ⚠ 数值待核实
                      </span>
                    )}
                  </td>
                  <td data-label="提交时间" className={CARD_CELL}>
                    {report.submittedAt ? formatChinaTime(report.submittedAt) : "—"}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </BatchReviewForm>
    </div>
  );
}
