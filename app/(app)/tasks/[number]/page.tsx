import Link from "next/link";
import { notFound } from "next/navigation";
import { parseRecordNumber, taskNumberSchema } from "@/lib/core/schemas";
import { LeadUnitForm } from "@/components/admin/lead-unit-form";
import { TargetList } from "@/components/indicators/target-list";
import { requirePermission } from "@/lib/auth/session";
import { can, reportReadScope } from "@/lib/auth/roles";
import { getTaskByNumber } from "@/lib/plan/tasks";
import { getTaskReviewLevels } from "@/lib/plan/lead-unit";
import { formatChineseDate } from "@/lib/core/dates";
import { ReportStatusBadge, StatusBadge } from "@/components/reports/status-badge";
import { getTaskStatus } from "@/lib/status/task-status";
import { listReports } from "@/lib/reports/read-reports";
import { quarterOfRow } from "@/lib/reports/report-record";
import { PROGRESS_STATE_LABELS } from "@/lib/status/status-rules";
import { formatQuarter } from "@/lib/core/quarters";
import { TableHead } from "@/components/ui/table-head";
import { ExportLink } from "@/components/ui/export-link";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { TaskMeasures } from "@/components/measures/task-measures";
import { AmendmentHistory } from "@/components/tasks/amendment-history";
import { listTaskAmendments } from "@/lib/plan/amendments";
import { listIssues } from "@/lib/coordination/coordination";
import { IssueTable } from "@/components/coordination/issue-table";
import { EscalationPanel } from "@/components/escalation/escalation-panel";

export async function generateMetadata({ params }: { params: Promise<{ number: string }> }) {
  const { number } = await params;
  return { title: `任务 ${number}` };
}

