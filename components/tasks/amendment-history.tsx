import { AMENDMENT_KIND_LABELS, AMENDMENT_STATE_LABELS, amendmentChangeText, type AmendmentView } from "@/lib/plan/amendments";
import { formatChinaTime, formatChineseDate } from "@/lib/core/dates";
import { TableHead } from "@/components/ui/table-head";
import { CancelAmendmentForm } from "@/components/admin/cancel-amendment-form";

const STATE_CLASSES: Record<AmendmentView["state"], string> = {
  APPLIED: "bg-emerald-50 text-emerald-800",
  PENDING: "bg-amber-50 text-amber-800",
  CANCELLED: "bg-slate-100 text-slate-600",
  NOT_APPLIED: "bg-red-50 text-red-800",
};

/**
 * 计划调整记录: every amendment of a task, oldest first, with its document, effective date and
 * state (已执行 / 待生效 / 已撤销 / 未执行 with the reason). `cancellable`: the admin's page, where a
 * pending one can be withdrawn.
 */
export function AmendmentHistory({
  amendments,
  taskNumber,
  cancellable = false,
}: {
  amendments: readonly AmendmentView[];
  taskNumber: number;
  cancellable?: boolean;
}) {
  return (
    <section aria-labelledby="amendments-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="amendments-heading" className="text-lg font-semibold">
        计划调整记录
      </h2>
      {amendments.length === 0 ? (
        <p className="mt-2 text-slate-600">本任务未作调整，按原计划执行。</p>
      ) : (
        <table className="mt-3 w-full text-sm">
          <TableHead columns={["调整", "内容", "依据文件", "生效日期", "状态", "原因", "调整人及时间"]} />
          <tbody>
            {amendments.map((amendment) => (
              <tr key={amendment.id} className="border-t border-slate-200 align-top">
                <td className="px-3 py-2">{AMENDMENT_KIND_LABELS[amendment.kind]}</td>
                <td className="px-3 py-2">{amendmentChangeText(amendment)}</td>
                <td className="px-3 py-2">{amendment.authority}</td>
                <td className="px-3 py-2">
                  <time dateTime={amendment.effectiveDate}>{formatChineseDate(amendment.effectiveDate)}</time>
                </td>
                <td className="px-3 py-2">
                  <span className={`whitespace-nowrap rounded px-1.5 py-0.5 text-xs ${STATE_CLASSES[amendment.state]}`}>
                    {AMENDMENT_STATE_LABELS[amendment.state]}
                  </span>
                  {amendment.state === "APPLIED" && amendment.appliedAt && (
                    <span className="mt-1 block text-xs text-slate-500">{formatChinaTime(amendment.appliedAt)} 执行</span>
                  )}
                  {amendment.applyError && <span className="mt-1 block text-xs text-red-700">{amendment.applyError}</span>}
                  {cancellable && amendment.state === "PENDING" && (
                    <CancelAmendmentForm taskNumber={taskNumber} amendmentId={amendment.id} />
                  )}
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
