import Link from "next/link";
import type { TaskFilters } from "@/lib/plan/task-filters";

interface Option {
  value: string;
  label: string;
}

export interface TaskFilterOptions {
  sections: Option[];
  units: Option[];
  cities: Option[];
  years: Option[];
}

function Select({
  name,
  label,
  options,
  value,
  allLabel,
}: {
  name: string;
  label: string;
  options: Option[];
  value?: string;
  allLabel: string;
}) {
  return (
    <div>
      <label htmlFor={`filter-${name}`} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <select
        id={`filter-${name}`}
        name={name}
        defaultValue={value ?? ""}
        className="mt-1 w-full rounded border border-slate-300 bg-white px-2 py-1.5"
      >
        <option value="">{allLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A plain GET form: filters live in the URL, so a view can be bookmarked, shared and printed. */
export function TaskFilterForm({ filters, options }: { filters: Partial<TaskFilters>; options: TaskFilterOptions }) {
  return (
    <form
      method="get"
      action="/tasks"
      role="search"
      aria-label="筛选任务"
      className="no-print grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-6"
    >
      <div className="lg:col-span-2">
        <label htmlFor="filter-q" className="block text-sm font-medium text-slate-700">
          关键词
        </label>
        <input
          id="filter-q"
          name="q"
          type="search"
          defaultValue={filters.q ?? ""}
          placeholder="任务名称或工作内容"
          className="mt-1 w-full rounded border border-slate-300 px-2 py-1.5"
        />
      </div>
      <Select name="section" label="篇章" options={options.sections} value={filters.section?.toString()} allLabel="全部篇章" />
      <Select name="unit" label="省直责任单位" options={options.units} value={filters.unit} allLabel="全部单位" />
      <Select name="city" label="设区市" options={options.cities} value={filters.city} allLabel="全部设区市" />
      <Select name="year" label="完成时限" options={options.years} value={filters.year?.toString()} allLabel="全部年份" />
      {filters.sort && filters.sort !== "number" && <input type="hidden" name="sort" value={filters.sort} />}
      {filters.dir && filters.dir !== "asc" && <input type="hidden" name="dir" value={filters.dir} />}
      <div className="flex items-end gap-2 lg:col-span-6">
        <button type="submit" className="rounded bg-brand-700 px-4 py-1.5 font-medium text-white hover:bg-brand-600">
          筛选
        </button>
        <Link href="/tasks?all=1" className="rounded border border-slate-300 px-4 py-1.5 hover:bg-slate-100">
          清除筛选
        </Link>
      </div>
    </form>
  );
}
