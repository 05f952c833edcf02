import Link from "next/link";
import { notFound } from "next/navigation";
import { parseRecordNumber, taskNumberSchema } from "@/lib/core/schemas";
import { EvidencePanel } from "@/components/evidence/evidence-panel";
import { ReportForm, type ReportFormValues } from "@/components/reports/report-form";
import { ReportStatusBadge } from "@/components/reports/status-badge";
import { WithdrawForm } from "@/components/reports/withdraw-form";
import { REPORT_STATUS_LABELS } from "@/lib/status/status-rules";
import { requirePermission } from "@/lib/auth/session";
import { getReportForm, type ReportForm as ReportFormData } from "@/lib/reports/read-reports";
import { UserFacingError } from "@/lib/core/errors";
import { chinaToday, parseQuarter, quarterLabel, formatQuarter } from "@/lib/core/quarters";
import { quarterOfRow } from "@/lib/reports/report-record";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { CarriedBadge } from "@/components/reports/carried-badge";
import { CarryForwardForm } from "@/components/reports/report-batch-form";
import { carrySourceFor } from "@/lib/reports/carry-forward";
import { RaiseIssuePanel } from "@/components/coordination/raise-issue-panel";
import type { ReportMilestoneItem } from "@/components/reports/milestone-entries";
import { formatIsoDate } from "@/lib/core/dates";
import { milestoneLight } from "@/lib/measures/milestone-lights";

export const metadata = { title: "填报进展" };

type StoredReport = NonNullable<ReportFormData["report"]>;

function formValuesOf(report: StoredReport | null): ReportFormValues | null {
  if (!report) return null;
  return {
    progressState: report.progressState,
    percent: report.percent,
    progress: report.progress,
    problems: report.problems,
    nextSteps: report.nextSteps,
    figures: Object.fromEntries(
      report.figures.map((figure) => [figure.indicator.code, { value: figure.value.toString(), period: figure.period, note: figure.note }]),
    ),
  };
}

/** The quarter's milestones as the form shows them: what this report recorded, else the milestone's own state (a late one stays late). */
function milestoneItemsOf(data: ReportFormData, today: string): ReportMilestoneItem[] {
  const iso = (date: Date | null) => (date ? formatIsoDate(date) : "");
  const entries = new Map(data.report?.milestoneEntries.map((entry) => [entry.milestoneId, entry]));
  return data.milestones.map((milestone) => {
    const entry = entries.get(milestone.id);
    const check = milestone.checks[0];
    const verified = milestone.status === "DONE" && check?.passed === true;
    const plannedDate = formatIsoDate(milestone.plannedDate);
    return {
      id: milestone.id,
      title: milestone.title,
      measure: milestone.measure.text,
      plannedDate,
      newDate: milestone.status === "LATE" && milestone.newDate ? formatIsoDate(milestone.newDate) : null,
      deliverable: milestone.deliverable,
      light: milestoneLight({ status: milestone.status, plannedDate, verified }, today),
      reopenedFinding: check && !check.passed && milestone.status !== "DONE" ? check.finding : null,
      verified,
      initial: entry
        ? { outcome: entry.outcome, doneDate: iso(entry.doneDate), reason: entry.reason ?? "", newDate: iso(entry.newDate) }
        : milestone.status === "LATE"
          ? { outcome: "LATE", doneDate: "", reason: milestone.lateReason ?? "", newDate: iso(milestone.newDate) }
          : { outcome: "PLANNED", doneDate: "", reason: "", newDate: "" },
    };
  });
}

export default async function FillReportPage({
  params,
  searchParams,
}: {
  params: Promise<{ task: string; quarter: string }>;
  searchParams: Promise<{ saved?: string }>;
}) {
  const user = await requirePermission("report:write");
  const { task: rawTask, quarter: rawQuarter } = await params;
  const quarter = parseQuarter(rawQuarter);
  const taskNumber = parseRecordNumber(taskNumberSchema, rawTask);
  if (taskNumber === null || !quarter) notFound();
  let data: ReportFormData;
  try {
    data = await getReportForm(user, taskNumber, quarter);
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    return (
      <div className="space-y-3">
        <h1 className="text-2xl font-semibold">不能填报</h1>
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
          {error.message}
        </p>
        <Link href="/my" className="text-blue-800 hover:underline">
          返回我的待办
        </Link>
      </div>
    );
  }
  const { task, report, previous, editable, withdrawable } = data;
  const carrySource = editable ? await carrySourceFor(user, task.number, quarter) : null;
  const savedVersion = (await searchParams).saved;
  const today = chinaToday();
  const saved = savedVersion !== undefined;
  return (
    <article className="space-y-6">
      <Breadcrumb href="/my" label="我的待办">
        任务 {task.number} / {formatQuarter(quarter)}
      </Breadcrumb>
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">
          {quarterLabel(quarter)}进展：{task.number}. {task.title}
        </h1>
        <p className="text-slate-700">
          {user.unitName} · 完成时限 {task.deadlineText} · 报告状态 <ReportStatusBadge status={report?.status ?? null} />{" "}
          <CarriedBadge from={report?.carriedFrom && quarterOfRow(report.carriedFrom)} />
        </p>
        {report?.status === "RETURNED" && report.reviewComment && (
          <p className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
            <strong>退回意见：</strong>
            {report.reviewComment}
          </p>
        )}
        {saved && (
          <p role="status" className="rounded border border-green-300 bg-green-50 p-2 text-green-900">
            已保存草稿。
          </p>
        )}
      </header>
      <details className="rounded border border-slate-200 bg-white p-4">
        <summary className="cursor-pointer font-medium">工作内容（文件原文）</summary>
        <p className="mt-2 leading-7">{task.content}</p>
      </details>
      {carrySource && (
        <CarryForwardForm
          reference={`${task.number}:${formatQuarter(quarter)}:${report?.version ?? 0}`}
          source={`${quarterLabel(carrySource)}已通过报告`}
        />
      )}
      {editable ? (
        <ReportForm
          // A fresh form only after this person's own save (the URL then names the saved version).
          key={savedVersion ?? "loaded"}
          taskNumber={task.number}
          quarter={formatQuarter(quarter)}
          version={report?.version ?? 0}
          indicators={task.indicators.map(({ indicator }) => ({
            code: indicator.code,
            name: indicator.name,
            measureUnit: indicator.measureUnit,
            targets: indicator.targets.map((target) => `${target.year}年${target.text}`).join("；"),
            warning: report?.figures.find((figure) => figure.indicator.code === indicator.code)?.warning ?? null,
          }))}
          initial={formValuesOf(report)}
          previous={formValuesOf(previous)}
          defaultPeriod={String(quarter.year)}
          milestones={milestoneItemsOf(data, today)}
          today={today}
        />
      ) : (
        <div className="space-y-3 rounded border border-slate-300 bg-slate-50 p-3">
          <p>
            该报告{report ? REPORT_STATUS_LABELS[report.status] : ""}，不能修改。
            {report && (
              <Link href={`/reports/${report.id}`} className="ml-2 text-blue-800 hover:underline">
                查看报告
              </Link>
            )}
          </p>
          {report && withdrawable && <WithdrawForm reportId={report.id} version={report.version} />}
        </div>
      )}
      {report ? (
        <EvidencePanel reportId={report.id} files={report.evidence} editable={editable} />
      ) : (
        <p className="text-sm text-slate-600">保存草稿后可上传佐证材料。</p>
      )}
      <RaiseIssuePanel user={user} taskNumber={task.number} reportId={report?.id ?? null} />
    </article>
  );
}
