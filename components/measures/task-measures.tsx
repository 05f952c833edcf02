import { chinaToday } from "@/lib/core/quarters";
import { formatIsoDate } from "@/lib/core/dates";
import { listAcceptedMeasuresOfTask, type ReviewedMeasureList } from "@/lib/measures/read-measures";
import { milestoneLight } from "@/lib/measures/milestone-lights";
import { MEASURE_ROLE_LABELS } from "@/lib/measures/schemas";
import type { TimelineRowInput } from "@/lib/measures/timeline-layout";
import { MeasureTable } from "./measure-table";
import { MilestoneTimeline } from "./milestone-timeline";

/** One timeline row per unit (its lists of every year together), in the lists' order. */
function timelineRows(lists: readonly ReviewedMeasureList[], today: string): TimelineRowInput[] {
  const rows = new Map<string, { key: string; label: string; milestones: TimelineRowInput["milestones"][number][] }>();
  for (const list of lists) {
    const row = rows.get(list.unit.code) ?? { key: list.unit.code, label: list.unit.shortName, milestones: [] };
    for (const measure of list.measures)
      for (const milestone of measure.milestones) {
        const plannedDate = formatIsoDate(milestone.plannedDate);
        const light = milestoneLight({ status: milestone.status, plannedDate, verified: milestone.checks.length > 0 }, today);
        row.milestones.push({ id: milestone.id, title: milestone.title, plannedDate, light });
      }
    rows.set(list.unit.code, row);
  }
  return [...rows.values()];
}

/** The task page's section: each unit's accepted measures and milestones, with their lights as of today (China time). */
export async function TaskMeasures({ taskNumber, today = chinaToday() }: { taskNumber: number; today?: string }) {
  const lists = await listAcceptedMeasuresOfTask(taskNumber);
  return (
    <section aria-labelledby="measures-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="measures-heading" className="text-lg font-semibold">
        各单位年度举措与节点
      </h2>
      {lists.length === 0 ? (
        <p className="mt-2 text-slate-600">暂无审核通过的举措清单。</p>
      ) : (
        <>
          <MilestoneTimeline rows={timelineRows(lists, today)} today={today} />
          <div className="mt-3 space-y-4">
            {lists.map((list) => (
              <section key={list.id} aria-label={`${list.unit.shortName}${list.year}年举措`}>
                <h3 className="font-medium">
                  {list.unit.shortName}（{MEASURE_ROLE_LABELS[list.role]}）· {list.year}年
                  {list.demo && <span className="ml-2 rounded bg-amber-100 px-1.5 text-xs font-normal text-amber-900">示例数据</span>}
                </h3>
                <MeasureTable list={list} today={today} />
              </section>
            ))}
          </div>
        </>
      )}
    </section>
  );
}
