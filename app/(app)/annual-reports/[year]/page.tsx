import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/auth/session";
import { formatChinaTime, formatChineseDate } from "@/lib/core/dates";
import { yearSchema } from "@/lib/core/schemas";
import { readUnitReport } from "@/lib/unit-reports/unit-reports";
import { UNIT_REPORT_STATUS_LABELS, unitReportTitle } from "@/lib/unit-reports/unit-report-text";
import { UnitReportForm } from "@/components/unit-reports/unit-report-form";
import { UnitReportBody, UnitReportHistory, UnitReportStatusBadge } from "@/components/unit-reports/unit-report-view";

export const metadata = { title: "年度工作情况报告" };

/** The own unit's annual written report: pre-filled, edited, saved, submitted; read-only once submitted. */
export default async function OwnUnitReportPage({
  params,
  searchParams,
}: {
  params: Promise<{ year: string }>;
  searchParams: Promise<{ saved?: string; submitted?: string }>;
}) {
  const user = await requirePermission("report:write");
  const raw = (await params).year;
  const year = yearSchema().safeParse(raw);
  if (!year.success || !/^\d{4}$/.test(raw) || !user.unitCode) notFound();
  const view = await readUnitReport(user, year.data, user.unitCode);
  if (!view) notFound();
  const query = await searchParams;
  const notice = query.submitted ? "已提交，等待省生态环境厅审核。" : query.saved ? "已保存草稿。" : null;
  const base = `/api/unit-reports/${view.year}/${view.unit.code}`;
  return (
    <article className="space-y-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">{unitReportTitle(view.unit.name, view.year)}</h1>
        <p className="text-slate-700">
          状态 <UnitReportStatusBadge status={view.status} late={view.late} />
          {view.deadline ? ` · 报送截止 ${formatChineseDate(view.deadline)}` : " · 省生态环境厅尚未设置报送截止日期"}
          {view.report?.submittedAt && ` · 提交于 ${formatChinaTime(view.report.submittedAt)}`}
        </p>
        <p className="text-sm text-slate-600">
          各部分已根据本单位本年度审核通过的季度报告、年度举措和节点、指标数值及需协调事项生成初稿，请核对修改后提交。
        </p>
        {view.status === "RETURNED" && view.report?.reviewComment && (
          <p className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
            <strong>退回意见：</strong>
            {view.report.reviewComment}
          </p>
        )}
        {notice && (
          <p role="status" className="rounded border border-green-300 bg-green-50 p-2 text-green-900">
            {notice}
          </p>
        )}
        <p>
          <a href={`${base}/docx`} className="text-blue-800 hover:underline">
            下载 Word（.docx）
          </a>
        </p>
      </header>
      {view.editable ? (
        <UnitReportForm
          key={view.report?.version ?? 0}
          year={view.year}
          version={view.report?.version ?? 0}
          sections={view.sections}
          drafts={view.drafts}
          signatory={view.signatory}
          signedOn={view.signedOn}
          sealedFileName={view.report?.sealedFileName ?? null}
          sealedFileHref={view.report?.sealedFileName ? `${base}/sealed` : null}
        />
      ) : (
        <>
          <p className="rounded border border-slate-300 bg-slate-50 p-3">
            本报告{UNIT_REPORT_STATUS_LABELS[view.status]}，{view.status === "ACCEPTED" ? "已锁定" : "审核完成前不能修改"}。
          </p>
          {view.report?.sealedFileName && (
            <p>
              盖章扫描件：
              <a href={`${base}/sealed`} className="text-blue-800 hover:underline">
                {view.report.sealedFileName}
              </a>
            </p>
          )}
          <UnitReportBody sections={view.sections} signatory={view.signatory} signedOn={view.signedOn} />
        </>
      )}
      <UnitReportHistory revisions={view.revisions} />
    </article>
  );
}
