import Link from "next/link";
import type { TaskListItem } from "@/lib/plan/tasks";
import { taskFiltersToSearch, type TaskFilters, type TaskSortKey } from "@/lib/plan/task-filters";

const COLUMNS: { key: TaskSortKey | null; label: string; className?: string }[] = [
  { key: "number", label: "序号", className: "w-20" },
  { key: "section", label: "篇章", className: "w-40" },
  { key: "title", label: "重点任务" },
  { key: "deadline", label: "完成时限", className: "w-32" },
  { key: null, label: "省直责任单位（按职责分工）" },
  { key: null, label: "设区市", className: "w-24" },
];

function SortHeader({ column, filters }: { column: (typeof COLUMNS)[number]; filters: Partial<TaskFilters> }) {
  if (!column.key)
    return (
      <th scope="col" className={`px-3 py-2 text-left ${column.className ?? ""}`}>
        {column.label}
      </th>
    );
  const active = (filters.sort ?? "number") === column.key;
  const dir = active ? (filters.dir ?? "asc") : undefined;
  const nextDir = active && dir === "asc" ? "desc" : "asc";
  const href = `/tasks${taskFiltersToSearch({ ...filters, sort: column.key, dir: nextDir })}`;
  return (
    <th
      scope="col"
      aria-sort={dir === "asc" ? "ascending" : dir === "desc" ? "descending" : "none"}
      className={`px-3 py-2 text-left ${column.className ?? ""}`}
    >
      <Link href={href} className="inline-flex items-center gap-1 hover:underline">
        {column.label}
        <span aria-hidden="true">{dir === "asc" ? "▲" : dir === "desc" ? "▼" : "↕"}</span>
        <span className="sr-only">{active ? (dir === "asc" ? "（升序，点击改为降序）" : "（降序，点击改为升序）") : "（点击排序）"}</span>
      </Link>
    </th>
  );
}

export function TaskTable({ tasks, filters }: { tasks: TaskListItem[]; filters: Partial<TaskFilters> }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      {/* Fixed layout: column widths come from the header, so rows streaming in never move the ones above. */}
      <table className="w-full min-w-[56rem] table-fixed border-collapse text-sm">
        <caption className="sr-only">重点任务清单，共 {tasks.length} 项</caption>
        <thead className="bg-slate-100 text-slate-700">
          <tr>
            {COLUMNS.map((column) => (
              <SortHeader key={column.label} column={column} filters={filters} />
            ))}
          </tr>
        </thead>
        <tbody>
          {tasks.map((task) => (
            <tr key={task.number} className="border-t border-slate-200 align-top hover:bg-slate-50">
              <td className="px-3 py-2 tabular-nums">{task.number}</td>
              <td className="px-3 py-2 text-slate-700">{task.section.title}</td>
              <td className="px-3 py-2">
                <Link href={`/tasks/${task.number}`} className="font-medium text-blue-800 hover:underline">
                  {task.title}
                </Link>
              </td>
              <td className="px-3 py-2 whitespace-nowrap">
                <time dateTime={task.deadline.date}>{task.deadline.text}</time>
              </td>
              <td className="px-3 py-2">
                <ul className="flex flex-wrap gap-1">
                  {task.units.map((unit) => (
                    <li key={unit.code}>
                      <Link
                        href={`/units/${unit.code}`}
                        className={`inline-block rounded px-1.5 py-0.5 ${
                          task.leadUnit?.code === unit.code
                            ? "bg-brand-700 text-white"
                            : filters.unit === unit.code
                              ? "bg-amber-100 text-amber-900"
                              : "bg-slate-100 text-slate-800"
                        }`}
                      >
                        {unit.shortName}
                        {task.leadUnit?.code === unit.code && <span>（牵头）</span>}
                      </Link>
                    </li>
                  ))}
                </ul>
              </td>
              <td className="px-3 py-2 text-slate-700">
                {task.cities.length === 11 ? "各设区市" : task.cities.map((city) => city.shortName).join("、")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {tasks.length === 0 && <p className="p-6 text-center text-slate-600">没有符合筛选条件的任务。</p>}
    </div>
  );
}
