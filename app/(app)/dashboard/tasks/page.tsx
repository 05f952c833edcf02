import Link from "next/link";
import { StatusBadge } from "@/components/reports/status-badge";
import { TableHead } from "@/components/ui/table-head";
import { requirePermission } from "@/lib/auth/session";
import { laggingUnits, taskStatuses } from "@/lib/dashboard/dashboard";
import { isLagging, STATUS_LABELS } from "@/lib/status/status-rules";
import { formatQuarter } from "@/lib/core/quarters";
import { dashboardHref, parseDashboardQuery } from "@/lib/dashboard/filters";
import { listUnitOptions } from "@/lib/plan/units";
import { formatChineseDate } from "@/lib/core/dates";

export const metadata = { title: "任务明细" };

/** Drill-down: the tasks behind a figure of the dashboard, with the units that lag on each. */
export default async function DashboardTasksPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePermission("dashboard:read");
  const { query, error } = parseDashboardQuery(await searchParams);
  const quarter = query.quarter ? formatQuarter(query.quarter) : undefined;
  const unit = query.unit ?? query.city;
  const [{ moment, tasks }, lagging, units] = await Promise.all([
    taskStatuses(quarter, undefined, unit, query.section),
    laggingUnits(quarter, undefined, unit, query.section),
    listUnitOptions(),
  ]);
  const unitName = unit ? (units.find((option) => option.code === unit)?.shortName ?? "未知单位") : null;
  const filtered = tasks.filter((task) =>
    !query.status ? true : query.status === "LAGGING" ? isLagging(task.status) : task.status === query.status,
  );
  const label = query.status ? (query.status === "LAGGING" ? "滞后或逾期" : STATUS_LABELS[query.status]) : "全部";
  return (
    <div className="space-y-4">
      <nav aria-label="面包屑" className="no-print text-sm text-slate-600">
        <Link href={dashboardHref("/dashboard", { ...query, status: undefined })} className="hover:underline">
          总览
        </Link>{" "}
        / 任务明细
      </nav>
      <h1 className="text-2xl font-semibold">任务明细：{label}</h1>
      {error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-2 text-red-900">
          筛选条件无效，已忽略：{error}
        </p>
      )}
      <p role="status">
        截至{formatChineseDate(moment.today)}，{query.section ? `第${query.section}篇，` : ""}
        {unitName ? `${unitName}，` : ""}共 {filtered.length} 项任务。
      </p>
      <table className="w-full bg-white text-sm">
        <TableHead columns={["任务", "篇章", "完成时限", "状态", "滞后或逾期的单位"]} />
        <tbody>
          {filtered.map((task) => {
            const units = lagging.get(task.taskId) ?? [];
            return (
              <tr key={task.number} className="border-t border-slate-200 align-top">
                <td className="px-3 py-2">
                  <Link href={`/tasks/${task.number}`} className="text-blue-800 hover:underline">
                    {task.number}. {task.title}
                  </Link>
                </td>
                <td className="px-3 py-2">{task.section}</td>
                <td className="px-3 py-2 tabular-nums">{task.deadline}</td>
                <td className="px-3 py-2">
                  <StatusBadge status={task.status} />
                </td>
                <td className="px-3 py-2">
                  {units.length === 0
                    ? "—"
                    : units.map((unit) => (
                        <span key={unit.code} className="mr-2 inline-block" title={unit.reason}>
                          {unit.shortName}（{STATUS_LABELS[unit.status]}）
                        </span>
                      ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
