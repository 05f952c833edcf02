import { formatChinaTime, formatChineseDate } from "@/lib/core/dates";
import { actionLabel } from "@/lib/audit/audit-labels";
import { paragraphs } from "@/lib/annual/annual-text";
import {
  UNIT_REPORT_SECTIONS,
  UNIT_REPORT_STATUS_LABELS,
  type UnitReportSections,
  type UnitReportStatus,
} from "@/lib/unit-reports/unit-report-text";

const TONES: Record<UnitReportStatus, string> = {
  NOT_STARTED: "border-slate-300 bg-white text-slate-700",
  DRAFT: "border-slate-300 bg-slate-50 text-slate-800",
  SUBMITTED: "border-blue-300 bg-blue-50 text-blue-900",
  RETURNED: "border-red-300 bg-red-50 text-red-900",
  ACCEPTED: "border-green-300 bg-green-50 text-green-900",
};

export function UnitReportStatusBadge({ status, late }: { status: UnitReportStatus; late?: boolean }) {
  return (
    <span className="inline-flex gap-1">
      <span className={`rounded border px-1.5 py-0.5 text-xs font-medium ${TONES[status]}`}>{UNIT_REPORT_STATUS_LABELS[status]}</span>
      {late && <span className="rounded border border-red-400 bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-950">逾期</span>}
    </span>
  );
}

/** The report as it reads: its sections, 署名 and 成文日期. */
export function UnitReportBody({ sections, signatory, signedOn }: { sections: UnitReportSections; signatory: string; signedOn: string }) {
  return (
    <div className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 leading-7">
      {UNIT_REPORT_SECTIONS.map(({ key, title }) => (
        <section key={key} aria-label={title}>
          <h2 className="font-semibold">{title}</h2>
          {paragraphs(sections[key]).map((line, index) => (
            <p key={index} className="indent-8">
              {line}
            </p>
          ))}
        </section>
      ))}
      <p className="text-right">{signatory}</p>
      <p className="text-right">{formatChineseDate(signedOn)}</p>
    </div>
  );
}

export function UnitReportHistory({ revisions }: { revisions: { version: number; action: string; at: Date; actor: string }[] }) {
  if (revisions.length === 0) return null;
  return (
    <section aria-labelledby="history-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="history-heading" className="text-lg font-semibold">
        修改历史
      </h2>
      <ol className="mt-2 space-y-1 text-sm">
        {revisions.map((revision) => (
          <li key={revision.version}>
            第 {revision.version} 版 · {actionLabel(revision.action)} · {revision.actor} · {formatChinaTime(revision.at)}
          </li>
        ))}
      </ol>
    </section>
  );
}
