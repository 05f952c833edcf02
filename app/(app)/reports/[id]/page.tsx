import Link from "next/link";
import { notFound } from "next/navigation";
import { idSchema, parseRecordNumber } from "@/lib/core/schemas";
import { EvidencePanel } from "@/components/evidence/evidence-panel";
import { ReportBody } from "@/components/reports/report-body";
import { DecisionForm } from "@/components/review/decision-form";
import { reviewAction } from "@/lib/review/actions";
import { UnlockForm } from "@/components/review/unlock-form";
import { ReportStatusBadge } from "@/components/reports/status-badge";
import { WithdrawForm } from "@/components/reports/withdraw-form";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";
import { getReportDetail } from "@/lib/reports/read-reports";
import { quarterOfRow } from "@/lib/reports/report-record";
import { formatChinaTime } from "@/lib/core/dates";
import { addQuarters, formatQuarter, quarterLabel } from "@/lib/core/quarters";
import { diffSnapshots, type SnapshotLike } from "@/lib/reports/report-diff";
import { TableHead } from "@/components/ui/table-head";
import { CarriedBadge } from "@/components/reports/carried-badge";

export const metadata = { title: "进展报告" };

const ACTION_LABELS: Record<string, string> = {
  "report.save": "保存草稿",
  "report.submit": "提交审核",
  "report.resubmit": "修改后重新提交",
  "report.accept": "审核通过",
  "report.return": "退回修改",
  "report.withdraw": "撤回",
  "report.carry_forward": "沿用上季度并提交",
  "report.pass_on": "牵头单位转报",
  "report.lead_return": "牵头单位退回",
  "report.unlock": "解锁退回",
};

