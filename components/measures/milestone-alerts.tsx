import Link from "next/link";
import { formatChineseDate } from "@/lib/core/dates";
import { TableHead } from "@/components/ui/table-head";
import { ALERT_LIMIT, type MilestoneAlert } from "@/lib/measures/milestone-progress";
import { DUE_SOON_DAYS } from "@/lib/measures/milestone-lights";
import { MilestoneLightBadge } from "./milestone-light-badge";

/** 我的待办's milestones that lag or fall due within 30 days, each opening its measure list. */
export function MilestoneAlerts({ alerts }: { alerts: readonly MilestoneAlert[] }) {
  if (alerts.length === 0) return null;
  const lagging = alerts.filter((alert) => alert.light === "OVERDUE").length;
  return (
    <section aria-labelledby="milestone-alerts-heading" className="rounded-lg border border-amber-300 bg-amber-50/40 p-4">
      <h2 id="milestone-alerts-heading" className="font-semibold">
        举措节点提醒（滞后 {lagging} 个，{DUE_SOON_DAYS} 天内到期 {alerts.length - lagging} 个）
      </h2>
      {/* On a phone the table scrolls sideways inside its own box, not the page. */}
      <div className="mt-2 overflow-x-auto">
        <table className="w-full min-w-xl border-collapse bg-white text-sm md:min-w-0">
          <caption className="sr-only">本单位已审核通过的举措中滞后或即将到期的节点</caption>
          <TableHead columns={["任务", "举措", "节点", "计划完成", "状态"]} dense />
          <tbody>
            {alerts.map((alert, index) => (
              <tr key={index} className="border-t border-slate-200 align-top">
                <td className="px-2 py-1">
                  {alert.task.number}. {alert.task.title}
                </td>
                <td className="max-w-xs px-2 py-1">{alert.measure}</td>
                <td className="px-2 py-1">
                  <Link href={`/measures/${alert.task.number}/${alert.year}`} className="text-blue-800 hover:underline">
                    {alert.title}
                  </Link>
                </td>
                <td className="whitespace-nowrap px-2 py-1">
                  <time dateTime={alert.plannedDate}>{formatChineseDate(alert.plannedDate)}</time>
                </td>
                <td className="px-2 py-1">
                  <MilestoneLightBadge light={alert.light} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {alerts.length >= ALERT_LIMIT && <p className="mt-1 text-xs text-slate-600">只列出最早的 {ALERT_LIMIT} 个节点。</p>}
    </section>
  );
}
