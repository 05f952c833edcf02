import { redirect } from "next/navigation";
import { TaskFilterForm } from "@/components/tasks/task-filter-form";
import { TaskTable } from "@/components/tasks/task-table";
import { requirePermission } from "@/lib/auth/session";
import { listSections, listTasks } from "@/lib/plan/tasks";
import { listUnitOptions } from "@/lib/plan/units";
import { taskFiltersSchema, type TaskFilters } from "@/lib/plan/task-filters";
import { ExportLink } from "@/components/ui/export-link";
import { issuesText, parseSearchParams, toURLSearchParams } from "@/lib/core/schemas";

export const metadata = { title: "重点任务" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function TasksPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePermission("plan:read");
  const params = await searchParams;
  // Staff land on their own unit's tasks; any explicit filter (even "all") is respected.
  if (user.role === "STAFF" && user.unitCode && Object.keys(params).length === 0) {
    redirect(`/tasks?unit=${user.unitCode}`);
  }
  const parsed = parseSearchParams(taskFiltersSchema, params);
  const filters: Partial<TaskFilters> = parsed.success ? parsed.data : {};
  const [tasks, sections, units] = await Promise.all([listTasks(filters), listSections(), listUnitOptions()]);
  const options = {
    sections: sections.map((section) => ({ value: String(section.number), label: `${section.number}. ${section.title}` })),
    units: units.filter((unit) => unit.kind === "PROVINCIAL").map((unit) => ({ value: unit.code, label: unit.shortName })),
    cities: units.filter((unit) => unit.kind === "CITY").map((unit) => ({ value: unit.code, label: unit.shortName })),
    years: Array.from({ length: 12 }, (_, index) => String(2024 + index)).map((year) => ({ value: year, label: `${year}年底` })),
  };
  const unitName = filters.unit ? units.find((unit) => unit.code === filters.unit)?.shortName : undefined;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">重点任务清单</h1>
        <div className="flex items-center gap-3">
          <p className="text-slate-700" role="status">
            {unitName ? `${unitName}承担的任务：` : "共 "}
            <strong>{tasks.length}</strong> 项
          </p>
          <ExportLink href={`/api/v1/tasks.xlsx?${toURLSearchParams(params)}`} />
        </div>
      </div>
      {!parsed.success && (
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          筛选条件无效，已显示全部任务：{issuesText(parsed.error)}
        </p>
      )}
      <TaskFilterForm filters={filters} options={options} />
      <TaskTable tasks={tasks} filters={filters} />
    </div>
  );
}
