import Link from "next/link";
import type { IssueSummary } from "@/lib/coordination/coordination";
import { COORDINATION_STATUS_LABELS } from "@/lib/coordination/schemas";
import { formatChineseDate, formatChinaTime } from "@/lib/core/dates";
import { TableHead } from "@/components/ui/table-head";

/** 需协调事项 as a table: what, on which task, from whom to whom, by when, and where it stands. */
export function IssueTable({ issues, showTask = true }: { issues: readonly IssueSummary[]; showTask?: boolean }) {
  if (issues.length === 0) return <p className="mt-2 text-slate-600">暂无需协调事项。</p>;
  return (
    <table className="mt-3 w-full text-sm">
      <TableHead columns={["事项", ...(showTask ? ["任务"] : []), "提出单位", "协调对象", "期望办结", "状态", "提出时间"]} />
      <tbody>
        {issues.map((issue) => (
          <tr key={issue.id} className="border-t border-slate-200 align-top">
            <td className="px-3 py-2">
              <Link href={`/coordination/${issue.id}`} className="text-blue-800 hover:underline">
                {issue.title}
              </Link>
            </td>
            {showTask && (
              <td className="px-3 py-2">
                <Link href={`/tasks/${issue.task.number}`} className="hover:underline">
                  {issue.task.number}. {issue.task.title}
                </Link>
              </td>
            )}
            <td className="px-3 py-2">{issue.raisedBy}</td>
            <td className="px-3 py-2">{issue.addressedTo}</td>
            <td className="px-3 py-2">{issue.deadline ? formatChineseDate(issue.deadline) : "—"}</td>
            <td className="px-3 py-2">{COORDINATION_STATUS_LABELS[issue.status]}</td>
            <td className="px-3 py-2">{formatChinaTime(issue.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
