import { formatChineseDate, formatIsoDate } from "@/lib/core/dates";
import { milestoneLight } from "@/lib/measures/milestone-lights";
import { MEASURE_ROLE_LABELS } from "@/lib/measures/schemas";
import type { MeasureListRow } from "@/lib/measures/measure-record";
import { MilestoneLightBadge } from "./milestone-light-badge";

/** A list's measures with their milestones and lights, as the task page and the reviewer read them. */
export function MeasureTable({ list, today }: { list: Pick<MeasureListRow, "role" | "measures" | "demo">; today: string }) {
  return (
    <ol className="mt-2 space-y-3">
      {list.measures.map((measure, index) => (
        <li key={measure.id} className="rounded border border-slate-200 p-3">
          <p>
            <span className="mr-2 text-slate-500">{index + 1}.</span>
            {measure.text}
          </p>
          <p className="mt-1 text-sm text-slate-600">
            {MEASURE_ROLE_LABELS[list.role]} · 责任人：{measure.responsible}
            {measure.fundsPlanned !== null && ` · 计划资金 ${measure.fundsPlanned.toString()} 万元`}
            {measure.fundsSpent !== null && ` · 已用 ${measure.fundsSpent.toString()} 万元`}
            {measure.fundsSource && ` · 来源：${measure.fundsSource}`}
          </p>
          <table className="mt-2 w-full text-sm">
            <thead>
              <tr className="text-left text-slate-600">
                <th className="px-2 py-1 font-medium">节点</th>
                <th className="px-2 py-1 font-medium">计划完成</th>
                <th className="px-2 py-1 font-medium">完成标志</th>
                <th className="px-2 py-1 font-medium">状态</th>
              </tr>
            </thead>
            <tbody>
              {measure.milestones.map((milestone) => {
                const planned = formatIsoDate(milestone.plannedDate);
                const light = milestoneLight(
                  { status: milestone.status, plannedDate: planned, verified: milestone.checks.length > 0 },
                  today,
                );
                return (
                  <tr key={milestone.id} className="border-t border-slate-100 align-top">
                    <td className="px-2 py-1">{milestone.title}</td>
                    <td className="whitespace-nowrap px-2 py-1">
                      <time dateTime={planned}>{formatChineseDate(planned)}</time>
                    </td>
                    <td className="px-2 py-1">{milestone.deliverable}</td>
                    <td className="px-2 py-1">
                      <MilestoneLightBadge light={light} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </li>
      ))}
    </ol>
  );
}
