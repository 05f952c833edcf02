import { notFound, redirect } from "next/navigation";
import { requirePermission } from "@/lib/auth/session";
import { formatChinaTime, formatChineseDate } from "@/lib/core/dates";
import { unitCodeSchema, yearSchema } from "@/lib/core/schemas";
import { readUnitReport } from "@/lib/unit-reports/unit-reports";
import { unitReportTitle } from "@/lib/unit-reports/unit-report-text";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { UnitReportReviewForm, UnitReportUnlockForm } from "@/components/unit-reports/unit-report-review-forms";
import { UnitReportBody, UnitReportHistory, UnitReportStatusBadge } from "@/components/unit-reports/unit-report-view";

export const metadata = { title: "单位年度工作情况报告" };

/** One unit's report as the reviewer (submitted and after) or a leader (accepted) reads it; the reviewer decides here. */
export default async function UnitReportPage({ params }: { params: Promise<{ year: string; unit: string }> }) {
  const user = await requirePermission("report:read");
  const raw = await params;
  const year = yearSchema().safeParse(raw.year);
  const code = unitCodeSchema().safeParse(raw.unit);
  if (!year.success || !/^\d{4}$/.test(raw.year) || !code.success) notFound();
  if (user.role === "STAFF" && user.unitCode === code.data) redirect(`/annual-reports/${year.data}`);
  const view = await readUnitReport(user, year.data, code.data);
  if (!view?.report) notFound();
  const report = view.report;
  const name = `${view.unit.shortName}${view.year}年度工作情况报告`;
  const base = `/api/unit-reports/${view.year}/${view.unit.code}`;
  return (
    <article className="space-y-6">
      {user.role === "REVIEWER" && (
        <Breadcrumb href={`/review/unit-reports?year=${view.year}`} label="单位年度报告">
          {view.unit.shortName}
        </Breadcrumb>
      )}
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">{unitReportTitle(view.unit.name, view.year)}</h1>
        <p className="text-slate-700">
          状态 <UnitReportStatusBadge status={view.status} late={view.late} />
          {report.submittedAt && ` · 提交于 ${formatChinaTime(report.submittedAt)}`}
          {view.deadline && ` · 报送截止 ${formatChineseDate(view.deadline)}`}
        </p>
        {report.reviewComment && view.status === "RETURNED" && <p className="text-red-900">退回意见：{report.reviewComment}</p>}
        <p className="flex gap-4">
          <a href={`${base}/docx`} className="text-blue-800 hover:underline">
            下载 Word（.docx）
          </a>
          {report.sealedFileName && (
            <a href={`${base}/sealed`} className="text-blue-800 hover:underline">
              盖章扫描件：{report.sealedFileName}
            </a>
          )}
        </p>
      </header>
      <UnitReportBody sections={view.sections} signatory={view.signatory} signedOn={view.signedOn} />
      {user.role === "REVIEWER" && view.status === "SUBMITTED" && (
        <section className="rounded-lg border border-slate-200 bg-white p-5">
          <UnitReportReviewForm reportId={report.id} version={report.version} name={name} />
        </section>
      )}
      {user.role === "REVIEWER" && view.status === "ACCEPTED" && (
        <section className="rounded-lg border border-slate-200 bg-white p-5">
          <UnitReportUnlockForm reportId={report.id} version={report.version} name={name} />
        </section>
      )}
      <UnitReportHistory revisions={view.revisions} />
    </article>
  );
}
