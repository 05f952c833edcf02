import { requirePermission } from "@/lib/auth/session";
import { chinaToday } from "@/lib/core/quarters";
import { formatChinaTime } from "@/lib/core/dates";
import { listSubmittedMeasureLists } from "@/lib/measures/read-measures";
import { MeasureTable } from "@/components/measures/measure-table";
import { MeasureReviewForm } from "@/components/measures/measure-review-form";

export const metadata = { title: "举措清单审核" };

export default async function MeasureReviewPage() {
  await requirePermission("report:review");
  const lists = await listSubmittedMeasureLists();
  const today = chinaToday();
  return (
    <article className="space-y-5">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">举措清单审核</h1>
        <p className="text-slate-700">各单位提交的年度举措与节点，待审核 {lists.length} 份。</p>
      </header>
      {lists.length === 0 && <p className="text-slate-600">暂无待审核的举措清单。</p>}
      {lists.map((list) => {
        const name = `任务 ${list.task.number}（${list.unit.shortName}，${list.year}年）`;
        return (
          <section key={list.id} aria-label={name} className="rounded-lg border border-slate-200 bg-white p-5">
            <h2 className="text-lg font-semibold">
              {list.unit.shortName} · 任务 {list.task.number}. {list.task.title} · {list.year}年
            </h2>
            <p className="text-sm text-slate-600">
              {list.updatedBy.displayName} 提交于 {list.submittedAt ? formatChinaTime(list.submittedAt) : "—"}
            </p>
            <MeasureTable list={list} today={today} />
            <div className="mt-4 border-t border-slate-200 pt-3">
              <MeasureReviewForm listId={list.id} version={list.version} name={name} />
            </div>
          </section>
        );
      })}
    </article>
  );
}