export default async function TaskPage({ params }: { params: Promise<{ number: string }> }) {
  const user = await requirePermission("plan:read");
  const number = parseRecordNumber(taskNumberSchema, (await params).number);
  const task = number === null ? null : await getTaskByNumber(number);
  if (!task) notFound();
  const assigned = [...task.units, ...task.cities];
  const scope = reportReadScope(user);
  const [reports, status, amendments, issues] = await Promise.all([
    scope ? listReports(scope, { task: task.number }) : null,
    scope ? getTaskStatus(task.number, task.deadline.date) : null,
    listTaskAmendments(task.number),
    can(user.role, "coordination:read") ? listIssues(user, { task: task.number }) : null,
  ]);
  return (
    <article className="space-y-6">
      <Breadcrumb href="/tasks" label="重点任务">
        任务 {task.number}
      </Breadcrumb>
      <header>
        <p className="text-sm text-slate-600">
          {task.section.number}. {task.section.title}
        </p>
        <h1 className="mt-1 text-2xl font-semibold">
          <span className="mr-2 tabular-nums text-slate-500">{task.number}</span>
          {task.title}
        </h1>
      </header>

      <section aria-labelledby="content-heading" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="content-heading" className="text-lg font-semibold">
          工作内容
        </h2>
        <p className="mt-2 leading-7">{task.content}</p>
        <dl className="mt-4 grid gap-2 sm:grid-cols-2">
          <div>
            <dt className="text-sm text-slate-600">完成时限</dt>
            <dd>
              {task.deadline.text}（<time dateTime={task.deadline.date}>{formatChineseDate(task.deadline.date)}</time>）
            </dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">牵头单位</dt>
            <dd>{task.leadUnit ? task.leadUnit.shortName : "未指定"}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="units-heading" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="units-heading" className="text-lg font-semibold">
          责任单位（按职责分工负责）
        </h2>
        <ol className="mt-3 list-decimal space-y-1 pl-6">
          {task.units.map((unit) => (
            <li key={unit.code}>
              <Link href={`/units/${unit.code}`} className="text-blue-800 hover:underline">
                {unit.shortName}
              </Link>
              {task.leadUnit?.code === unit.code && <strong className="ml-2 text-brand-700">牵头</strong>}
            </li>
          ))}
        </ol>
        <h3 className="mt-4 font-medium">各设区市委、市人民政府</h3>
        <ul className="mt-2 flex flex-wrap gap-2">
          {task.cities.map((city) => (
            <li key={city.code}>
              <Link href={`/units/${city.code}`} className="rounded bg-slate-100 px-2 py-0.5 hover:underline">
                {city.shortName}
              </Link>
              {task.leadUnit?.code === city.code && <strong className="ml-1 text-brand-700">牵头</strong>}
            </li>
          ))}
        </ul>
        {can(user.role, "plan:edit") && (
          <div className="no-print mt-5 border-t border-slate-200 pt-4">
            <LeadUnitForm
              taskNumber={task.number}
              version={task.version}
              currentCode={task.leadUnit?.code ?? null}
              reviewLevels={await getTaskReviewLevels(task.number)}
              units={assigned}
            />
            <Link href={`/admin/amendments/${task.number}`} className="mt-2 inline-block text-sm text-blue-800 hover:underline">
              依据文件调整完成时限、责任单位或牵头单位（计划调整）
            </Link>
          </div>
        )}
      </section>

      <section aria-labelledby="indicators-heading" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="indicators-heading" className="text-lg font-semibold">
          相关目标指标
        </h2>
        {task.indicators.length === 0 ? (
          <p className="mt-2 text-slate-600">本任务没有量化目标指标。</p>
        ) : (
          <table className="mt-3 w-full text-sm">
            <TableHead columns={["指标", "目标"]} />
            <tbody>
              {task.indicators.map((indicator) => (
                <tr key={indicator.code} className="border-t border-slate-200 align-top">
                  <td className="px-3 py-2">
                    <Link href={`/indicators/${indicator.code}`} className="text-blue-800 hover:underline">
                      {indicator.name}
                    </Link>
                  </td>
                  <td className="px-3 py-2">
                    <TargetList targets={indicator.targets} measureUnit={indicator.measureUnit} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <AmendmentHistory amendments={amendments} taskNumber={task.number} />

      {status && (
        <section aria-labelledby="status-heading" className="rounded-lg border border-slate-200 bg-white p-5">
          <h2 id="status-heading" className="flex items-center gap-3 text-lg font-semibold">
            推进状态 <StatusBadge status={status.status} />
          </h2>
          <ul className="mt-3 grid gap-x-6 gap-y-1 sm:grid-cols-2 lg:grid-cols-3">
            {status.units.map((unit) => (
              <li key={unit.code} className="flex items-center justify-between gap-2 text-sm">
                <span>{unit.shortName}</span>
                <StatusBadge status={unit.assessment.status} reason={unit.assessment.reason} verified={unit.assessment.verified} />
              </li>
            ))}
          </ul>
        </section>
      )}

      {scope && <TaskMeasures taskNumber={task.number} />}
      <EscalationPanel user={user} task={task.number} />
      {issues && (
        <section aria-labelledby="coordination-heading" className="rounded-lg border border-slate-200 bg-white p-5">
          <h2 id="coordination-heading" className="text-lg font-semibold">
            需协调事项
          </h2>
          <IssueTable issues={issues} showTask={false} />
        </section>
      )}

      {reports && (
        <section aria-labelledby="reports-heading" className="rounded-lg border border-slate-200 bg-white p-5">
          <div className="flex items-center justify-between gap-3">
            <h2 id="reports-heading" className="text-lg font-semibold">
              各单位进展报告
            </h2>
            <ExportLink href={`/api/exports/reports.xlsx?task=${task.number}`} />
          </div>
          {reports.length === 0 ? (
            <p className="mt-2 text-slate-600">暂无可查看的报告。</p>
          ) : (
            <table className="mt-3 w-full text-sm">
              <TableHead columns={["季度", "单位", "进展", "工作进展", "状态"]} />
              <tbody>
                {reports.map((report) => (
                  <tr key={report.id} className="border-t border-slate-200 align-top">
                    <td className="px-3 py-2 tabular-nums">
                      <Link href={`/reports/${report.id}`} className="text-blue-800 hover:underline">
                        {formatQuarter(quarterOfRow(report))}
                      </Link>
                    </td>
                    <td className="px-3 py-2">{report.unit.shortName}</td>
                    <td className="px-3 py-2">
                      {PROGRESS_STATE_LABELS[report.progressState]} · {report.percent}%
                    </td>
                    <td className="max-w-md px-3 py-2">
                      {report.progress.length > 120 ? `${report.progress.slice(0, 120)}…` : report.progress}
                    </td>
                    <td className="px-3 py-2">
                      <ReportStatusBadge status={report.status} />
                    </td>
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
