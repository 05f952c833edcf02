import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";
import { formatChineseDate } from "@/lib/core/dates";
import { chinaToday } from "@/lib/core/quarters";
import { PLAN_FIRST_YEAR } from "@/lib/core/schemas";
import { listEvaluations } from "@/lib/evaluation/evaluation";
import { onTimeText, verdictCounts } from "@/lib/evaluation/evaluation-content";
import { LAGGING_STATUSES } from "@/lib/status/status-rules";
import { TableHead } from "@/components/ui/table-head";
import { FreezeEvaluationForm } from "@/components/evaluation/freeze-evaluation-form";

export const metadata = { title: "进展评估" };

/**
 * 进展评估: the frozen years side by side (the same figures each year, so they compare), and for
 * 省生态环境厅 the form that freezes a year not yet frozen. No ranking (评估 does not rank regions).
 */
export default async function EvaluationsPage() {
  const user = await requirePermission("evaluation:read");
  const evaluations = await listEvaluations();
  const today = chinaToday();
  const thisYear = Number(today.slice(0, 4));
  const frozenYears = new Set(evaluations.map((evaluation) => evaluation.year));
  const open = Array.from({ length: thisYear - PLAN_FIRST_YEAR + 1 }, (_, index) => PLAN_FIRST_YEAR + index).filter(
    (year) => !frozenYears.has(year),
  );
  // The usual day: the year just ended, evaluated once its last quarter's reports are in (10 January).
  const defaultYear = open.includes(thisYear - 1) ? thisYear - 1 : (open.at(-1) ?? thisYear);
  const defaultAsOf = defaultYear < thisYear && `${defaultYear + 1}-01-10` <= today ? `${defaultYear + 1}-01-10` : today;
  return (
    <article className="space-y-5">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">美丽江西建设进展评估</h1>
        <p className="text-slate-700">
          每年冻结一次：指标研判、重点任务和举措节点完成情况（按篇章、单位、设区市），冻结后不再变化，可逐年对比。不排名。
        </p>
      </header>
      {can(user.role, "evaluation:freeze") && open.length > 0 && (
        <FreezeEvaluationForm years={open} defaultYear={defaultYear} defaultAsOf={defaultAsOf} />
      )}
      {evaluations.length === 0 ? (
        <p className="text-slate-600">尚未冻结任何年度的进展评估。</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse bg-white text-sm">
            <caption className="py-2 text-left font-semibold">逐年对比</caption>
            <TableHead
              columns={[
                "年度",
                "评估日期",
                "指标已达标或按期可达",
                "指标存在风险或未达标",
                "滞后或逾期任务",
                "节点按期完成",
                "完成已核查/待核查",
              ]}
              dense
            />
            <tbody>
              {evaluations.map(({ year, asOf, content }) => {
                const verdicts = verdictCounts(content);
                const lagging = LAGGING_STATUSES.reduce((sum, status) => sum + content.tasks.byStatus[status], 0);
                return (
                  <tr key={year} className="border-b border-slate-200">
                    <th scope="row" className="px-2 py-1 text-left font-normal">
                      <Link href={`/evaluation/${year}`} className="text-blue-800 hover:underline">
                        {year}年度
                      </Link>
                    </th>
                    <td className="px-2 py-1">{formatChineseDate(asOf)}</td>
                    <td className="px-2 py-1">
                      {verdicts.ACHIEVED + verdicts.ON_COURSE}/{content.indicators.length}
                    </td>
                    <td className="px-2 py-1">{verdicts.AT_RISK + verdicts.OFF_COURSE + verdicts.MISSED}</td>
                    <td className="px-2 py-1">
                      {lagging}/{content.tasks.total}
                    </td>
                    <td className="px-2 py-1">{onTimeText(content.milestones)}</td>
                    <td className="px-2 py-1">
                      {content.completion.verified}/{content.completion.claimed}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
}
