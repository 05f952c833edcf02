/** The pieces of a list's filter bar: a plain GET form, so the view lives in the URL and can be bookmarked and shared. */

/** 44 px high on a phone (a finger's target), as before from sm; never wider than the screen. */
export const FILTER_FIELD = "mt-1 block min-h-11 max-w-full rounded border border-slate-300 bg-white px-2 py-1.5 sm:min-h-0";

export function FilterForm({ action, children }: { action: string; children: React.ReactNode }) {
  return (
    <form
      method="get"
      action={action}
      aria-label="筛选"
      className="no-print flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3"
    >
      {children}
      <button type="submit" className="min-h-11 rounded bg-slate-800 px-3 py-1.5 text-white sm:min-h-0">
        筛选
      </button>
    </form>
  );
}

/** A labelled drop-down; `all` is the first, empty choice (全部) where the filter may be left out. */
export function FilterSelect({
  name,
  label,
  value,
  options,
  all = "全部",
}: {
  name: string;
  label: string;
  value?: string | number;
  options: readonly { value: string | number; label: React.ReactNode }[];
  all?: string | null;
}) {
  return (
    <label className="max-w-full text-sm">
      {label}
      <select name={name} defaultValue={value ?? ""} className={FILTER_FIELD}>
        {all !== null && <option value="">{all}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