export default async function ReportPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ submitted?: string; reviewed?: string; withdrawn?: string }>;
}) {
  const user = await requirePermission("report:read");
  const { id } = await params;
  const reportId = parseRecordNumber(idSchema(""), id);
  const detail = reportId === null ? null : await getReportDetail(reportId, user);
  if (!detail) notFound();
  const { report, previous, editable, withdrawable } = detail;
  const quarter = quarterOfRow(report);
  const revisions = report.revisions;
  const { submitted: submittedFlag, reviewed: reviewedFlag, withdrawn: withdrawnFlag } = await searchParams;
  // Each notice only while it is still true (the page may be reloaded after the report moved on).
  const submitted = submittedFlag === "1" && report.status === "SUBMITTED";
  const withdrawn = withdrawnFlag === "1" && report.status === "DRAFT";
  const reviewed = reviewedFlag === "accept" || reviewedFlag === "return" ? reviewedFlag : null;
  return (
    <article className="space-y-6">
      <nav aria-label="面包屑" className="no-print text-sm text-slate-600">
        <Link href={`/tasks/${report.task.number}`} className="hover:underline">
          任务 {report.task.number}
        </Link>{" "}
        / {report.unit.shortName} / {formatQuarter(quarter)}
      </nav>
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">
          {report.unit.shortName} · {quarterLabel(quarter)}进展：{report.task.number}. {report.task.title}
        </h1>
        <p className="text-slate-700">
          报告状态 <ReportStatusBadge status={report.status} /> · 第 {report.version} 版 · 最后修改：{report.updatedBy.displayName}，
          {formatChinaTime(report.updatedAt)} <CarriedBadge from={report.carriedFrom && quarterOfRow(report.carriedFrom)} />
        </p>
        {reviewed && (
          <p role="status" className="rounded border border-green-300 bg-green-50 p-2 text-green-900">
            {reviewed === "accept" ? "已审核通过 1 份报告。" : "已退回 1 份报告，填报单位将在待办中看到审核意见。"}
          </p>
        )}
        {submitted && (
          <p role="status" className="rounded border border-green-300 bg-green-50 p-2 text-green-900">
            已提交，等待省生态环境厅审核。
          </p>
        )}
        {withdrawn && (
          <p role="status" className="rounded border border-green-300 bg-green-50 p-2 text-green-900">
            已撤回，报告回到草稿状态，审核人看不到它；修改后请重新提交审核。
          </p>
        )}
        {report.reviewComment && (
          <p
            className={`rounded border p-3 ${report.status === "RETURNED" ? "border-red-300 bg-red-50 text-red-900" : "border-slate-300 bg-slate-50"}`}
          >
            <strong>审核意见（{report.reviewedBy?.displayName}）：</strong>
            {report.reviewComment}
          </p>
        )}
        {editable && (
          <Link
            href={`/progress/${report.task.number}/${formatQuarter(quarter)}`}
            className="no-print inline-flex min-h-11 items-center rounded bg-brand-700 px-3 py-1.5 text-white sm:inline-block sm:min-h-0"
          >
            修改报告
          </Link>
        )}
        {withdrawable && <WithdrawForm reportId={report.id} version={report.version} />}
      </header>

      <section aria-labelledby="compare-heading" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="compare-heading" className="text-lg font-semibold">
          本季度与上季度对照
        </h2>
        <div className="mt-3 grid gap-6 md:grid-cols-2">
          <div>
            <h3 className="mb-2 font-medium">{quarterLabel(quarter)}（本季度）</h3>
            <ReportBody report={report} cityName={report.unit.kind === "CITY" ? report.unit.shortName : null} />
          </div>
          <div className="md:border-l md:border-slate-200 md:pl-6">
            <h3 className="mb-2 font-medium">{quarterLabel(addQuarters(quarter, -1))}（上季度）</h3>
            {previous ? (
              <ReportBody report={previous} cityName={report.unit.kind === "CITY" ? report.unit.shortName : null} />
            ) : (
              <p className="text-slate-600">上季度无可查看的报告。</p>
            )}
          </div>
        </div>
      </section>

      <EvidencePanel reportId={report.id} files={report.evidence} editable={editable} />

      {can(user.role, "report:review") && report.status === "SUBMITTED" && report.reviewStage === "LEAD" && (
        <p className="no-print rounded border border-slate-300 bg-slate-50 p-3">该报告尚待牵头单位审核，转报后方可终审。</p>
      )}
      {can(user.role, "report:review") && report.status === "ACCEPTED" && (
        <section aria-labelledby="unlock-heading" className="no-print rounded-lg border border-slate-200 bg-white p-5">
          <h2 id="unlock-heading" className="text-lg font-semibold">
            解锁
          </h2>
          <UnlockForm reportId={report.id} version={report.version} />
        </section>
      )}
      {can(user.role, "report:review") && report.status === "SUBMITTED" && report.reviewStage !== "LEAD" && (
        <section aria-labelledby="review-heading" className="no-print rounded-lg border border-blue-200 bg-blue-50 p-5">
          <h2 id="review-heading" className="text-lg font-semibold">
            审核
          </h2>
          <DecisionForm
            action={reviewAction}
            hidden={{ reports: `${report.id}:${report.version}`, returnTo: `/reports/${report.id}` }}
            label="审核"
            id="review-comment"
          />
        </section>
      )}

      <section aria-labelledby="history-heading" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="history-heading" className="text-lg font-semibold">
          版本记录
        </h2>
        <ol className="mt-3 space-y-3">
          {revisions.map((revision, index) => {
            const older = revisions[index + 1];
            const changes = diffSnapshots(
              (older?.snapshot as SnapshotLike | undefined) ?? null,
              revision.snapshot as unknown as SnapshotLike,
            );
            return (
              <li key={revision.version} className="border-l-4 border-slate-300 pl-3">
                <p>
                  第 {revision.version} 版 · {ACTION_LABELS[revision.action] ?? revision.action} · {revision.actor.displayName} ·{" "}
                  {formatChinaTime(revision.at)}
                </p>
                {changes.length > 0 && (
                  <details className="mt-1">
                    <summary className="cursor-pointer text-sm text-blue-800">与上一版比较（{changes.length} 处变化）</summary>
                    {/* On a phone the comparison scrolls sideways inside its own box, not the page. */}
                    <div className="mt-2 overflow-x-auto">
                      <table className="w-full min-w-lg text-sm md:min-w-0">
                        <TableHead columns={["字段", "修改前", "修改后"]} dense />
                        <tbody>
                          {changes.map((change) => (
                            <tr key={change.field} className="border-t border-slate-200 align-top">
                              <th scope="row" className="px-2 py-1 text-left font-normal">
                                {change.field}
                              </th>
                              <td className="whitespace-pre-wrap px-2 py-1">
                                <del className="text-red-800">{change.before || "—"}</del>
                              </td>
                              <td className="whitespace-pre-wrap px-2 py-1">
                                <ins className="text-green-800 no-underline">{change.after || "—"}</ins>
                              </td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  </details>
                )}
              </li>
            );
          })}
        </ol>
      </section>
    </article>
  );
}
