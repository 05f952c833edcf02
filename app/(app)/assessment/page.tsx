import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";
import { chinaToday } from "@/lib/core/quarters";
import { PLAN_FIRST_YEAR, PLAN_LAST_YEAR } from "@/lib/core/schemas";
import { getAssessmentResults, listAssessmentYears } from "@/lib/results-assessment/assessments";
import { schemeTitle } from "@/lib/results-assessment/assessment-text";
import { gradeCounts, STAGE_LABELS, type AssessmentStageName } from "@/lib/results-assessment/results-view";
import { TableHead } from "@/components/ui/table-head";

export const metadata = { title: "成效考核" };

const STAGES: AssessmentStageName[] = ["SELF_ASSESSING", "SELF_SUBMITTED", "CONFIRMED"];

/**
 * 成效考核: each year with a scheme, where its scoring stands and how units were graded; the
 * reviewer starts a year's scheme here. Staff go straight to their own unit's sheet of the latest year.
 */
export default async function AssessmentsPage() {
  const user = await requirePermission("assessment:sheet");
  const years = await listAssessmentYears();
  if (!can(user.role, "assessment:read")) {
    return (
      <article className="space-y-4">
        <h1 className="text-2xl font-semibold">成效考核自评</h1>
        {years.length === 0 ? (
          <p className="text-slate-600">省生态环境厅尚未启动成效考核。</p>
        ) : (
          <ul className="list-disc pl-6">
            {user.unitCode &&
              years.map((year) => (
                <li key={year}>
                  <Link href={`/assessment/${year}/units/${user.unitCode}`} className="text-blue-800 hover:underline">
                    {year}年度{user.unitName}考核表
                  </Link>
                </li>
              ))}
          </ul>
        )}
      </article>
    );
  }
  const views = (await Promise.all(years.map((year) => getAssessmentResults(year)))).flatMap((view) => (view ? [view] : []));
  const thisYear = Number(chinaToday().slice(0, 4));
  const open = Array.from({ length: PLAN_LAST_YEAR - PLAN_FIRST_YEAR + 1 }, (_, index) => PLAN_FIRST_YEAR + index).filter(
    (year) => year <= thisYear && !years.includes(year),
  );
  return (
    <article className="space-y-5">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">美丽江西建设成效考核</h1>
        <p className="text-slate-700">
          按年度考核方案（基本项目 100
          分，另设加分、扣分项）对省直有关单位和设区市考核：自动项目由系统数据计算，单位自评，省生态环境厅评分并确认，评定等次、分类排名。
        </p>
      </header>
      {views.length === 0 ? (
        <p className="text-slate-600">尚未制定任何年度的考核方案。</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse bg-white text-sm">
            <caption className="py-2 text-left font-semibold">各年度考核</caption>
            <TableHead columns={["年度", "考核方案", "方案状态", ...STAGES.map((stage) => STAGE_LABELS[stage]), "等次分布"]} dense />
            <tbody>
              {views.map((view) => (
                <tr key={view.year} className="border-b border-slate-200">
                  <th scope="row" className="px-2 py-1 text-left font-normal">
                    <Link href={`/assessment/${view.year}`} className="text-blue-800 hover:underline">
                      {view.year}年度
                    </Link>
                  </th>
                  <td className="px-2 py-1">
                    {schemeTitle(view.scheme)}
                    {view.scheme.demo && <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-900">示例数据</span>}
                  </td>
                  <td className="px-2 py-1">{view.scheme.lockedAt ? "已锁定（评分中）" : "草稿（未启动评分）"}</td>
                  {STAGES.map((stage) => (
                    <td key={stage} className="px-2 py-1">
                      {view.results.filter((result) => result.stage === stage).length}
                    </td>
                  ))}
                  <td className="px-2 py-1">
                    {gradeCounts(view)
                      .map(({ grade, count }) => `${grade} ${count}`)
                      .join("，")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {can(user.role, "assessment:score") && open.length > 0 && (
        <section className="space-y-2">
          <h2 className="text-lg font-semibold">制定考核方案</h2>
          <ul className="flex flex-wrap gap-3">
            {open.map((year) => (
              <li key={year}>
                <Link href={`/assessment/${year}/scheme`} className="rounded border border-brand-700 px-3 py-1.5 text-brand-700">
                  制定{year}年度方案
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
