import Link from "next/link";
import type { SessionUser } from "@/lib/auth/session";
import { formatChineseDate } from "@/lib/core/dates";
import { unitReportTodo } from "@/lib/unit-reports/unit-reports";

/** 我的待办: the unit's annual written report when it is due (with the deadline) or was returned. */
export async function UnitReportTodo({ user }: { user: SessionUser }) {
  const todo = await unitReportTodo(user);
  if (!todo) return null;
  return (
    <section aria-labelledby="unit-report-todo-heading" className="rounded-lg border border-amber-300 bg-amber-50 p-4">
      <h2 id="unit-report-todo-heading" className="font-semibold text-amber-950">
        年度工作情况报告
      </h2>
      <p className="mt-1">
        {todo.state === "returned" ? `${todo.year}年度工作情况报告已被退回，请修改后重新提交` : `请报送${todo.year}年度工作情况报告`}
        ，截止 {formatChineseDate(todo.deadline)}
        {todo.late ? "（已逾期）" : ""}。{todo.comment && <span className="block text-red-900">退回意见：{todo.comment}</span>}
      </p>
      <Link href={`/annual-reports/${todo.year}`} className="text-blue-800 hover:underline">
        {todo.state === "returned" ? "修改年度工作情况报告" : "填写年度工作情况报告"}
      </Link>
    </section>
  );
}
