import Link from "next/link";
import { ACTION_LABELS } from "@/lib/audit/audit-labels";

interface Props {
  values: { actor?: string; unit?: string; action?: string; from?: string; to?: string };
  people: { username: string; displayName: string; unit: string | null }[];
  units: { code: string; shortName: string }[];
}

const FIELD = "mt-1 block rounded border border-slate-300 bg-white px-2 py-1.5";

/** A plain GET form: the filters live in the address, so a view can be bookmarked, shared and exported. */
export function AuditFilterForm({ values, people, units }: Props) {
  return (
    <form
      method="get"
      action="/audit"
      aria-label="筛选"
      className="no-print flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3"
    >
      <label className="text-sm">
        操作人
        <select name="actor" defaultValue={values.actor ?? ""} className={FIELD}>
          <option value="">全部</option>
          {people.map((person) => (
            <option key={person.username} value={person.username}>
              {person.unit ? `${person.displayName}（${person.unit}）` : person.displayName}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        单位
        <select name="unit" defaultValue={values.unit ?? ""} className={FIELD}>
          <option value="">全部</option>
          {units.map((unit) => (
            <option key={unit.code} value={unit.code}>
              {unit.shortName}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        操作
        <select name="action" defaultValue={values.action ?? ""} className={FIELD}>
          <option value="">全部</option>
          {Object.entries(ACTION_LABELS).map(([action, label]) => (
            <option key={action} value={action}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        开始日期
        <input type="date" name="from" defaultValue={values.from ?? ""} className={FIELD} />
      </label>
      <label className="text-sm">
        结束日期
        <input type="date" name="to" defaultValue={values.to ?? ""} className={FIELD} />
      </label>
      <button type="submit" className="rounded bg-blue-800 px-4 py-1.5 text-white">
        筛选
      </button>
      <Link href="/audit" className="py-1.5 text-sm text-blue-800 underline">
        清除筛选
      </Link>
    </form>
  );
}
