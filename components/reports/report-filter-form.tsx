import { REPORT_STATUS_LABELS, type ReportStatus } from "@/lib/status/status-rules";

interface Props {
  action: string;
  values: { section?: number; unit?: string; city?: string; status?: string; quarter?: string };
  sections: { number: number; title: string }[];
  units: { code: string; shortName: string; kind: "PROVINCIAL" | "CITY" }[];
  /** Report states to filter by; omitted where the view has no such filter. */
  statuses?: readonly ReportStatus[];
}

const SELECT = "mt-1 block rounded border border-slate-300 bg-white px-2 py-1.5";

function UnitSelect({ name, label, value, units }: { name: string; label: string; value?: string; units: Props["units"] }) {
  return (
    <label className="text-sm">
      {label}
      <select name={name} defaultValue={value ?? ""} className={SELECT}>
        <option value="">全部</option>
        {units.map((unit) => (
          <option key={unit.code} value={unit.code}>
            {unit.shortName}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A plain GET form: the filters live in the URL, so a view can be bookmarked and shared. */
export function ReportFilterForm({ action, values, sections, units, statuses }: Props) {
  return (
    <form
      method="get"
      action={action}
      aria-label="筛选"
      className="no-print flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3"
    >
      <label className="text-sm">
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
      <UnitSelect name="unit" label="省直单位" value={values.unit} units={units.filter((unit) => unit.kind === "PROVINCIAL")} />
      <UnitSelect name="city" label="设区市" value={values.city} units={units.filter((unit) => unit.kind === "CITY")} />
      {statuses && (
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
      )}
      <label className="text-sm">
        季度
        <input name="quarter" defaultValue={values.quarter ?? ""} placeholder="如 2026Q3" className={`${SELECT} w-28`} />
      </label>
      <button type="submit" className="rounded bg-slate-800 px-3 py-1.5 text-white">
        筛选
      </button>
    </form>
  );
}
