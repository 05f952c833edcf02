import { TableHead } from "@/components/ui/table-head";

/** One table of a frozen evaluation, with the same headers and cells as its Word version (lib/evaluation/evaluation-text.ts). */
export function EvaluationTable({ caption, headers, rows }: { caption: string; headers: readonly string[]; rows: readonly string[][] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse bg-white text-sm">
        <caption className="py-2 text-left font-semibold">{caption}</caption>
        <TableHead columns={headers} dense />
        <tbody>
          {rows.map((row) => (
            <tr key={row[0]} className="border-b border-slate-200">
              <th scope="row" className="px-2 py-1 text-left font-normal">
                {row[0]}
              </th>
              {row.slice(1).map((cell, index) => (
                <td key={index} className="px-2 py-1">
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
