import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { chinaToday } from "@/lib/core/quarters";
import { parseSearchParams, PLAN_FIRST_YEAR, PLAN_LAST_YEAR, yearSchema } from "@/lib/core/schemas";
import { z } from "@/lib/core/zod";
import { listUnitMeasureLists } from "@/lib/measures/read-measures";
import { MEASURE_ROLE_LABELS } from "@/lib/measures/schemas";
import { ReportStatusBadge } from "@/components/reports/status-badge";
import { TableHead } from "@/components/ui/table-head";

export const metadata = { title: "年度举措" };

const querySchema = z.object({ year: yearSchema().optional() });

export default async function MeasuresPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission("report:write");
  const currentYear = Math.min(Math.max(Number(chinaToday().slice(0, 4)), PLAN_FIRST_YEAR), PLAN_LAST_YEAR);
  const parsed = parseSearchParams(querySchema, await searchParams);
  const year = (parsed.success ? parsed.data.year : undefined) ?? currentYear;
  const tasks = await listUnitMeasureLists(user, year);
  const years = Array.from({ length: PLAN_LAST_YEAR - PLAN_FIRST_YEAR + 1 }, (_, index) => PLAN_FIRST_YEAR + index);
  return (
    <article className="space-y-5">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">
          {user.unitName} {year}年度举措清单
        </h1>
        <p className="text-slate-700">为本单位承担的每项重点任务填写年度举措与节点（任务分解、倒排工期），提交省生态环境厅审核。</p>
      </header>
      <form className="no-print flex items-end gap-2" aria-label="选择年度">
        <div>
          <label htmlFor="year" className="block text-sm font-medium">
            年度
          </label>
          <select id="year" name="year" defaultValue={year} className="mt-1 rounded border border-slate-300 bg-white px-2 py-1.5">
            {years.map((option) => (
              <option key={option} value={option}>
                {option}年
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="rounded border border-slate-400 px-3 py-1.5 text-sm hover:bg-slate-100">
          查看
        </button>
        <Link href="/measures/import" className="ml-auto text-sm text-blue-800 hover:underline">
          Excel 导入举措清单
        </Link>
      </form>
      <table className="w-full text-sm">
        <TableHead columns={["任务", "完成时限", "角色", "举措数", "清单状态", ""]} />
        <tbody>
          {tasks.map((task) => (
            <tr key={task.number} className="border-t border-slate-200 align-top">
              <td className="px-3 py-2">
                <span className="mr-2 tabular-nums text-slate-500">{task.number}</span>
                {task.title}
              </td>
              <td className="px-3 py-2">{task.deadlineText}</td>
              <td className="px-3 py-2">{task.list ? MEASURE_ROLE_LABELS[task.list.role] : "—"}</td>
              <td className="px-3 py-2 tabular-nums">{task.list?._count.measures ?? 0}</td>
              <td className="px-3 py-2">
                <ReportStatusBadge status={task.list?.status ?? null} />
                {task.list?.demo && <span className="ml-2 rounded bg-amber-100 px-1.5 text-xs text-amber-900">示例数据</span>}
              </td>
              <td className="px-3 py-2">
                <Link
                  href={`/measures/${task.number}/${year}`}
                  className="text-blue-800 hover:underline"
                  aria-label={`任务 ${task.number} 的${year}年举措`}
                >
                  {task.list ? "查看/修改" : "填写"}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}
