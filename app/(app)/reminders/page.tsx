import Link from "next/link";
import { ReminderForm } from "@/components/reminders/reminder-form";
import { requirePermission } from "@/lib/auth/session";
import { formatChinaTime } from "@/lib/core/dates";
import { listReminders, reportingCounts } from "@/lib/reminders/reminders";
import { getWindowSetting } from "@/lib/admin/settings";
import { listUnitOptions } from "@/lib/plan/units";
import {
  addQuarters,
  chinaToday,
  compareQuarters,
  formatQuarter,
  PLAN_FIRST_QUARTER,
  quarterIndex,
  quarterLabel,
  reportingQuarter,
} from "@/lib/core/quarters";
import { quarterOfRow } from "@/lib/reports/report-record";
import { TableHead } from "@/components/ui/table-head";
import { ExportLink } from "@/components/ui/export-link";
import { UnitReportReminders } from "@/components/unit-reports/unit-report-reminders";

export const metadata = { title: "催办" };
const COLUMNS = 4;

export default async function RemindersPage() {
  await requirePermission("report:review");
  const { windowDays } = await getWindowSetting();
  const collecting = reportingQuarter(chinaToday(), windowDays);
  const first =
    compareQuarters(addQuarters(collecting, -(COLUMNS - 1)), PLAN_FIRST_QUARTER) < 0
      ? PLAN_FIRST_QUARTER
      : addQuarters(collecting, -(COLUMNS - 1));
  const quarters = Array.from({ length: quarterIndex(collecting) - quarterIndex(first) + 1 }, (_, index) => addQuarters(first, index));
  const [units, counts, history] = await Promise.all([listUnitOptions(), reportingCounts(first, collecting), listReminders()]);
  const countOf = (unitId: number, quarterText: string) =>
    counts.find((count) => count.unitId === unitId && formatQuarter(count.quarter) === quarterText);
  return (
    <div className="space-y-6">
      <header>
        <div className="flex items-center justify-between gap-3">
          <h1 className="text-2xl font-semibold">催办</h1>
          <ExportLink href="/api/exports/reminders.xlsx" />
        </div>
        <p className="text-slate-700">各单位按季度已提交 / 应报送的报告数；{quarterLabel(collecting)}为正在报送的季度。</p>
        <p className="text-sm text-slate-600">
          催办后仍未报齐的，可在记录中“升级督办”（函告、通报、约谈、挂牌督办），见
          <Link href="/escalations" className="text-blue-800 hover:underline">
            督办台账
          </Link>
          。
        </p>
      </header>
      <UnitReportReminders />
      <ReminderForm quarters={quarters.map(formatQuarter)} defaultQuarter={formatQuarter(addQuarters(collecting, -1))}>
        <div className="overflow-x-auto">
          <table className="w-full border-collapse bg-white text-sm">
            <caption className="sr-only">单位 × 季度报送情况</caption>
            <thead className="bg-slate-100">
              <tr>
                <th scope="col" className="px-3 py-2 text-left">
                  选择
                </th>
                <th scope="col" className="px-3 py-2 text-left">
                  单位
                </th>
                {quarters.map((quarter) => (
                  <th key={formatQuarter(quarter)} scope="col" className="px-3 py-2 text-left tabular-nums">
                    {formatQuarter(quarter)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {units.map((unit) => (
                <tr key={unit.code} className="border-t border-slate-200">
                  <td className="px-3 py-1.5">
                    <input type="checkbox" name="units" value={unit.code} aria-label={`选择 ${unit.shortName}`} />
                  </td>
                  <th scope="row" className="px-3 py-1.5 text-left font-normal">
                    {unit.shortName}
                  </th>
                  {quarters.map((quarter) => {
                    const count = countOf(unit.id, formatQuarter(quarter));
                    if (!count)
                      return (
                        <td key={formatQuarter(quarter)} className="px-3 py-1.5 text-slate-500">
                          无任务
                        </td>
                      );
                    const missing = count.owed - count.submitted;
                    const tone = missing === 0 ? "text-green-800" : count.submitted === 0 ? "text-red-800" : "text-amber-800";
                    const mark = missing === 0 ? "✓ 齐全" : count.submitted === 0 ? "■ 未报" : "◆ 缺报";
                    return (
                      <td key={formatQuarter(quarter)} className={`px-3 py-1.5 tabular-nums ${tone}`}>
                        {mark} {count.submitted}/{count.owed}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </ReminderForm>
      <section aria-labelledby="history-heading" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="history-heading" className="text-lg font-semibold">
          催办与通报记录
        </h2>
        {history.length === 0 ? (
          <p className="mt-2 text-slate-600">暂无记录。</p>
        ) : (
          <table className="mt-3 w-full text-sm">
            <TableHead columns={["时间", "单位", "季度", "方式", "内容", "发出人", "督办"]} dense />
            <tbody>
              {history.map((reminder) => (
                <tr key={reminder.id} className="border-t border-slate-200">
                  <td className="px-2 py-1">{formatChinaTime(reminder.createdAt)}</td>
                  <td className="px-2 py-1">{reminder.unit.shortName}</td>
                  <td className="px-2 py-1">{quarterLabel(quarterOfRow(reminder))}</td>
                  <td className="px-2 py-1">{reminder.level === "CIRCULATE" ? "通报" : "催办"}</td>
                  <td className="px-2 py-1">{reminder.message}</td>
                  <td className="px-2 py-1">{reminder.createdBy.displayName}</td>
                  <td className="no-print px-2 py-1">
                    <Link href={`/escalations/new?reminder=${reminder.id}`} className="whitespace-nowrap text-blue-800 hover:underline">
                      升级督办<span className="sr-only">（{reminder.unit.shortName}）</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
