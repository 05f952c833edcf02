import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/auth/session";
import { formatChinaTime, formatChineseDate } from "@/lib/core/dates";
import { yearSchema } from "@/lib/core/schemas";
import { chinaToday } from "@/lib/core/quarters";
import { unitReportDesk } from "@/lib/unit-reports/unit-reports";
import { UnitReportDeadlineForm } from "@/components/unit-reports/unit-report-review-forms";
import { UnitReportStatusBadge } from "@/components/unit-reports/unit-report-view";

export const metadata = { title: "单位年度工作情况报告" };

/** The reviewer's desk: every provincial unit and city with its report's status for the year, the deadline, late ones marked. */
export default async function UnitReportDeskPage({ searchParams }: { searchParams: Promise<{ year?: string }> }) {
  await requirePermission("report:review");
  const raw = (await searchParams).year ?? chinaToday().slice(0, 4);
  const parsed = yearSchema().safeParse(raw);
  if (!parsed.success || !/^\d{4}$/.test(raw)) notFound();
  const year = parsed.data;
  const desk = await unitReportDesk(year);
  const counts = desk.rows.reduce<Record<string, number>>((all, row) => ({ ...all, [row.status]: (all[row.status] ?? 0) + 1 }), {});
  return (
    <article className="space-y-5">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">{year}年度各单位工作情况报告</h1>
        <p className="text-slate-700">
          共 {desk.rows.length} 个单位：已通过 {counts.ACCEPTED ?? 0}，已提交待审核 {counts.SUBMITTED ?? 0}，已退回 {counts.RETURNED ?? 0}
          ，草稿 {counts.DRAFT ?? 0}，未报送 {counts.NOT_STARTED ?? 0}。
          {desk.deadline ? `报送截止 ${formatChineseDate(desk.deadline)}。` : "尚未设置报送截止日期。"}
        </p>
      </header>
      <UnitReportDeadlineForm year={year} version={desk.roundVersion} deadline={desk.deadline} />
      <table className="w-full border-collapse bg-white text-sm">
        <caption className="sr-only">{year}年度各单位工作情况报告状态</caption>
        <thead>
          <tr className="border-b border-slate-300 text-left">
            <th className="p-2">单位</th>
            <th className="p-2">状态</th>
            <th className="p-2">提交时间</th>
            <th className="p-2">审核时间</th>
            <th className="p-2">操作</th>
          </tr>
        </thead>
        <tbody>
          {desk.rows.map((row) => (
            <tr key={row.unit.code} className="border-b border-slate-200">
              <th scope="row" className="p-2 text-left font-normal">
                {row.unit.name}
              </th>
              <td className="p-2">
                <UnitReportStatusBadge status={row.status} late={row.late} />
              </td>
              <td className="p-2">{row.submittedAt ? formatChinaTime(row.submittedAt) : "—"}</td>
              <td className="p-2">{row.reviewedAt ? formatChinaTime(row.reviewedAt) : "—"}</td>
              <td className="p-2">
                {row.status === "SUBMITTED" || row.status === "RETURNED" || row.status === "ACCEPTED" ? (
                  <Link
                    href={`/annual-reports/${year}/${row.unit.code}`}
                    className="text-blue-800 hover:underline"
                    aria-label={`查看${row.unit.name}的报告`}
                  >
                    {row.status === "SUBMITTED" ? "审核" : "查看"}
                  </Link>
                ) : (
                  "—"
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}
