import { PLAN_FIRST_YEAR, PLAN_LAST_YEAR } from "@/lib/core/schemas";
import type { ReportStatus } from "@/lib/status/status-rules";
import { StatusFilterSelect } from "@/components/reports/report-filter-form";
import { FILTER_FIELD, FilterForm, FilterSelect } from "@/components/ui/filter-form";

interface Props {
  action: string;
  values: { unit?: string; task?: number; year?: number; status?: string };
  units: { code: string; shortName: string }[];
  statuses: readonly ReportStatus[];
}

const YEARS = Array.from({ length: PLAN_LAST_YEAR - PLAN_FIRST_YEAR + 1 }, (_, index) => PLAN_FIRST_YEAR + index);

/** The measures desk's filters (unit, task, year, status); its Excel export carries the same ones. */
export function MeasureFilterForm({ action, values, units, statuses }: Props) {
  return (
    <FilterForm action={action}>
      <FilterSelect
        name="unit"
        label="单位"
        value={values.unit}
        options={units.map((unit) => ({ value: unit.code, label: unit.shortName }))}
      />
      <label className="text-sm">
        任务序号
        <input name="task" type="number" min={1} max={999} defaultValue={values.task ?? ""} className={`${FILTER_FIELD} w-24`} />
      </label>
      <FilterSelect name="year" label="年度" value={values.year} options={YEARS.map((year) => ({ value: year, label: `${year}年` }))} />
      <StatusFilterSelect value={values.status} statuses={statuses} />
    </FilterForm>
  );
}
