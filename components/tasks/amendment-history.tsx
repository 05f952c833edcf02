import { AMENDMENT_KIND_LABELS, amendmentChangeText, type AmendmentView } from "@/lib/plan/amendments";
import { formatChinaTime, formatChineseDate } from "@/lib/core/dates";
import { TableHead } from "@/components/ui/table-head";

/** 计划调整记录: every amendment of a task, oldest first, with its document and effective date. */
export function AmendmentHistory({ amendments }: { amendments: readonly AmendmentView[] }) {
  return (
    <section aria-labelledby="amendments-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="amendments-heading" className="text-lg font-semibold">
        计划调整记录
      </h2>
      {amendments.length === 0 ? (
        <p className="mt-2 text-slate-600">本任务未作调整，按原计划执行。</p>
      ) : (
        <table className="mt-3 w-full text-sm">
          <TableHead columns={["调整", "内容", "依据文件", "生效日期", "原因", "调整人及时间"]} />
          <tbody>
            {amendments.map((amendment) => (
              <tr key={amendment.id} className="border-t border-slate-200 align-top">
                <td className="px-3 py-2">{AMENDMENT_KIND_LABELS[amendment.kind]}</td>
                <td className="px-3 py-2">{amendmentChangeText(amendment)}</td>
                <td className="px-3 py-2">{amendment.authority}</td>
                <td className="px-3 py-2">
                  <time dateTime={amendment.effectiveDate}>{formatChineseDate(amendment.effectiveDate)}</time>
                </td>
                <td className="max-w-xs px-3 py-2">{amendment.reason}</td>
                <td className="px-3 py-2">
                  {amendment.createdBy}，{formatChinaTime(amendment.createdAt)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
