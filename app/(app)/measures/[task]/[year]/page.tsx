import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/auth/session";
import { formatChinaTime, formatIsoDate } from "@/lib/core/dates";
import { UserFacingError } from "@/lib/core/errors";
import { parseRecordNumber, taskNumberSchema, yearSchema } from "@/lib/core/schemas";
import { actionLabel } from "@/lib/audit/audit-labels";
import { getMeasureListForm, type MeasureListForm as MeasureListFormData } from "@/lib/measures/read-measures";
import { REPORT_STATUS_LABELS } from "@/lib/status/status-rules";
import { MeasureListForm, type MeasureValues } from "@/components/measures/measure-list-form";
import { ReportStatusBadge } from "@/components/reports/status-badge";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { reopenedFindings } from "@/lib/verification/checks";

export const metadata = { title: "填写年度举措" };

const MILESTONE_STATUS_LABELS = { PLANNED: "", DONE: "已完成（待核查）", LATE: "已延期", DROPPED: "已取消" } as const;

function formValuesOf(list: MeasureListFormData["list"], indicators: MeasureListFormData["task"]["indicators"]): MeasureValues[] {
  const codeById = new Map(indicators.map((indicator) => [indicator.id, indicator.code]));
  return (list?.measures ?? []).map((measure) => ({
    id: measure.id,
    text: measure.text,
    responsible: measure.responsible,
    fundsPlanned: measure.fundsPlanned?.toString() ?? "",
    fundsSpent: measure.fundsSpent?.toString() ?? "",
    fundsSource: measure.fundsSource ?? "",
    milestones: measure.milestones.map((milestone) => ({
      id: milestone.id,
      title: milestone.title,
      plannedDate: formatIsoDate(milestone.plannedDate),
      deliverable: milestone.deliverable,
      indicator: milestone.indicatorId === null ? "" : (codeById.get(milestone.indicatorId) ?? ""),
      targetValue: milestone.targetValue?.toString() ?? "",
      statusLabel: milestone.checks.length > 0 ? "已完成（已核查）" : MILESTONE_STATUS_LABELS[milestone.status] || undefined,
    })),
  }));
}

export default async function MeasureListPage({
  params,
  searchParams,
}: {
  params: Promise<{ task: string; year: string }>;
  searchParams: Promise<{ saved?: string; submitted?: string }>;
}) {
  const user = await requirePermission("report:write");
  const raw = await params;
  const taskNumber = parseRecordNumber(taskNumberSchema, raw.task);
  const year = yearSchema().safeParse(raw.year);
  if (taskNumber === null || !year.success || !/^\d{4}$/.test(raw.year)) notFound();
  let data: MeasureListFormData | null;
  try {
    data = await getMeasureListForm(user, taskNumber, year.data);
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    return (
      <div className="space-y-3">
        <h1 className="text-2xl font-semibold">不能填写</h1>
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
          {error.message}
        </p>
        <Link href="/measures" className="text-blue-800 hover:underline">
          返回年度举措
        </Link>
      </div>
    );
  }
  if (!data) notFound();
  const { task, list, editability, defaultRole } = data;
  // Milestones a failed 销号核查 reopened, with the finding (the unit reports them again in its next quarterly report).
  const milestones = list?.measures.flatMap((measure) => measure.milestones) ?? [];
  const findings = await reopenedFindings(milestones.filter((milestone) => milestone.status !== "DONE").map((milestone) => milestone.id));
  const reopened = milestones.flatMap((milestone) =>
    findings.has(milestone.id) ? [{ ...milestone, finding: findings.get(milestone.id)! }] : [],
  );
  const query = await searchParams;
  const withLeadUnit = list?.status === "SUBMITTED" && list.reviewStage === "LEAD";
  const notice = query.submitted
    ? `已提交，${withLeadUnit ? "等待牵头单位审核" : "等待省生态环境厅审核"}。`
    : query.saved
      ? "已保存草稿。"
      : null;
  return (
    <article className="space-y-6">
      <Breadcrumb href={`/measures?year=${year.data}`} label="年度举措">
        任务 {task.number} / {year.data}年
      </Breadcrumb>
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">
          {year.data}年度举措：{task.number}. {task.title}
        </h1>
        <p className="text-slate-700">
          {user.unitName} · 完成时限 {task.deadlineText} · 清单状态 <ReportStatusBadge status={list?.status ?? null} />
          {withLeadUnit && <span className="ml-1 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">待牵头单位审核</span>}
          {list?.demo && <span className="ml-2 rounded bg-amber-100 px-1.5 text-xs text-amber-900">示例数据</span>}
        </p>
        {list?.status === "RETURNED" && list.reviewComment && (
          <p className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
            <strong>退回意见：</strong>
            {list.reviewComment}
          </p>
        )}
        {notice && (
          <p role="status" className="rounded border border-green-300 bg-green-50 p-2 text-green-900">
            {notice}
          </p>
        )}
        {reopened.length > 0 && (
          <div className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
            <strong>销号核查未通过的节点</strong>（请在下次季度报告中重新说明完成情况）：
            <ul className="mt-1 list-disc pl-5">
              {reopened.map((milestone) => (
                <li key={milestone.id}>
                  {milestone.title}：{milestone.finding}
                </li>
              ))}
            </ul>
          </div>
        )}
      </header>
      <details className="rounded border border-slate-200 bg-white p-4">
        <summary className="cursor-pointer font-medium">工作内容（文件原文）</summary>
        <p className="mt-2 leading-7">{task.content}</p>
      </details>
      {editability === "editable" || editability === "needs-reason" ? (
        <MeasureListForm
          key={list?.version ?? 0}
          taskNumber={task.number}
          year={year.data}
          version={list?.version ?? 0}
          role={list?.role ?? defaultRole}
          measures={formValuesOf(list, task.indicators)}
          indicators={task.indicators.map(({ code, name, measureUnit }) => ({ code, name, measureUnit }))}
          needsReason={editability === "needs-reason"}
        />
      ) : (
        <p className="rounded border border-slate-300 bg-slate-50 p-3">
          该举措清单{list ? REPORT_STATUS_LABELS[list.status] : ""}，审核完成前不能修改。
        </p>
      )}
      {list && list.revisions.length > 0 && (
        <section aria-labelledby="history-heading" className="rounded-lg border border-slate-200 bg-white p-5">
          <h2 id="history-heading" className="text-lg font-semibold">
            修改历史
          </h2>
          <ol className="mt-2 space-y-1 text-sm">
            {list.revisions.map((revision) => (
              <li key={revision.version}>
                <span className="tabular-nums text-slate-500">第 {revision.version} 版</span> · {formatChinaTime(revision.at)} ·{" "}
                {revision.actor.displayName} · {actionLabel(revision.action)}（{REPORT_STATUS_LABELS[revision.status]}）
                {revision.reason && <span> · 修改原因：{revision.reason}</span>}
              </li>
            ))}
          </ol>
        </section>
      )}
    </article>
  );
}
