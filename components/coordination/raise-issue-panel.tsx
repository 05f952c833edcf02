import type { SessionUser } from "@/lib/auth/accounts";
import { addresseeOptions } from "@/lib/coordination/coordination";
import { RaiseIssueForm } from "./raise-issue-form";

/** The report page's 需协调事项 box: raise a problem on this task, from this report once it is saved. */
export async function RaiseIssuePanel({ user, taskNumber, reportId }: { user: SessionUser; taskNumber: number; reportId: number | null }) {
  const addressees = await addresseeOptions(user.unitId);
  return (
    <details className="no-print rounded border border-slate-200 bg-white p-4">
      <summary className="cursor-pointer font-medium">需协调事项（本单位难以独立解决的问题）</summary>
      <p className="mt-2 text-sm text-slate-600">向其他单位或省领导提出，跟踪答复和办结情况；可在“需协调事项”页面查看。</p>
      <div className="mt-3">
        <RaiseIssueForm taskNumber={taskNumber} reportId={reportId} addressees={addressees} />
      </div>
    </details>
  );
}
