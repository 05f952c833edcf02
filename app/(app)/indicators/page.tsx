import Link from "next/link";
import { TargetList } from "@/components/indicators/target-list";
import { requirePermission } from "@/lib/auth/session";
import { listIndicators } from "@/lib/indicators/catalogue";
import { DIRECTION_LABELS } from "@/lib/indicators/comparators";
import { headlineFirst, isHeadline } from "@/lib/indicators/headline";
import { ExportLink } from "@/components/ui/export-link";
import { TableHead } from "@/components/ui/table-head";

export const metadata = { title: "目标指标" };

export default async function IndicatorsPage() {
  await requirePermission("plan:read");
  // The plan's headline targets (its main text) first, then the annex's.
  const indicators = headlineFirst(await listIndicators());
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">目标指标（{indicators.length} 项）</h1>
        <span className="flex gap-2">
          <ExportLink href="/api/exports/indicators.xlsx" />
          <ExportLink href="/api/exports/observations.xlsx" label="导出全部数值" />
        </span>
      </div>
      <p className="text-slate-700">
        实施意见正文与重点任务清单中的全部量化目标：先列正文确定的主要目标，再列重点任务清单中的其他目标。基准值仅在文件或公开统计资料给出时填写，并注明年份与来源。
      </p>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-sm">
          <caption className="sr-only">目标指标目录</caption>
          <TableHead columns={["指标", "单位", "目标", "基准值", "负责单位", "相关任务", "出处"]} />
          <tbody>
            {indicators.map((indicator) => (
              <tr key={indicator.code} id={indicator.code} className="scroll-mt-4 border-t border-slate-200 align-top target:bg-amber-50">
                <td className="px-3 py-2">
                  <Link href={`/indicators/${indicator.code}`} className="font-medium text-blue-800 hover:underline">
                    {indicator.name}
                  </Link>
                  {isHeadline(indicator) && (
                    <span className="mt-0.5 inline-block rounded bg-green-50 px-1 text-xs text-green-900">主要目标（正文）</span>
                  )}
                  <div className="font-mono text-xs text-slate-500">{indicator.code}</div>
                  <div className="text-xs text-slate-600">{DIRECTION_LABELS[indicator.direction]}</div>
                  {indicator.note && <div className="text-xs text-slate-600">{indicator.note}</div>}
                </td>
                <td className="px-3 py-2">{indicator.measureUnit}</td>
                <td className="px-3 py-2">
                  <TargetList targets={indicator.targets} measureUnit={indicator.measureUnit} />
                </td>
                <td className="px-3 py-2">
                  {indicator.baseline ? (
                    <>
                      {indicator.baseline.value}（{indicator.baseline.year}年）
                      <div className="text-xs text-slate-600">{indicator.baseline.source}</div>
                    </>
                  ) : (
                    <span className="text-slate-500">暂无可核实来源</span>
                  )}
                </td>
                <td className="px-3 py-2">
                  <Link href={`/units/${indicator.owner.code}`} className="text-blue-800 hover:underline">
                    {indicator.owner.shortName}
                  </Link>
                </td>
                <td className="px-3 py-2">
                  {indicator.tasks.map((number, index) => (
                    <span key={number}>
                      {index > 0 && "、"}
                      <Link href={`/tasks/${number}`} className="text-blue-800 hover:underline">
                        {number}
                      </Link>
                    </span>
                  ))}
                </td>
                <td className="max-w-md px-3 py-2">
                  <div className="font-medium">{indicator.clauseRef}</div>
                  <blockquote className="text-xs leading-5 text-slate-700">{indicator.clause}</blockquote>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
