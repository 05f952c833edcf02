import { REPORT_STATUS_LABELS, type ReportStatus } from "@/lib/status/status-rules";
import { FILTER_FIELD, FilterForm, FilterSelect } from "@/components/ui/filter-form";

interface Props {
  action: string;
  values: { section?: number; unit?: string; city?: string; status?: string; quarter?: string };
  sections: { number: number; title: string }[];
  units: { code: string; shortName: string; kind: "PROVINCIAL" | "CITY" }[];
  /** Report states to filter by; omitted where the view has no such filter. */
  statuses?: readonly ReportStatus[];
}

const unitOptions = (units: Props["units"], kind: "PROVINCIAL" | "CITY") =>
  units.filter((unit) => unit.kind === kind).map((unit) => ({ value: unit.code, label: unit.shortName }));

/** The review state of reports or measure lists, one of `statuses` (no 全部: the view always shows one state). */
export function StatusFilterSelect({ value, statuses }: { value?: string; statuses: readonly ReportStatus[] }) {
  return (
    <FilterSelect
      name="status"
      label="状态"
      value={value}
      all={null}
      options={statuses.map((status) => ({ value: status, label: REPORT_STATUS_LABELS[status] }))}
    />
  );
}

/** A plain GET form: the filters live in the URL, so a view can be bookmarked and shared. */
export function ReportFilterForm({ action, values, sections, units, statuses }: Props) {
  return (
    <FilterForm action={action}>
      <FilterSelect
        name="section"
        label="篇章"
        value={values.section}
        options={sections.map((section) => ({ value: section.number, label: `${section.number}. ${section.title}` }))}
      />
      <FilterSelect name="unit" label="省直单位" value={values.unit} options={unitOptions(units, "PROVINCIAL")} />
      <FilterSelect name="city" label="设区市" value={values.city} options={unitOptions(units, "CITY")} />
      {statuses && <StatusFilterSelect value={values.status} statuses={statuses} />}
      <label className="text-sm">
        季度
        <input name="quarter" defaultValue={values.quarter ?? ""} placeholder="如 2026Q3" className={`${FILTER_FIELD} w-28`} />
      </label>
    </FilterForm>
  );
}
