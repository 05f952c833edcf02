/** The header row of a data table: one scoped column header per label. */
export function TableHead({ columns, dense = false }: { columns: readonly string[]; dense?: boolean }) {
  const cell = dense ? "px-2 py-1 text-left" : "px-3 py-2 text-left";
  return (
    <thead className="bg-slate-100">
      <tr>
        {columns.map((column) => (
          <th key={column} scope="col" className={cell}>
            {column}
          </th>
        ))}
      </tr>
    </thead>
  );
}
