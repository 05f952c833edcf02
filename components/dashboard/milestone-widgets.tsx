import Link from "next/link";
import { formatChineseDate } from "@/lib/core/dates";
import { formatShare } from "@/lib/core/shares";
import { rankText } from "@/lib/core/ranking";
import { dashboardHref, type DashboardQuery } from "@/lib/dashboard/filters";
import { milestoneLightCounts } from "@/lib/dashboard/milestones";
import { PANEL_LIGHTS, type OnTimeRank } from "@/lib/measures/milestone-tallies";
import { DUE_SOON_DAYS } from "@/lib/measures/milestone-lights";
import { MilestoneLightBadge } from "@/components/measures/milestone-light-badge";
import { TableHead } from "@/components/ui/table-head";
import { Widget } from "./widgets";

/** The dashboard's 节点 panel: accepted measures' milestones by light, under the dashboard's filters. */
export async function MilestonePanel({ query }: { query: DashboardQuery }) {
  const { today, counts, total } = await milestoneLightCounts({
    quarter: query.quarter,
    unitCode: query.unit ?? query.city,
    section: query.section,
  });
  return (
    <Widget id="w-milestones" title="举措节点">
      {total === 0 ? (
        <p className="text-slate-600">暂无审核通过的举措节点。</p>
      ) : (
        <>
          <p className="text-sm text-slate-700">
            截至 {formatChineseDate(today)}，审核通过的举措共有节点 {total} 个：
          </p>
          <ul className="mt-2 space-y-1.5" aria-label="各状态节点数">
            {PANEL_LIGHTS.map((light) => (
              <li key={light} className="flex items-center justify-between gap-3 border-b border-slate-100 pb-1">
                <MilestoneLightBadge light={light} />
                <span className="tabular-nums">{counts[light]} 个</span>
              </li>
            ))}
          </ul>
          {counts.DROPPED > 0 && <p className="mt-1 text-xs text-slate-600">另有已取消的节点 {counts.DROPPED} 个。</p>}
          <p className="mt-2 text-xs text-slate-600">
            滞后：计划完成日期已过仍未完成；即将到期：{DUE_SOON_DAYS} 天内到期；已完成的节点经销号核查通过后为“已核查”。
          </p>
        </>
      )}
      <Link href={dashboardHref("/dashboard/milestones", query)} className="mt-3 inline-block text-sm text-blue-800 hover:underline">
        各篇章、省直单位、设区市节点按期完成情况
      </Link>
    </Widget>
  );
}

/** One ranked table of on-time shares (sections, provincial units or cities). */
export function OnTimeTable<T>({
  caption,
  heading,
  rows,
  nameOf,
  keyOf,
}: {
  caption: string;
  heading: string;
  rows: readonly OnTimeRank<T>[];
  nameOf: (item: T) => React.ReactNode;
  keyOf: (item: T) => string | number;
}) {
  return (
    <table className="w-full border-collapse bg-white text-sm">
      <caption className="mb-1 text-left font-semibold">{caption}</caption>
      <TableHead
        columns={[
          "名次",
          heading,
          { label: "已到期节点", numeric: true },
          { label: "按期完成", numeric: true },
          { label: "其中已核查", numeric: true },
          { label: "按期完成率", numeric: true },
        ]}
        dense
      />
      <tbody>
        {rows.map((row) => (
          <tr key={keyOf(row.item)} className="border-t border-slate-200">
            <td className="whitespace-nowrap px-2 py-1">{row.rank === null ? "—" : rankText({ rank: row.rank, tied: row.tied })}</td>
            <td className="px-2 py-1">{nameOf(row.item)}</td>
            <td className="px-2 py-1 text-right tabular-nums">{row.tally.due}</td>
            <td className="px-2 py-1 text-right tabular-nums">{row.tally.onTime}</td>
            <td className="px-2 py-1 text-right tabular-nums">{row.tally.onTimeVerified}</td>
            <td className="px-2 py-1 text-right tabular-nums">
              {row.tally.due === 0 ? "暂无到期节点" : formatShare(row.tally.onTime, row.tally.due)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
