import Link from "next/link";
import { notFound } from "next/navigation";
import { yearSchema } from "@/lib/core/schemas";
import { AnnualReportView } from "@/components/annual/annual-report-view";
import { DownloadDocxButton } from "@/components/annual/download-button";
import { NarrativeForm } from "@/components/annual/narrative-form";
import { PrintButton } from "@/components/dashboard/print-button";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";
import { compileAnnualReport, listNarrativeRevisions } from "@/lib/annual/annual-report";
import { formatChinaTime } from "@/lib/core/dates";
import { chinaToday } from "@/lib/core/quarters";

export async function generateMetadata({ params }: { params: Promise<{ year: string }> }) {
  return { title: `${(await params).year}年度报告` };
}

export default async function AnnualReportPage({
  params,
  searchParams,
}: {
  params: Promise<{ year: string }>;
  searchParams: Promise<{ saved?: string }>;
}) {
  const user = await requirePermission("annual:read");
  const { year: rawYear } = await params;
  const parsed = yearSchema().safeParse(rawYear);
  if (!parsed.success) notFound();
  const year = parsed.data;
  const currentYear = Number(chinaToday().slice(0, 4));
  const [report, revisions] = await Promise.all([compileAnnualReport(year), listNarrativeRevisions(year)]);
  const saved = (await searchParams).saved;
  const years = Array.from({ length: Math.min(currentYear, 2035) - 2024 + 1 }, (_, index) => 2024 + index);
  return (
    <div className="space-y-6">
      <style>{`@media print { @page { size: A4; margin: 25mm 26mm 25mm 28mm; } .annual-report { padding: 0 !important; max-width: none !important; } main { padding: 0 !important; } }`}</style>
      <header className="no-print space-y-2">
        <h1 className="text-2xl font-semibold">{year}年度报告</h1>
        <nav aria-label="选择年度" className="flex flex-wrap gap-2 text-sm">
          {years.map((candidate) => (
            <Link
              key={candidate}
              href={`/annual/${candidate}`}
              aria-current={candidate === year ? "page" : undefined}
              className={`rounded border px-2 py-1 ${candidate === year ? "border-brand-700 bg-brand-50 font-semibold" : "border-slate-300"}`}
            >
              {candidate}年
            </Link>
          ))}
        </nav>
        <div className="flex flex-wrap items-center gap-3">
          <DownloadDocxButton year={year} />
          <PrintButton />
        </div>
        {saved && (
          <p role="status" className="rounded border border-green-300 bg-green-50 p-2 text-green-900">
            已保存第 {saved} 版正文。
          </p>
        )}
      </header>
      {can(user.role, "annual:edit") && (
        <section aria-labelledby="edit-heading" className="no-print rounded-lg border border-slate-200 bg-white p-5">
          <h2 id="edit-heading" className="text-lg font-semibold">
            编辑正文（第 {report.narrativeVersion} 版{report.narrativeEditedBy ? `，${report.narrativeEditedBy}` : "，系统初稿"}）
          </h2>
          <NarrativeForm
            key={saved ?? "loaded"}
            year={year}
            version={report.narrativeVersion}
            narrative={report.narrative}
            signOff={report.signOff}
            sections={report.sections.map((section) => ({
              number: section.number,
              title: section.title,
              tasks: section.tasks.map((task) => ({
                number: task.number,
                title: task.title,
                text: task.text,
                draft: task.draft,
                edited: task.edited,
              })),
            }))}
          />
          {revisions.length > 0 && (
            <details className="mt-3 text-sm">
              <summary className="cursor-pointer">版本记录（{revisions.length}）</summary>
              <ul className="mt-1 list-disc pl-6">
                {revisions.map((revision) => (
                  <li key={revision.version}>
                    第 {revision.version} 版 · {revision.actor.displayName} · {formatChinaTime(revision.at)}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </section>
      )}
      <AnnualReportView report={report} />
    </div>
  );
}
