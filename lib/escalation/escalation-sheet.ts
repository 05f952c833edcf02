/** The 督办台账 as an Excel sheet: the rows of the ledger page under its filters. */
import { formatChinaTime } from "@/lib/core/dates";
import { quarterLabel } from "@/lib/core/quarters";
import { sheet, type Sheet } from "@/lib/exports/workbook";
import type { FilterCaption } from "@/lib/exports/sheets";
import type { EscalationStep } from "./escalations";
import { STEP_LABELS, type EscalationStepName } from "./rules";
import { STATE_LABELS } from "./schemas";

const calendarDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** How the ledger's own filter parameters read in the sheet's caption. */
export const ESCALATION_FILTER_CAPTIONS: Partial<Record<string, FilterCaption>> = {
  level: (value) => `督办方式 ${STEP_LABELS[value as EscalationStepName] ?? value}`,
  state: (value) => STATE_LABELS[value as keyof typeof STATE_LABELS] ?? value,
};

export function escalationsSheet(steps: readonly EscalationStep[], filterText: string): Sheet {
  return sheet({
    name: "督办台账",
    preface: ["美丽江西建设督办台账（催办、函告、通报、约谈、挂牌督办）", filterText, `导出时间：${formatChinaTime(new Date())}`],
    rows: steps,
    columns: [
      { header: "编号", type: "integer", width: 7, value: (step) => step.id },
      { header: "督办方式", width: 10, value: (step) => STEP_LABELS[step.step] },
      { header: "文号", width: 20, value: (step) => step.documentNumber ?? "" },
      { header: "单位", width: 16, value: (step) => step.unit.shortName },
      { header: "任务序号", type: "integer", width: 8, value: (step) => step.task?.number },
      { header: "重点任务", width: 28, value: (step) => step.task?.title ?? "" },
      { header: "季度", width: 16, value: (step) => (step.quarter ? quarterLabel(step.quarter) : "") },
      { header: "督办日期", type: "date", width: 12, value: (step) => calendarDate(step.day) },
      { header: "督办事由", width: 40, value: (step) => step.reason },
      { header: "整改要求", width: 40, value: (step) => step.requiredAction },
      { header: "整改期限", type: "date", width: 12, value: (step) => calendarDate(step.deadline) },
      { header: "落实情况", width: 40, value: (step) => step.response ?? "" },
      { header: "落实情况填报时间", type: "datetime", width: 17, value: (step) => step.respondedAt },
      { header: "状态", width: 10, value: (step) => (step.open ? (step.overdue ? "未办结（已超期）" : "未办结") : "已办结") },
      { header: "办结结果", width: 30, value: (step) => step.outcome ?? "" },
      { header: "办结时间", type: "datetime", width: 17, value: (step) => step.closedAt },
      { header: "督办人", width: 14, value: (step) => step.createdBy },
    ],
  });
}
