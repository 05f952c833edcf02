import Link from "next/link";
import type { EscalationStep } from "@/lib/escalation/escalations";
import { formatChineseDate } from "@/lib/core/dates";
import { TableHead } from "@/components/ui/table-head";
import { StepBadge, StepState } from "./step-badge";

/** Steps of the ladder as a table: level and 文号, unit, what about, when, by when, and where it stands. */
export function EscalationTable({
  steps,
  showUnit = true,
  empty = "暂无督办事项。",
}: {
  steps: readonly EscalationStep[];
  showUnit?: boolean;
  empty?: string;
}) {
  if (steps.length === 0) return <p className="mt-2 text-slate-600">{empty}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="mt-3 w-full text-sm">
        <TableHead columns={["督办方式", "文号", showUnit && "单位", "事项", "督办日期", "整改期限", "落实情况", "状态"]} />
        <tbody>
          {steps.map((step) => (
            <tr key={step.id} className="border-t border-slate-200 align-top">
              <td className="px-3 py-2">
                <Link href={`/escalations/${step.id}`} className="hover:underline" aria-label={`查看督办 ${step.id}`}>
                  <StepBadge step={step.step} />
                </Link>
              </td>
              <td className="whitespace-nowrap px-3 py-2">
                <Link href={`/escalations/${step.id}`} className="text-blue-800 hover:underline">
                  {step.documentNumber ?? `督办 ${step.id}`}
                </Link>
              </td>
              {showUnit && <td className="whitespace-nowrap px-3 py-2">{step.unit.shortName}</td>}
              <td className="px-3 py-2">{step.subject}</td>
              <td className="whitespace-nowrap px-3 py-2">{formatChineseDate(step.day)}</td>
              <td className="whitespace-nowrap px-3 py-2">{formatChineseDate(step.deadline)}</td>
              <td className="px-3 py-2">{step.response ? "已填报" : "未填报"}</td>
              <td className="whitespace-nowrap px-3 py-2">
                <StepState step={step} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
