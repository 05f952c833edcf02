import { PrintButton } from "@/components/dashboard/print-button";
import { VerdictBadge } from "@/components/indicators/verdict-badge";
import { StatusBadge } from "@/components/reports/status-badge";
import { TableHead } from "@/components/ui/table-head";
import { requirePermission } from "@/lib/auth/session";
import { quarterBrief } from "@/lib/dashboard/brief";
import { TASK_STATUS_ORDER } from "@/lib/dashboard/dashboard";
import { STATUS_LABELS } from "@/lib/status/status-rules";
import { quarterLabel } from "@/lib/core/quarters";
import { dashboardHref, parseDashboardQuery } from "@/lib/dashboard/filters";
import { Breadcrumb } from "@/components/ui/breadcrumb";

export const metadata = { title: "本季度变化" };

export default async function BriefPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission("dashboard:read");
  const { query } = parseDashboardQuery(await searchParams);
  const brief = await quarterBrief(query.quarter);
  return (
    <article className="brief mx-auto max-w-[180mm] space-y-4 bg-white p-6 text-[15px] leading-6">
      <style>{`@page { size: A4; margin: 15mm; } @media print { main { padding: 0 !important; } .brief { padding: 0 !important; } }`}</style>
      <Breadcrumb href={dashboardHref("/dashboard", query)} label="总览">
        本季度变化
      </Breadcrumb>
      <div className="flex items-start justify-between gap-4">
        <div>
          <h1 className="text-xl font-semibold">美丽江西建设本季度变化简报（{quarterLabel(brief.now.collecting)}）</h1>
          <p className="text-sm text-slate-700">
            对比时点：{brief.before.today} → {brief.now.today}；仅计审核通过的报告和数值。
          </p>
        </div>
        <PrintButton />
      </div>

      <section aria-labelledby="b-counts">
        <h2 id="b-counts" className="font-semibold">
          一、任务状态
        </h2>
        <table className="mt-1 w-full text-sm">
          <TableHead columns={["状态", "上期", "本期"]} dense />
          <tbody>
            {TASK_STATUS_ORDER.map((status) => (
              <tr key={status} className="border-t border-slate-200">
                <th scope="row" className="px-2 py-0.5 text-left font-normal">
                  {STATUS_LABELS[status]}
                </th>
                <td className="px-2 py-0.5 tabular-nums">{brief.countsBefore[status]}</td>
                <td className="px-2 py-0.5 tabular-nums">{brief.countsNow[status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="b-lagging">
        <h2 id="b-lagging" className="font-semibold">
          二、新转为滞后或逾期的任务（{brief.turnedLagging.length} 项）
        </h2>
        {brief.turnedLagging.length === 0 ? (
          <p>无。</p>
        ) : (
          <ul className="list-disc pl-6">
            {brief.turnedLagging.map((task) => (
              <li key={task.number}>
                {task.number}. {task.title}：{STATUS_LABELS[task.before]} → <StatusBadge status={task.now} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="b-done">
        <h2 id="b-done" className="font-semibold">
          三、新完成的任务（{brief.completed.length} 项）
        </h2>
        {brief.completed.length === 0 ? (
          <p>无。</p>
        ) : (
          <ul className="list-disc pl-6">
            {brief.completed.map((task) => (
              <li key={task.number}>
                {task.number}. {task.title}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="b-indicators">
        <h2 id="b-indicators" className="font-semibold">
          四、判断发生变化的指标（{brief.verdictChanges.length} 项）
        </h2>
        {brief.verdictChanges.length === 0 ? (
          <p>无。</p>
        ) : (
          <ul className="list-disc pl-6">
            {brief.verdictChanges.map((change) => (
              <li key={change.code}>
                {change.name}：<VerdictBadge verdict={change.before} /> → <VerdictBadge verdict={change.now} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="b-stopped">
        <h2 id="b-stopped" className="font-semibold">
          五、上季度报送、本期未报送的单位（{brief.stopped.length} 个）
        </h2>
        <p>{brief.stopped.length === 0 ? "无。" : brief.stopped.map((unit) => unit.shortName).join("、")}</p>
      </section>
    </article>
  );
}
