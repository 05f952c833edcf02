import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/auth/session";
import { formatChinaTime, formatChineseDate } from "@/lib/core/dates";
import { getEvaluation } from "@/lib/evaluation/evaluation";
import { EVALUATION_RULES_TEXT } from "@/lib/evaluation/evaluation-content";
import { EvaluationPathSchema } from "@/lib/evaluation/schemas";
import {
  evaluationSummary,
  evaluationTitle,
  INDICATOR_HEADERS,
  indicatorRow,
  SECTION_HEADERS,
  sectionRow,
  UNIT_HEADERS,
  unitRow,
} from "@/lib/evaluation/evaluation-text";
import { EvaluationTable } from "@/components/evaluation/evaluation-table";
import { ExportLink } from "@/components/ui/export-link";
import { Breadcrumb } from "@/components/ui/breadcrumb";

export const metadata = { title: "年度进展评估" };

/** One frozen year's progress evaluation: what stood where on its day, unchanged since; no ranking. */
export default async function EvaluationPage({ params }: { params: Promise<{ year: string }> }) {
  await requirePermission("evaluation:read");
  const parsed = EvaluationPathSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const frozen = await getEvaluation(parsed.data.year);
  if (!frozen) notFound();
  const { content } = frozen;
  return (
    <article className="space-y-5">
      <Breadcrumb href="/evaluation" label="进展评估">
        {frozen.year}年度
      </Breadcrumb>
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">{evaluationTitle(frozen.year)}</h1>
        <p className="text-slate-700">
          评估日期 {formatChineseDate(frozen.asOf)}；由{frozen.frozenBy}于 {formatChinaTime(frozen.frozenAt)} 冻结，此后不随数据变化。
        </p>
        <div className="flex gap-2">
          <ExportLink href={`/api/evaluations/${frozen.year}/docx`} label="下载 Word" />
          <ExportLink href={`/api/evaluations/${frozen.year}/xlsx`} />
        </div>
      </header>
      <section aria-label="总体情况" className="space-y-2">
        <p className="leading-7">{evaluationSummary(content)}</p>
        <p className="text-sm text-slate-600">{EVALUATION_RULES_TEXT}</p>
      </section>
      <EvaluationTable caption="目标指标" headers={INDICATOR_HEADERS} rows={content.indicators.map(indicatorRow)} />
      <EvaluationTable caption="重点任务和举措节点（按篇章）" headers={SECTION_HEADERS} rows={content.sections.map(sectionRow)} />
      <EvaluationTable
        caption="省直有关单位"
        headers={UNIT_HEADERS}
        rows={content.units.filter((unit) => unit.kind === "PROVINCIAL").map(unitRow)}
      />
      <EvaluationTable caption="设区市" headers={UNIT_HEADERS} rows={content.units.filter((unit) => unit.kind === "CITY").map(unitRow)} />
    </article>
  );
}
