import { formatChineseDate } from "@/lib/core/dates";
import { MILESTONE_LIGHT_LABELS, type MilestoneLight } from "@/lib/measures/milestone-lights";
import { layoutTimeline, type TimelineRowInput } from "@/lib/measures/timeline-layout";
import { TableHead } from "@/components/ui/table-head";
import { MILESTONE_LIGHT_TONES, MilestoneLightBadge } from "./milestone-light-badge";

const LANE_REM = 1.75;
/** Backgrounds and borders print as on screen (browsers drop them by default). */
const PRINT_EXACT = { printColorAdjust: "exact", WebkitPrintColorAdjust: "exact" } as const;
const LEGEND: readonly MilestoneLight[] = ["OVERDUE", "DUE_SOON", "ON_TRACK", "DONE_UNVERIFIED", "VERIFIED", "DROPPED"];

const monthText = (month: { year: number; month: number }) => `${month.year}年${month.month}月`;

const markerText = (milestone: { title: string; plannedDate: string; light: MilestoneLight }) =>
  `${milestone.title}，计划完成 ${formatChineseDate(milestone.plannedDate)}，${MILESTONE_LIGHT_LABELS[milestone.light]}`;

/**
 * The task's milestones of every unit on one month axis, coloured by light, with today's line.
 * Server-rendered markup (no client script); every marker carries its text, and the same data is
 * available as a table.
 */
export function MilestoneTimeline({ rows, today }: { rows: readonly TimelineRowInput[]; today: string }) {
  const layout = layoutTimeline(rows, today);
  if (!layout) return null;
  return (
    <figure aria-labelledby="timeline-heading" className="mt-3 break-inside-avoid" style={PRINT_EXACT}>
      <figcaption id="timeline-heading" className="font-medium">
        节点时间轴（{monthText(layout.months[0]!)}—{monthText(layout.months.at(-1)!)}）
      </figcaption>
      <ul className="mt-1 flex flex-wrap gap-2 text-xs" aria-label="图例">
        {LEGEND.map((light) => (
          <li key={light}>
            <MilestoneLightBadge light={light} />
          </li>
        ))}
        <li className="flex items-center gap-1">
          <span aria-hidden="true" className="inline-block h-3 border-l-2 border-dashed border-red-700" />
          今天（{formatChineseDate(today)}）
        </li>
      </ul>
      <div className="mt-2 overflow-x-auto">
        <div className="min-w-[640px]">
          <div className="grid grid-cols-[9rem_1fr]" aria-hidden="true">
            <div />
            <div className="relative h-10 border-b border-slate-300 text-xs text-slate-600">
              {layout.years.map((year) => (
                <span
                  key={year.year}
                  className="absolute top-0 truncate pl-1 font-medium"
                  style={{ left: `${year.left}%`, width: `${year.width}%` }}
                >
                  {year.year}年
                </span>
              ))}
              {layout.months.map((month) => (
                <span
                  key={month.key}
                  className="absolute bottom-0 h-5 border-l border-slate-200 pl-0.5"
                  style={{ left: `${month.left}%`, width: `${month.width}%` }}
                >
                  {month.labelled ? `${month.month}月` : ""}
                </span>
              ))}
            </div>
          </div>
          <ul aria-label="各单位节点">
            {layout.rows.map((row) => (
              <li key={row.key} className="grid grid-cols-[9rem_1fr] border-b border-slate-100">
                <span className="py-1 pr-2 text-sm">{row.label}</span>
                <div className="relative" style={{ height: `${row.lanes * LANE_REM + 0.5}rem` }}>
                  {layout.months.map((month) => (
                    <span
                      key={month.key}
                      aria-hidden="true"
                      className="absolute inset-y-0 border-l border-slate-100"
                      style={{ left: `${month.left}%` }}
                    />
                  ))}
                  <span
                    aria-hidden="true"
                    className="absolute inset-y-0 border-l-2 border-dashed border-red-700"
                    style={{ left: `${layout.today.left}%` }}
                  />
                  <ol aria-label={`${row.label}的节点`}>
                    {row.markers.map((marker) => {
                      const tone = MILESTONE_LIGHT_TONES[marker.light];
                      return (
                        <li
                          key={marker.id}
                          title={markerText(marker)}
                          className={`absolute flex h-6 min-w-[1.5rem] -translate-x-1/2 items-center justify-center rounded border px-1 text-xs font-medium ${tone.box}`}
                          style={{ left: `${marker.left}%`, top: `${marker.lane * LANE_REM + 0.25}rem` }}
                        >
                          <span aria-hidden="true">{tone.mark}</span>
                          <span className="sr-only">{markerText(marker)}</span>
                        </li>
                      );
                    })}
                  </ol>
                </div>
              </li>
            ))}
          </ul>
        </div>
      </div>
      <details className="no-print mt-2 text-sm">
        <summary className="cursor-pointer text-blue-800">以表格查看时间轴数据</summary>
        <table className="mt-2 w-full border-collapse">
          <caption className="sr-only">各单位节点的计划完成日期与状态</caption>
          <TableHead columns={["单位", "节点", "计划完成", "状态"]} dense />
          <tbody>
            {layout.rows.flatMap((row) =>
              row.markers.map((marker) => (
                <tr key={marker.id} className="border-t border-slate-200">
                  <td className="px-2 py-1">{row.label}</td>
                  <td className="px-2 py-1">{marker.title}</td>
                  <td className="whitespace-nowrap px-2 py-1">
                    <time dateTime={marker.plannedDate}>{formatChineseDate(marker.plannedDate)}</time>
                  </td>
                  <td className="px-2 py-1">
                    <MilestoneLightBadge light={marker.light} />
                  </td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
