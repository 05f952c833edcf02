import Link from "next/link";
import { formatChineseDate } from "@/lib/core/dates";
import { chinaToday } from "@/lib/core/quarters";
import { latestRoundYear, unitsWithoutAnnualReport } from "@/lib/unit-reports/unit-reports";

/** 催办: the units that have not submitted the latest year's annual report, against its deadline. */
export async function UnitReportReminders() {
  const year = await latestRoundYear();
  if (year === null) return null;
  const { deadline, units } = await unitsWithoutAnnualReport(year);
  const passed = deadline !== null && chinaToday() > deadline;
  return (
    <section aria-labelledby="unit-report-reminders-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="unit-report-reminders-heading" className="font-semibold">
        {year}年度工作情况报告未报送单位
      </h2>
      <p className="text-sm text-slate-700">
        报送截止 {deadline ? formatChineseDate(deadline) : "未设置"}
        {passed ? "，已过截止日期" : ""}；共 {units.length} 个单位未提交。
        <Link href={`/review/unit-reports?year=${year}`} className="ml-2 text-blue-800 hover:underline">
          查看各单位报送情况
        </Link>
      </p>
      {units.length > 0 && (
        <ul className="mt-2 flex flex-wrap gap-2 text-sm">
          {units.map((row) => (
            <li
              key={row.unit.code}
              className={`rounded border px-2 py-0.5 ${row.late ? "border-red-300 bg-red-50 text-red-900" : "border-slate-300"}`}
            >
              {row.unit.name}
              {row.late ? "（逾期未报）" : row.status === "DRAFT" ? "（草稿）" : ""}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
