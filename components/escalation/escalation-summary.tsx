import Link from "next/link";
import { Widget } from "@/components/dashboard/widgets";
import { TableHead } from "@/components/ui/table-head";
import { openStepsByLevel } from "@/lib/escalation/escalations";
import { STEP_LABELS } from "@/lib/escalation/rules";

/** The dashboard's 督办 panel: open steps per level (and those past their 整改期限), each a link into the ledger. */
export async function EscalationSummary({ unit }: { unit?: string }) {
  const levels = await openStepsByLevel(unit);
  const total = levels.reduce((sum, level) => sum + level.open, 0);
  const href = (level: string) => `/escalations?${new URLSearchParams({ level, state: "open", ...(unit ? { unit } : {}) }).toString()}`;
  return (
    <Widget id="escalation-summary" title="督办事项（未办结）">
      <p className="text-sm text-slate-700">
        共 {total} 项未办结。{" "}
        <Link href="/escalations?state=open" className="text-blue-800 hover:underline">
          督办台账 →
        </Link>
      </p>
      <table className="mt-2 w-full text-sm">
        <TableHead columns={["督办方式", { label: "未办结", numeric: true }, { label: "其中已超期", numeric: true }]} dense />
        <tbody>
          {levels.map((level) => (
            <tr key={level.step} className="border-t border-slate-200">
              <th scope="row" className="px-2 py-1 text-left font-normal">
                {STEP_LABELS[level.step]}
              </th>
              <td className="px-2 py-1 text-right tabular-nums">
                {level.open > 0 ? (
                  <Link href={href(level.step)} className="text-blue-800 hover:underline">
                    {level.open}
                  </Link>
                ) : (
                  0
                )}
              </td>
              <td className={`px-2 py-1 text-right tabular-nums ${level.overdue > 0 ? "text-red-800" : ""}`}>{level.overdue}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Widget>
  );
}
