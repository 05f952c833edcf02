import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";
import { formatChinaTime, formatChineseDate } from "@/lib/core/dates";
import { getAssessmentSheet } from "@/lib/results-assessment/assessments";
import { pointsText } from "@/lib/results-assessment/assessment-text";
import { rankText } from "@/lib/core/ranking";
import { rankChangeText } from "@/lib/results-assessment/grading";
import { SheetPathSchema } from "@/lib/results-assessment/schemas";
import { STAGE_LABELS } from "@/lib/results-assessment/results-view";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { DoneNotice } from "@/components/ui/done-notice";
import { AssessmentSheetForm } from "@/components/results-assessment/assessment-sheet-form";
import { UnlockResultForm } from "@/components/results-assessment/unlock-result-form";

export const metadata = { title: "成效考核评分表" };

/**
 * One unit's score sheet: the unit's staff self-assess while it is theirs, 省生态环境厅 scores beside
 * the self-scores and confirms, leaders read. Another unit's sheet is not found for staff.
 */
const NOTICES = {
  saved: "已保存。",
  submitted: "已提交自评，等待省生态环境厅评分。",
  confirmed: "已确认考核结果，结果已锁定。",
  unlocked: "已解锁考核结果，可重新评分。",
} as const;

export default async function AssessmentSheetPage({
  params,
  searchParams,
}: {
  params: Promise<{ year: string; unit: string }>;
  searchParams: Promise<Partial<Record<keyof typeof NOTICES, string>>>;
}) {
  const user = await requirePermission("assessment:sheet");
  const parsed = SheetPathSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const { year, unit } = parsed.data;
  const sheet = await getAssessmentSheet(year, unit, user);
  if (!sheet) notFound();
  const { scheme, result } = sheet;
  const query = await searchParams;
  const notice = (Object.keys(NOTICES) as (keyof typeof NOTICES)[]).find((key) => query[key] !== undefined);
  const rows = scheme.items.map((item, index) => ({ item, score: result.items[index]! }));
  const selfMode = can(user.role, "assessment:self") && result.stage === "SELF_ASSESSING";
  const scoreMode = can(user.role, "assessment:score") && result.stage !== "CONFIRMED";
  return (
    <article className="space-y-5">
      <Breadcrumb href={can(user.role, "assessment:read") ? `/assessment/${year}` : "/assessment"} label={`${year}年度成效考核`}>
        {result.unit.name}
      </Breadcrumb>
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">
          {year}年度成效考核评分表：{result.unit.name}
        </h1>
        <p className="text-slate-700" data-testid="sheet-status">
          {STAGE_LABELS[result.stage]}
          {scheme.demo && <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-900">示例数据</span>}
          。自评总分 {pointsText(result.selfScore)} 分；考核得分 {pointsText(result.score)} 分
          {result.stage === "CONFIRMED" && (
            <>
              ，等次 <strong>{result.grade}</strong>
              {result.rank !== null &&
                `，${result.unit.kind === "CITY" ? "设区市" : "省直单位"}中${rankText({ rank: result.rank, tied: result.tied })}（较上年 ${rankChangeText(result.rankChange)}）`}
              ；{sheet.confirmedBy}于 {formatChinaTime(new Date(result.confirmedAt!))} 确认
            </>
          )}
          。
        </p>
        <p className="text-sm text-slate-600">
          {sheet.asOf && `自动项目按 ${formatChineseDate(sheet.asOf)} 的系统数据计算；`}
          {sheet.selfSubmittedAt && `自评于 ${formatChinaTime(sheet.selfSubmittedAt)} 提交；`}
          {sheet.scoredBy && sheet.scoredAt && `${sheet.scoredBy}最近于 ${formatChinaTime(sheet.scoredAt)} 评分。`}
        </p>
        {sheet.unlockReason && (
          <p className="rounded border border-amber-300 bg-amber-50 p-2 text-sm">已解锁重新评分，原因：{sheet.unlockReason}</p>
        )}
      </header>
      <DoneNotice>{notice && `${result.unit.name}：${NOTICES[notice]}`}</DoneNotice>
      <AssessmentSheetForm
        key={result.version}
        mode={selfMode ? "self" : scoreMode ? "score" : "read"}
        year={year}
        unit={unit}
        version={result.version}
        rows={rows}
        evidenceBase={`/api/assessments/${year}/units/${unit}/evidence`}
      />
      {can(user.role, "assessment:score") && result.stage === "CONFIRMED" && (
        <UnlockResultForm year={year} unit={unit} version={result.version} />
      )}
      {can(user.role, "assessment:read") && (
        <Link href={`/assessment/${year}`} className="text-blue-800 hover:underline">
          返回考核结果
        </Link>
      )}
    </article>
  );
}
