import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { listAwaitingChecks, listAwaitingMilestoneChecks, listRecentChecks } from "@/lib/verification/checks";
import { CHECK_METHOD_LABELS } from "@/lib/verification/schemas";
import { CheckForm } from "@/components/review/check-form";
import { formatChinaTime, formatChineseDate, formatIsoDate } from "@/lib/core/dates";
import { REPORT_STATUS_LABELS } from "@/lib/status/status-rules";
import { chinaToday, formatQuarter } from "@/lib/core/quarters";
import { quarterOfRow } from "@/lib/reports/report-record";
import { TableHead } from "@/components/ui/table-head";

export const metadata = { title: "销号核查" };

/** Claimed completions (已完成（待核查）) awaiting the reviewer's check, and the checks recorded lately. */
export default async function ChecksPage() {
  const user = await requirePermission("report:review");
  const [awaiting, milestones, recent] = await Promise.all([
    listAwaitingChecks(user),
    listAwaitingMilestoneChecks(user),
    listRecentChecks(user),
  ]);
  const today = chinaToday();
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">销号核查</h1>
        <p role="status" className="text-slate-700">
          共 {awaiting.length + milestones.length} 项已完成（待核查）：任务 {awaiting.length} 项，节点 {milestones.length}{" "}
          项。核查通过后计为已完成；未通过的退回单位，下次报告须重新说明。
        </p>
      </header>
      <ul className="space-y-4" aria-label="待核查事项">
        {awaiting.map((item) => {
          const label = `任务 ${item.taskNumber} ${item.unitName}`;
          return (
            <li key={`${item.taskNumber}-${item.unitCode}`} className="rounded-lg border border-slate-200 bg-white p-4">
              <h2 className="font-semibold">
                {item.taskNumber}. {item.taskTitle}（{item.unitName}）
              </h2>
              <p className="mb-3 text-sm text-slate-600">
                <Link href={`/reports/${item.reportId}`} className="text-blue-800 hover:underline">
                  {formatQuarter(quarterOfRow(item))} 报告
                </Link>
                报已完成，{formatChinaTime(item.acceptedAt)} 审核通过
              </p>
              <CheckForm target={{ taskNumber: item.taskNumber, unitCode: item.unitCode }} label={label} today={today} />
            </li>
          );
        })}
        {awaiting.length === 0 && <li className="text-slate-600">没有待核查的已完成任务。</li>}
      </ul>
      <section aria-labelledby="milestone-checks" className="space-y-3">
        <h2 id="milestone-checks" className="text-lg font-semibold">
          待核查的节点
        </h2>
        <ul className="space-y-4" aria-label="待核查节点">
          {milestones.map((item) => {
            const { list } = item.measure;
            const label = `节点 ${item.title}（${list.unit.shortName}）`;
            return (
              <li key={item.id} className="rounded-lg border border-slate-200 bg-white p-4">
                <h3 className="font-semibold">
                  {item.title}（{list.unit.shortName}）
                </h3>
                <p className="text-sm text-slate-700">
                  任务 {list.task.number}. {list.task.title} · {list.year}年举措：{item.measure.text}
                </p>
                <p className="mb-3 text-sm text-slate-600">
                  完成标志：{item.deliverable} · 计划 {formatChineseDate(formatIsoDate(item.plannedDate))} · 报告完成于{" "}
                  {item.doneDate ? formatChineseDate(formatIsoDate(item.doneDate)) : "—"}
                  {item.report && (
                    <>
                      {" · "}
                      <Link href={`/reports/${item.report.id}`} className="text-blue-800 hover:underline">
                        {formatQuarter(quarterOfRow(item.report))} 报告
                      </Link>
                      （{REPORT_STATUS_LABELS[item.report.status]}）
                    </>
                  )}
                </p>
                <CheckForm target={{ milestoneId: item.id }} label={label} today={today} />
              </li>
            );
          })}
          {milestones.length === 0 && <li className="text-slate-600">没有待核查的节点。</li>}
        </ul>
      </section>
      <section aria-labelledby="recent-checks" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="recent-checks" className="mb-2 text-lg font-semibold">
          最近的核查记录
        </h2>
        <table className="w-full text-sm">
          <TableHead columns={["任务", "单位", "节点", "日期", "方式", "结论", "核查发现", "核查人", "材料"]} dense />
          <tbody>
            {recent.map((check) => (
              <tr key={check.id} className="border-t border-slate-200 align-top">
                <td className="px-2 py-1 tabular-nums">{check.task?.number ?? check.milestone?.measure.list.task.number}</td>
                <td className="px-2 py-1">{check.unit?.shortName ?? check.milestone?.measure.list.unit.shortName}</td>
                <td className="px-2 py-1">{check.milestone?.title ?? "—"}</td>
                <td className="px-2 py-1 tabular-nums">{formatIsoDate(check.checkedOn)}</td>
                <td className="px-2 py-1">{CHECK_METHOD_LABELS[check.method]}</td>
                <td className="px-2 py-1">{check.passed ? "通过" : "未通过"}</td>
                <td className="px-2 py-1">{check.finding}</td>
                <td className="px-2 py-1">{check.verifier.displayName}</td>
                <td className="px-2 py-1">{check.fileName ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
