import { requirePermission } from "@/lib/auth/session";
import { reportReadScope } from "@/lib/auth/roles";
import { chinaToday } from "@/lib/core/quarters";
import { formatChinaTime } from "@/lib/core/dates";
import { issuesText, parseSearchParams, toURLSearchParams } from "@/lib/core/schemas";
import { listMeasureListsForReader } from "@/lib/measures/read-measures";
import { measureQuerySchema } from "@/lib/measures/schemas";
import { reviewMeasureListAction } from "@/lib/measures/actions";
import { listUnitOptions } from "@/lib/plan/units";
import { MeasureTable } from "@/components/measures/measure-table";
import { MeasureFilterForm } from "@/components/measures/measure-filter-form";
import { DecisionForm } from "@/components/review/decision-form";
import { ReportStatusBadge } from "@/components/reports/status-badge";
import { ExportLink } from "@/components/ui/export-link";

export const metadata = { title: "举措清单审核" };

/** 省生态环境厅's measures desk: the submitted lists to decide, or any lists by unit, task, year and status. */
export default async function MeasureReviewPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePermission("report:review");
  const params = toURLSearchParams(await searchParams);
  if (!params.get("status")) params.set("status", "SUBMITTED");
  const parsed = parseSearchParams(measureQuerySchema, params);
  const query = parsed.success ? parsed.data : { status: "SUBMITTED" as const };
  const [lists, units] = await Promise.all([listMeasureListsForReader(reportReadScope(user)!, query), listUnitOptions()]);
  const today = chinaToday();
  const deciding = query.status === "SUBMITTED";
  return (
    <article className="space-y-5">
      <header className="space-y-1">
        <div className="flex items-center justify-between gap-3">
          <h1 className="text-2xl font-semibold">举措清单审核</h1>
          <ExportLink href={`/api/exports/measures.xlsx?${params}`} />
        </div>
        <p role="status" className="text-slate-700">
          各单位的年度举措与节点，共 {lists.length} 份{deciding ? "待审核" : ""}。
        </p>
      </header>
      {!parsed.success && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-2 text-red-900">
          筛选条件无效：{issuesText(parsed.error)}
        </p>
      )}
      <MeasureFilterForm action="/review/measures" values={query} units={units} statuses={["SUBMITTED", "RETURNED", "ACCEPTED"]} />
      {lists.length === 0 && <p className="text-slate-600">没有符合条件的举措清单。</p>}
      {lists.map((list) => {
        const name = `任务 ${list.task.number}（${list.unit.shortName}，${list.year}年）`;
        const withLeadUnit = list.status === "SUBMITTED" && list.reviewStage === "LEAD";
        return (
          <section key={list.id} aria-label={name} className="rounded-lg border border-slate-200 bg-white p-5">
            <h2 className="text-lg font-semibold">
              {list.unit.shortName} · 任务 {list.task.number}. {list.task.title} · {list.year}年
            </h2>
            <p className="text-sm text-slate-600">
              <ReportStatusBadge status={list.status} />
              {withLeadUnit && <span className="ml-1 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">待牵头单位审核</span>}{" "}
              {list.updatedBy.displayName} · 提交于 {list.submittedAt ? formatChinaTime(list.submittedAt) : "—"}
            </p>
            {list.reviewComment && <p className="mt-1 text-sm text-slate-700">审核意见：{list.reviewComment}</p>}
            <MeasureTable list={list} today={today} />
            {list.status === "SUBMITTED" && !withLeadUnit && (
              <div className="mt-4 border-t border-slate-200 pt-3">
                <DecisionForm
                  action={reviewMeasureListAction}
                  hidden={{ listId: list.id, version: list.version }}
                  label={`审核${name}`}
                  id={`measure-review-${list.id}`}
                  guardUnsaved={false}
                />
              </div>
            )}
          </section>
        );
      })}
    </article>
  );
}
