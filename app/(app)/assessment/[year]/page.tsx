import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";
import { formatChinaTime } from "@/lib/core/dates";
import { chinaToday } from "@/lib/core/quarters";
import { getAssessmentResults } from "@/lib/results-assessment/assessments";
import {
  assessmentSummary,
  RANKING_RULE_TEXT,
  RESULT_HEADERS,
  resultRow,
  schemeRulesText,
  schemeTitle,
} from "@/lib/results-assessment/assessment-text";
import { AssessmentPathSchema } from "@/lib/results-assessment/schemas";
import { resultsOfKind, STAGE_LABELS } from "@/lib/results-assessment/results-view";
import { TableHead } from "@/components/ui/table-head";
import { ExportLink } from "@/components/ui/export-link";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { DoneNotice } from "@/components/ui/done-notice";
import { AssessmentDayForm } from "@/components/results-assessment/assessment-day-form";

export const metadata = { title: "成效考核结果" };

const GROUPS = [
  { kind: "PROVINCIAL", title: "省直有关单位" },
  { kind: "CITY", title: "设区市" },
] as const;

/** A year's results for leaders and 省生态环境厅: totals, grades, ranks by kind with ties, change against last year. */
export default async function AssessmentResultsPage({
  params,
  searchParams,
}: {
  params: Promise<{ year: string }>;
  searchParams: Promise<{ started?: string }>;
}) {
  const user = await requirePermission("assessment:read");
  const parsed = AssessmentPathSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const view = await getAssessmentResults(parsed.data.year);
  if (!view) notFound();
  const { year, scheme } = view;
  const { started } = await searchParams;
  const reviewer = can(user.role, "assessment:score");
  const today = chinaToday();
  const defaultAsOf = `${year + 1}-01-31` <= today ? `${year + 1}-01-31` : today;
  return (
    <article className="space-y-5">
      <Breadcrumb href="/assessment" label="成效考核">
        {year}年度
      </Breadcrumb>
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">{year}年度美丽江西建设成效考核结果</h1>
        <p className="text-slate-700">
          {schemeTitle(scheme)}
          {scheme.demo && <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-900">示例数据</span>}
          {scheme.lockedAt ? `，${formatChinaTime(new Date(scheme.lockedAt))} 启动评分并锁定。` : "，尚未启动评分。"}
          <Link href={`/assessment/${year}/scheme`} className="ml-2 text-blue-800 hover:underline">
            查看方案
          </Link>
        </p>
        <p className="text-slate-700">{assessmentSummary(view)}</p>
        <p className="text-sm text-slate-600">
          {schemeRulesText(scheme)}
          {RANKING_RULE_TEXT}
        </p>
        <div className="no-print flex flex-wrap gap-2">
          <ExportLink href={`/api/assessments/${year}/docx`} label="下载通报（Word）" />
          <ExportLink href={`/api/assessments/${year}/xlsx`} label="导出 Excel" />
        </div>
      </header>
      <DoneNotice>
        {started && scheme.lockedAt && `已启动${year}年度考核评分：方案已锁定，各单位的自动项目已计算并预填为自评分。`}
      </DoneNotice>
      {reviewer && !scheme.lockedAt && <AssessmentDayForm year={year} mode="start" defaultAsOf={defaultAsOf} />}
      {reviewer && scheme.lockedAt && view.results.some((result) => result.stage !== "CONFIRMED") && (
        <AssessmentDayForm year={year} mode="recompute" defaultAsOf={today} />
      )}
      {view.results.length > 0 &&
        GROUPS.map(({ kind, title }) => (
          <section key={kind} className="overflow-x-auto">
            <table className="w-full border-collapse bg-white text-sm">
              <caption className="py-2 text-left font-semibold">{title}</caption>
              <TableHead columns={[...RESULT_HEADERS, "评分表"]} dense />
              <tbody>
                {resultsOfKind(view, kind).map((result) => {
                  const cells = resultRow(result);
                  return (
                    <tr key={result.unit.code} className="border-b border-slate-200" data-unit={result.unit.code}>
                      {cells.map((text, index) =>
                        index === 1 ? (
                          <th key={index} scope="row" className="px-2 py-1 text-left font-normal">
                            {text}
                          </th>
                        ) : (
                          <td key={index} className="px-2 py-1">
                            {text}
                          </td>
                        ),
                      )}
                      <td className="px-2 py-1">
                        <Link
                          href={`/assessment/${year}/units/${result.unit.code}`}
                          className="text-blue-800 hover:underline"
                          aria-label={`${result.unit.name}考核表（${STAGE_LABELS[result.stage]}）`}
                        >
                          {reviewer && result.stage !== "CONFIRMED" ? "评分" : "查看"}
                        </Link>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
        ))}
    </article>
  );
}
