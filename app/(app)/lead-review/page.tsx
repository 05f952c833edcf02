import { BatchReviewForm } from "@/components/review/batch-review-form";
import { leadReviewAction } from "@/lib/review/actions";
import { requirePermission } from "@/lib/auth/session";
import { listLeadDesk } from "@/lib/review/lead-review";
import { quarterOfRow } from "@/lib/reports/report-record";
import { formatChinaTime } from "@/lib/core/dates";
import { formatQuarter } from "@/lib/core/quarters";
import { PROGRESS_STATE_LABELS } from "@/lib/status/status-rules";
import { TableHead } from "@/components/ui/table-head";
import { listLeadMeasureDesk } from "@/lib/measures/read-measures";
import { leadReviewMeasureListAction } from "@/lib/measures/actions";
import { chinaToday } from "@/lib/core/quarters";
import { MeasureTable } from "@/components/measures/measure-table";
import { DecisionForm, LEAD_DECISION } from "@/components/review/decision-form";

export const metadata = { title: "牵头审核" };

const LEAD_DECISIONS = { approve: { value: "pass", label: "审核通过，转报省生态环境厅" }, returnLabel: "退回" };

/** The 牵头单位's desk: reports and measure lists of the tasks it leads, before 省生态环境厅 sees them. */
export default async function LeadReviewPage() {
  const user = await requirePermission("report:lead-review");
  const [reports, lists] = await Promise.all([listLeadDesk(user), listLeadMeasureDesk(user)]);
  const today = chinaToday();
  return (
    <div className="space-y-4">
      <header>
        <h1 className="text-2xl font-semibold">牵头审核</h1>
        <p role="status" className="text-slate-700">
          {user.unitName ?? "本单位"}牵头的任务中，共 {reports.length} 份报告、{lists.length} 份举措清单待牵头单位审核。
        </p>
        <p className="text-sm text-slate-600">审核通过的报告和举措清单转报省生态环境厅终审；退回的由填报单位修改后重新提交。</p>
      </header>
      <BatchReviewForm empty={reports.length === 0} action={leadReviewAction} noun="报告" field="reports" decisions={LEAD_DECISIONS}>
        <table className="w-full border-collapse bg-white text-sm">
          <caption className="sr-only">待牵头单位审核的报告</caption>
          <TableHead columns={["选择", "任务", "单位", "季度", "进展", "工作进展", "提交时间"]} />
          <tbody>
            {reports.length === 0 && (
              <tr>
                <td colSpan={7} className="px-3 py-6 text-center text-slate-600">
                  没有待牵头单位审核的报告。
                </td>
              </tr>
            )}
            {reports.map((report) => {
              const quarter = formatQuarter(quarterOfRow(report));
              const label = `任务 ${report.task.number} ${report.unit.shortName} ${quarter}`;
              return (
                <tr key={report.id} className="border-t border-slate-200 align-top">
                  <td className="px-3 py-2">
                    <input type="checkbox" name="reports" value={`${report.id}:${report.version}`} aria-label={`选择 ${label}`} />
                  </td>
                  <td className="px-3 py-2">
                    {report.task.number}. {report.task.title}
                  </td>
                  <td className="px-3 py-2">{report.unit.shortName}</td>
                  <td className="px-3 py-2 tabular-nums">{quarter}</td>
                  <td className="px-3 py-2">
                    {PROGRESS_STATE_LABELS[report.progressState]} · {report.percent}%
                  </td>
                  <td className="max-w-md whitespace-pre-wrap px-3 py-2">{report.progress}</td>
                  <td className="px-3 py-2">{report.submittedAt ? formatChinaTime(report.submittedAt) : "—"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </BatchReviewForm>
      <section aria-labelledby="lead-measures-heading" className="space-y-3">
        <h2 id="lead-measures-heading" className="text-xl font-semibold">
          举措清单
        </h2>
        {lists.length === 0 && <p className="text-slate-600">没有待牵头单位审核的举措清单。</p>}
        {lists.map((list) => {
          const name = `任务 ${list.task.number}（${list.unit.shortName}，${list.year}年）`;
          return (
            <section key={list.id} aria-label={`举措清单 ${name}`} className="rounded-lg border border-slate-200 bg-white p-5">
              <h3 className="text-lg font-semibold">
                <span className="mr-2 rounded bg-brand-50 px-1.5 py-0.5 text-sm text-brand-700">举措清单</span>
                {list.unit.shortName} · 任务 {list.task.number}. {list.task.title} · {list.year}年
              </h3>
              <p className="text-sm text-slate-600">
                {list.updatedBy.displayName} 提交于 {list.submittedAt ? formatChinaTime(list.submittedAt) : "—"}
              </p>
              <MeasureTable list={list} today={today} />
              <div className="mt-4 border-t border-slate-200 pt-3">
                <DecisionForm
                  action={leadReviewMeasureListAction}
                  hidden={{ listId: list.id, version: list.version }}
                  label={`审核举措清单${name}`}
                  id={`lead-measure-${list.id}`}
                  decisions={LEAD_DECISION}
                  guardUnsaved={false}
                />
              </div>
            </section>
          );
        })}
      </section>
    </div>
  );
}
