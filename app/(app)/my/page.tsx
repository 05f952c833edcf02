import Link from "next/link";
import { redirect } from "next/navigation";
import { ReportStatusBadge, StatusBadge } from "@/components/reports/status-badge";
import { CarriedBadge } from "@/components/reports/carried-badge";
import { ReportBatchForm } from "@/components/reports/report-batch-form";
import { TodoFilterForm } from "@/components/reports/todo-filter-form";
import { requirePermission } from "@/lib/auth/session";
import { getUnitTodo, type TodoItem } from "@/lib/reports/todo";
import { todoQuerySchema } from "@/lib/reports/schemas";
import { listSections } from "@/lib/plan/tasks";
import { issuesText, parseSearchParams } from "@/lib/core/schemas";
import { formatChinaTime, formatChineseDate } from "@/lib/core/dates";
import { formatQuarter, quarterLabel } from "@/lib/core/quarters";
import { TableHead } from "@/components/ui/table-head";
import { CARD_BODY, CARD_CELL, CARD_HEAD, CARD_ROW, CARD_TABLE } from "@/components/ui/card-table";
import { MilestoneAlerts } from "@/components/measures/milestone-alerts";
import { UnitReportTodo } from "@/components/unit-reports/unit-report-todo";
import { SelfAssessmentTodo } from "@/components/results-assessment/self-assessment-todo";

export const metadata = { title: "我的待办" };

const KIND_LABELS = { RETURNED: "被退回", OVERDUE: "逾期未报", CURRENT: "本期", DRAFT: "未提交草稿" } as const;

function daysText(days: number): string {
  if (days > 0) return `剩 ${days} 天`;
  if (days === 0) return "今天截止";
  return `已逾期 ${-days} 天`;
}

function TodoRow({ item, laggingMilestones }: { item: TodoItem; laggingMilestones: number }) {
  const quarter = formatQuarter(item.quarter);
  const fill = `/progress/${item.task.number}/${quarter}`;
  const canFill = !item.report || item.report.status === "DRAFT" || item.report.status === "RETURNED";
  return (
    <tr className={`${CARD_ROW} align-top`}>
      <td data-label="选择" className={`${CARD_CELL} empty:hidden md:empty:table-cell`}>
        {canFill && (
          <input
            type="checkbox"
            name="reports"
            value={`${item.task.number}:${quarter}:${item.report?.version ?? 0}`}
            aria-label={`选择 任务 ${item.task.number} ${quarter}`}
            className="h-11 w-5 sm:h-auto sm:w-auto"
          />
        )}
      </td>
      <td data-label="类别" className={CARD_CELL}>
        {KIND_LABELS[item.kind]}
      </td>
      <td data-label="任务" className={CARD_CELL}>
        <Link href={`/tasks/${item.task.number}`} className="text-blue-800 hover:underline">
          {item.task.number}. {item.task.title}
        </Link>
        {laggingMilestones > 0 && (
          <span className="ml-2 whitespace-nowrap rounded border border-red-300 bg-red-50 px-1 text-xs text-red-900">
            节点滞后 {laggingMilestones} 个
          </span>
        )}
        {item.report?.reviewComment && item.report.status === "RETURNED" && (
          <p className="mt-1 text-red-800">退回意见：{item.report.reviewComment}</p>
        )}
      </td>
      <td data-label="季度" className={`${CARD_CELL} tabular-nums`}>
        {quarter}
      </td>
      <td data-label="报告" className={`${CARD_CELL} space-y-1`}>
        <ReportStatusBadge status={item.report?.status ?? null} /> <CarriedBadge from={item.report?.carriedFrom} />
      </td>
      <td data-label="期限" className={CARD_CELL}>
        {daysText(item.daysLeft)}
      </td>
      <td data-label="任务状态" className={CARD_CELL}>
        <StatusBadge status={item.assessment.status} reason={item.assessment.reason} verified={item.assessment.verified} />
        {item.assessment.failedCheck && (
          <p className="mt-1 text-sm text-red-900">销号核查未通过：{item.assessment.failedCheck}。请在下次报告中重新说明完成情况。</p>
        )}
      </td>
      <td data-label="操作" className={CARD_CELL}>
        {canFill ? (
          <Link
            href={fill}
            className="inline-flex min-h-11 items-center rounded bg-brand-700 px-4 text-white hover:bg-brand-600 sm:inline sm:min-h-0 sm:px-2 sm:py-1"
            aria-label={`填报任务 ${item.task.number} ${quarter}`}
          >
            {item.report ? "继续填报" : "填报"}
          </Link>
        ) : (
          <Link
            href={`/reports/${item.report!.id}`}
            className="inline-flex min-h-11 items-center text-blue-800 hover:underline sm:inline sm:min-h-0"
          >
            查看
          </Link>
        )}
      </td>
    </tr>
  );
}

