import Link from "next/link";
import { TODO_STATUS_LABELS } from "@/lib/reports/todo";
import { TODO_GROUPS, TODO_STATUSES, type TodoGroup } from "@/lib/reports/schemas";

const SELECT = "mt-1 block min-h-11 max-w-full rounded border border-slate-300 bg-white px-2 py-1.5 sm:min-h-0";
const GROUP_LABELS: Record<TodoGroup, string> = { section: "按篇章", status: "按状态", quarter: "按季度" };

interface Props {
  values: { status?: string; quarter?: string; section?: number; q?: string; group?: string };
  sections: { number: number; title: string }[];
}

/** 我的待办's filters as a plain GET form: they live in the URL, so a view can be bookmarked. */
export function TodoFilterForm({ values, sections }: Props) {
  return (
    <form
      method="get"
      action="/my"
      aria-label="筛选待办"
      className="no-print flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3"
    >
      <label className="text-sm">
        搜索
        <input name="q" type="search" defaultValue={values.q ?? ""} placeholder="任务编号、名称或内容" className={`${SELECT} w-56`} />
      </label>
      <label className="text-sm">
        报告状态
        <select name="status" defaultValue={values.status ?? ""} className={SELECT}>
          <option value="">全部</option>
          {TODO_STATUSES.map((status) => (
            <option key={status} value={status}>
              {TODO_STATUS_LABELS[status]}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        季度
        <input name="quarter" defaultValue={values.quarter ?? ""} placeholder="如 2026Q3" className={`${SELECT} w-28`} />
      </label>
      <label className="max-w-full text-sm">
        篇章
        <select name="section" defaultValue={values.section ?? ""} className={SELECT}>
          <option value="">全部</option>
          {sections.map((section) => (
            <option key={section.number} value={section.number}>
              {section.number}. {section.title}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        分组
        <select name="group" defaultValue={values.group ?? ""} className={SELECT}>
          <option value="">不分组</option>
          {TODO_GROUPS.map((group) => (
            <option key={group} value={group}>
              {GROUP_LABELS[group]}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="min-h-11 rounded bg-slate-800 px-3 py-1.5 text-white sm:min-h-0">
        筛选
      </button>
      <Link href="/my" className="inline-flex min-h-11 items-center text-sm text-blue-800 hover:underline sm:inline sm:min-h-0 sm:py-1.5">
        清除筛选
      </Link>
    </form>
  );
}
