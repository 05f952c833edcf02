"use client";

import type { ContentDifference, ReportConflict } from "@/lib/reports/report-diff";
import { REPORT_STATUS_LABELS } from "@/lib/status/status-rules";
import { TableHead } from "@/components/ui/table-head";

interface Props {
  conflict: ReportConflict;
  /** Where the user's form differs from the other version, field by field. */
  differences: ContentDifference[];
  pending: boolean;
  /** Save the user's own text, now based on the other version (refused again if yet another save came in between). */
  onKeepMine: () => void;
  /** Fill the whole form with the other version. */
  onTakeTheirs: () => void;
  /** Fill one field (or one indicator's value, period and note) with the other version. */
  onTakeField: (key: string) => void;
}

/**
 * After a save refused as stale: the other person's version beside the user's own text, field by
 * field, and the ways on. Nothing in the form changes until the user picks one.
 */
export function ConflictPanel({ conflict, differences, pending, onKeepMine, onTakeTheirs, onTakeField }: Props) {
  const { who, when, version, record } = conflict;
  return (
    <section aria-labelledby="conflict-heading" className="space-y-3 rounded-lg border border-amber-400 bg-amber-50 p-4">
      <h2 id="conflict-heading" className="text-lg font-semibold">
        与{who}保存的版本对照
      </h2>
      <p className="text-sm">
        {who} 已于 {when} 保存了第 {version} 版（{REPORT_STATUS_LABELS[record.status]}）。您填写的内容仍在表单中，没有被覆盖。
        {differences.length > 0 ? `有 ${differences.length} 处与您的内容不同：` : "对方的版本与您的内容相同。"}
      </p>
      {differences.length > 0 && (
        // On a phone the comparison scrolls sideways inside its own box, not the page.
        <div className="overflow-x-auto">
          <table className="w-full min-w-xl text-sm md:min-w-0">
            <TableHead columns={["字段", "对方的版本", "您的内容", record.editable && "操作"]} dense />
            <tbody>
              {differences.map((difference) => (
                <tr key={difference.key} className="border-t border-amber-200 align-top">
                  <th scope="row" id={`conflict-${difference.key}`} className="px-2 py-1 text-left font-medium">
                    {difference.label}
                    <span className="block text-xs font-normal text-amber-800">不同</span>
                  </th>
                  <td className="whitespace-pre-wrap px-2 py-1">{difference.theirs || "（空）"}</td>
                  <td className="whitespace-pre-wrap bg-amber-100 px-2 py-1">{difference.mine || "（空）"}</td>
                  {record.editable && (
                    <td className="px-2 py-1">
                      <button
                        type="button"
                        onClick={() => onTakeField(difference.key)}
                        aria-describedby={`conflict-${difference.key}`}
                        className="min-h-11 whitespace-nowrap text-blue-800 underline sm:min-h-0"
                      >
                        采用此项
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {record.editable ? (
        <div className="flex flex-wrap gap-3">
          <button
            type="button"
            onClick={onKeepMine}
            disabled={pending}
            className="min-h-11 rounded bg-brand-700 px-4 py-2 text-white disabled:opacity-60 sm:min-h-0"
          >
            保留我的内容并覆盖保存
          </button>
          <button
            type="button"
            onClick={onTakeTheirs}
            disabled={pending}
            className="min-h-11 rounded border border-slate-400 px-4 py-2 disabled:opacity-60 sm:min-h-0"
          >
            采用对方版本
          </button>
        </div>
      ) : (
        <p className="text-sm">
          该报告现为“{REPORT_STATUS_LABELS[record.status]}”，不能再修改。您的内容仍在表单中，可复制留存
          {record.status === "SUBMITTED" ? "；如需改用您的内容，可在审核人处理前到报告页面撤回，再修改提交。" : "。"}
        </p>
      )}
    </section>
  );
}
