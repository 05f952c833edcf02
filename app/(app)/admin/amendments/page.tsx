import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { listTasks } from "@/lib/plan/tasks";
import { countAmendmentsByTask } from "@/lib/plan/amendments";
import { formatChineseDate } from "@/lib/core/dates";
import { TableHead } from "@/components/ui/table-head";

export const metadata = { title: "计划调整" };

export default async function AmendmentsPage() {
  await requirePermission("plan:edit");
  const [tasks, counts] = await Promise.all([listTasks(), countAmendmentsByTask()]);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">计划调整</h1>
      <p className="text-sm text-slate-600">
        依据正式文件调整任务的完成时限、责任单位或牵头单位。调整在保存时即执行，填报、状态和总览随即按调整后的计划计算；生效日期按依据文件记录在调整记录中。
      </p>
      <table className="w-full rounded-lg border border-slate-200 bg-white text-sm">
        <TableHead columns={["任务", "完成时限", "牵头单位", "调整次数", ""]} />
        <tbody>
          {tasks.map((task) => (
            <tr key={task.number} className="border-t border-slate-200 align-top">
              <td className="px-3 py-2">
                <span className="mr-2 tabular-nums text-slate-500">{task.number}</span>
                {task.title}
              </td>
              <td className="px-3 py-2">
                {task.deadline.text}（{formatChineseDate(task.deadline.date)}）
              </td>
              <td className="px-3 py-2">{task.leadUnit?.shortName ?? "未指定"}</td>
              <td className="px-3 py-2 tabular-nums">{counts.get(task.number) ?? 0}</td>
              <td className="px-3 py-2">
                <Link
                  href={`/admin/amendments/${task.number}`}
                  className="text-blue-800 hover:underline"
                  aria-label={`调整任务 ${task.number}`}
                >
                  调整
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