export default async function MyTodoPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission("report:write");
  const parsed = parseSearchParams(todoQuerySchema, await searchParams);
  const query = parsed.success ? parsed.data : {};
  const [todo, sections] = await Promise.all([getUnitTodo(user, query), listSections()]);
  if (!todo) redirect("/tasks");
  const filtered = Object.keys(query).some((key) => key !== "group");
  return (
    <div className="space-y-6">
      <header>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h1 className="text-2xl font-semibold">我的待办</h1>
          <Link
            href="/progress/import"
            className="no-print inline-flex min-h-11 items-center rounded border border-slate-300 bg-white px-3 text-sm hover:bg-slate-100 sm:inline sm:min-h-0 sm:py-1.5"
          >
            Excel 批量填报
          </Link>
        </div>
        <p role="status" className="mt-1 text-slate-700">
          {user.unitName}：正在报送{quarterLabel(todo.collecting)}进展，截止 {formatChineseDate(todo.windowCloses)}（
          {daysText(todo.daysLeft)}）。{filtered ? `符合筛选条件 ${todo.items.length} 项，其中待办` : "待办"} {todo.open} 项。
        </p>
      </header>

      <UnitReportTodo user={user} />
      <SelfAssessmentTodo user={user} />

      {todo.reminders.length > 0 && (
        <section aria-labelledby="reminders-heading" className="rounded-lg border border-red-300 bg-red-50 p-4">
          <h2 id="reminders-heading" className="font-semibold text-red-900">
            催办通知
          </h2>
          <ul className="mt-2 space-y-2">
            {todo.reminders.map((reminder) => (
              <li key={reminder.id} className="text-sm">
                <strong>{reminder.level === "CIRCULATE" ? "【通报】" : "【催办】"}</strong>
                {reminder.year}年第{reminder.quarter}季度：{reminder.message}
                <span className="ml-2 text-slate-600">
                  （{reminder.createdBy.displayName}，{formatChinaTime(reminder.createdAt)}）
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}

      {!parsed.success && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-2 text-red-900">
          筛选条件无效：{issuesText(parsed.error)}。已显示全部待办。
        </p>
      )}
      <TodoFilterForm values={{ ...query, quarter: query.quarter ? formatQuarter(query.quarter) : undefined }} sections={sections} />

      <ReportBatchForm empty={todo.items.length === 0}>
        {todo.items.length === 0 && (
          <p className="rounded border border-slate-200 bg-white p-6 text-center text-slate-600">没有符合条件的待办。</p>
        )}
        {todo.items.length > 0 &&
          todo.groups.map((group) => (
            <section key={group.key} aria-label={group.label || undefined} className="space-y-2">
              {group.label && (
                <h2 className="text-lg font-semibold">
                  {group.label}（{group.items.length} 项）
                </h2>
              )}
              <table className={`${CARD_TABLE} w-full border-collapse text-sm md:bg-white`}>
                <caption className="sr-only">{group.label || "本单位待报送的进展报告"}</caption>
                <TableHead columns={["选择", "类别", "任务", "季度", "报告", "期限", "任务状态", "操作"]} className={CARD_HEAD} />
                <tbody className={CARD_BODY}>
                  {group.items.map((item) => (
                    <TodoRow
                      key={`${item.kind}-${item.task.number}-${formatQuarter(item.quarter)}`}
                      item={item}
                      laggingMilestones={todo.laggingMilestones.get(item.task.number) ?? 0}
                    />
                  ))}
                </tbody>
              </table>
            </section>
          ))}
      </ReportBatchForm>

      {/* After the reports owed: a returned or overdue report comes first; the milestones' alerts follow. */}
      <MilestoneAlerts alerts={todo.milestones} />
    </div>
  );
}
