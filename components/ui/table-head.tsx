/** A column of a data table's header: a label, or a label of a numeric column (right-aligned). */
export type Column = string | { label: string; numeric: true };

/** The header row of a data table: one scoped column header per label (`false` leaves a column out). */
export function TableHead({
  columns,
  dense = false,
  className = "",
}: {
  columns: readonly (Column | false)[];
  dense?: boolean;
  /** Extra classes for the `thead` (CARD_HEAD hides it where the rows are cards). */
  className?: string;
}) {
  const padding = dense ? "px-2 py-1" : "px-3 py-2";
  return (
    <thead className={className ? `bg-slate-100 ${className}` : "bg-slate-100"}>
      <tr>
        {columns
          .filter((column) => column !== false)
          .map((column) => {
            const label = typeof column === "string" ? column : column.label;
            const align = typeof column === "string" ? "text-left" : "text-right tabular-nums";
            return (
              <th key={label} scope="col" className={`${padding} ${align}`}>
                {label}
              </th>
            );
          })}
      </tr>
    </thead>
  );
}
