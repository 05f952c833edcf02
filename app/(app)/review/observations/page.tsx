import Link from "next/link";
import { BatchReviewForm } from "@/components/review/batch-review-form";
import { TableHead } from "@/components/ui/table-head";
import { reviewObservationAction } from "@/lib/review/actions";
import { requirePermission } from "@/lib/auth/session";
import { periodText } from "@/lib/indicators/observation-keys";
import { listObservationQueue } from "@/lib/review/review-observations";
import { formatChinaTime } from "@/lib/core/dates";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { ConflictDecisionForm } from "@/components/review/conflict-decision-form";
import { listConflicts, type ConflictView } from "@/lib/indicators/observation-conflicts";
import { unitNamesByCode } from "@/lib/plan/unit-names";
import { quarterLabel, type Quarter } from "@/lib/core/quarters";

const CONFLICT_OUTCOME = { KEPT: "保留现行数值", REPLACED: "采用报告数值", OPEN: "待处理" } as const;

function reportLabel(conflict: ConflictView) {
  const { report } = conflict;
  return `${report.unit.shortName}${quarterLabel({ year: report.year, quarter: report.quarter as Quarter["quarter"] })}报告（任务 ${report.task.number}）`;
}

export const metadata = { title: "指标数据审核" };

export default async function ObservationReviewPage() {
  await requirePermission("report:review");
  const [queue, conflicts, unitNames] = await Promise.all([listObservationQueue(), listConflicts(), unitNamesByCode()]);
  const areaName = (area: string) => (area === "province" ? "全省" : (unitNames.get(area) ?? area));
  return (
    <div className="space-y-4">
      <Breadcrumb href="/review" label="审核台">
        指标数据
      </Breadcrumb>
      <h1 className="text-2xl font-semibold">指标数据审核</h1>
      <section aria-labelledby="conflicts-heading" className="space-y-3">
        <h2 id="conflicts-heading" className="text-lg font-semibold">
          数值冲突（{conflicts.open.length} 条待处理）
        </h2>
        <p className="text-sm text-slate-600">
          已通过的进展报告所报数值与同一指标、地区、期间的现行数值不同。处理前现行数值继续计入统计；两者及处理结果均留档。
        </p>
        {conflicts.open.length === 0 ? (
          <p>没有待处理的数值冲突。</p>
        ) : (
          <ul className="space-y-3">
            {conflicts.open.map((conflict) => {
              const { observation } = conflict;
              const unit = observation.indicator.measureUnit;
              const label = `${conflict.areaName}${observation.indicator.name}（${periodText(observation)}）`;
              return (
                <li key={conflict.id} className="space-y-2 rounded border border-amber-300 bg-amber-50 p-3">
                  <p className="font-medium">
                    <Link href={`/indicators/${observation.indicator.code}`} className="text-blue-800 hover:underline">
                      {observation.indicator.name}
                    </Link>{" "}
                    · {conflict.areaName} · {periodText(observation)}
                  </p>
                  <p>
                    现行数值：
                    <strong className="tabular-nums">
                      {conflict.standingValue.toString()} {unit}
                    </strong>
                    （{observation.source}）
                  </p>
                  <p>
                    报告数值：
                    <strong className="tabular-nums">
                      {conflict.reportedValue.toString()} {unit}
                    </strong>
                    （
                    <Link href={`/reports/${conflict.report.id}`} className="text-blue-800 hover:underline">
                      {reportLabel(conflict)}
                    </Link>
                    {conflict.reportedNote && `，${conflict.reportedNote}`}）
                  </p>
                  <ConflictDecisionForm conflictId={conflict.id} label={label} />
                </li>
              );
            })}
          </ul>
        )}
        {conflicts.decided.length > 0 && (
          <details className="rounded border border-slate-200 bg-white p-3">
            <summary className="cursor-pointer">最近处理的冲突（{conflicts.decided.length} 条）</summary>
            <ul className="mt-2 space-y-1 text-sm">
              {conflicts.decided.map((conflict) => (
                <li key={conflict.id}>
                  {conflict.observation.indicator.name} · {conflict.areaName} · {periodText(conflict.observation)}：现行{" "}
                  {conflict.standingValue.toString()}，报告 {conflict.reportedValue.toString()} → {CONFLICT_OUTCOME[conflict.status]}（
                  {conflict.decidedBy?.displayName}，{conflict.decidedAt ? formatChinaTime(conflict.decidedAt) : ""}
                  {conflict.reason && `，${conflict.reason}`}）
                </li>
              ))}
            </ul>
          </details>
        )}
      </section>
      <h2 className="text-lg font-semibold">待审核的指标数据</h2>
      <p role="status">共 {queue.length} 条待审核。</p>
      <BatchReviewForm empty={queue.length === 0} action={reviewObservationAction} noun="数据" field="observations">
        <table className="w-full bg-white text-sm">
          <TableHead columns={["选择", "指标", "地区", "期间", "数值", "来源", "填报", "数据质量"]} />
          <tbody>
            {queue.map((row) => (
              <tr key={row.id} className="border-t border-slate-200">
                <td className="px-3 py-2">
                  <input
                    type="checkbox"
                    name="observations"
                    value={`${row.id}:${row.version}`}
                    aria-label={`选择 ${row.indicator.name} ${periodText(row)}`}
                  />
                </td>
                <td className="px-3 py-2">
                  <Link href={`/indicators/${row.indicator.code}`} className="text-blue-800 hover:underline">
                    {row.indicator.name}
                  </Link>
                </td>
                <td className="px-3 py-2">{areaName(row.area)}</td>
                <td className="px-3 py-2 tabular-nums">{periodText(row)}</td>
                <td className="px-3 py-2 tabular-nums">
                  {row.value.toString()} {row.indicator.measureUnit}
                </td>
                <td className="px-3 py-2">{row.source}</td>
                <td className="px-3 py-2">
                  {row.enteredBy?.displayName}，{formatChinaTime(row.enteredAt)}
                </td>
                <td className="px-3 py-2 text-amber-900">{row.warning ? `⚠ ${row.warning}` : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </BatchReviewForm>
    </div>
  );
}
