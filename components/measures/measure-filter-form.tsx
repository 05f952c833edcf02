import { PLAN_FIRST_YEAR, PLAN_LAST_YEAR } from "@/lib/core/schemas";
import { REPORT_STATUS_LABELS, type ReportStatus } from "@/lib/status/status-rules";

interface Props {
  action: string;
  values: { unit?: string; task?: number; year?: number; status?: string };
  units: { code: string; shortName: string }[];
  statuses: readonly ReportStatus[];
}

const SELECT = "mt-1 block rounded border border-slate-300 bg-white px-2 py-1.5";
const YEARS = Array.from({ length: PLAN_LAST_YEAR - PLAN_FIRST_YEAR + 1 }, (_, index) => PLAN_FIRST_YEAR + index);

/** The measures desk's filters, a plain GET form: the view (and its export) lives in the URL. */
export function MeasureFilterForm({ action, values, units, statuses }: Props) {
  return (
    <form
      method="get"
      action={action}
      aria-label="筛选"
      className="no-print flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3"
    >
      <label className="text-sm">
        单位
        <select name="unit" defaultValue={values.unit ?? ""} className={SELECT}>
          <option value="">全部</option>
          {units.map((unit) => (
            <option key={unit.code} value={unit.code}>
              {unit.shortName}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        任务序号
        <input name="task" type="number" min={1} max={999} defaultValue={values.task ?? ""} className={`${SELECT} w-24`} />
      </label>
      <label className="text-sm">
        年度
        <select name="year" defaultValue={values.year ?? ""} className={SELECT}>
          <option value="">全部</option>
          {YEARS.map((year) => (
            <option key={year} value={year}>
              {year}年
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        状态
        <select name="status" defaultValue={values.status ?? ""} className={SELECT}>
          {statuses.map((status) => (
            <option key={status} value={status}>
              {REPORT_STATUS_LABELS[status]}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="rounded bg-slate-800 px-3 py-1.5 text-white">
        筛选
      </button>
    </form>
  );
}
