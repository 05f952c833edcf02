import type { ReportListItem } from "@/lib/reports/read-reports";
import { formatQuarter } from "@/lib/core/quarters";
import { quarterOfRow } from "@/lib/reports/report-record";
import type { ProgressReportJson } from "./progress.contract";

/** One report in the shape of GET /api/v1/progress. */
export function progressJson(report: ReportListItem): ProgressReportJson {
  return {
    id: report.id,
    quarter: formatQuarter(quarterOfRow(report)),
    task: { number: report.task.number, title: report.task.title, section: report.task.section.number },
    unit: { code: report.unit.code, name: report.unit.shortName, kind: report.unit.kind === "CITY" ? "city" : "province" },
    status: report.status,
    progressState: report.progressState,
    percent: report.percent,
    progress: report.progress,
    problems: report.problems,
    nextSteps: report.nextSteps,
    figures: report.figures.map((figure) => ({
      indicator: figure.indicator.code,
      value: Number(figure.value),
      unit: figure.indicator.measureUnit,
      period: figure.period,
      note: figure.note,
    })),
    submittedAt: report.submittedAt?.toISOString() ?? null,
    reviewedAt: report.reviewedAt?.toISOString() ?? null,
  };
}
