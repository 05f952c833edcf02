import { chinaToday } from "@/lib/core/quarters";
import { listAcceptedMeasuresOfTask } from "@/lib/measures/read-measures";
import { MEASURE_ROLE_LABELS } from "@/lib/measures/schemas";
import { MeasureTable } from "./measure-table";

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
      )}
    </section>
  );
}
