import type { ReviewedMeasureList } from "@/lib/measures/read-measures";
import { MEASURE_ROLE_LABELS } from "@/lib/measures/schemas";
import { MILESTONE_LIGHT_LABELS, milestoneLight } from "@/lib/measures/milestone-lights";
import { formatChinaTime, formatIsoDate } from "@/lib/core/dates";
import { REPORT_STATUS_LABELS } from "@/lib/status/status-rules";
import { sheet, type Sheet } from "./workbook";

type StoredMeasure = ReviewedMeasureList["measures"][number];
interface MilestoneRow {
  list: ReviewedMeasureList;
  measure: StoredMeasure;
  milestone: StoredMeasure["milestones"][number];
}

const funds = (value: StoredMeasure["fundsPlanned"]) => (value === null ? null : Number(value.toString()));

/**
 * All units' measures as the measures desk filters them, one row per milestone (a measure always
 * has at least one): the task, the unit in Chinese, the measure with its funds, and the milestone
 * with its light on `today` (China time) and whether a completion check verified it.
 */
export function measuresSheet(lists: ReviewedMeasureList[], filterText: string, today: string): Sheet {
  const rows: MilestoneRow[] = lists.flatMap((list) =>
    list.measures.flatMap((measure) => measure.milestones.map((milestone) => ({ list, measure, milestone }))),
  );
  return sheet({
    name: "年度举措",
    preface: ["各单位年度举措与节点", filterText, `导出时间：${formatChinaTime(new Date())}`],
    rows,
    columns: [
      { header: "年度", type: "integer", width: 7, value: ({ list }) => list.year },
      { header: "任务序号", type: "integer", width: 8, value: ({ list }) => list.task.number },
      { header: "重点任务", width: 28, value: ({ list }) => list.task.title },
      { header: "单位", width: 16, value: ({ list }) => list.unit.shortName },
      { header: "角色", width: 6, value: ({ list }) => MEASURE_ROLE_LABELS[list.role] },
      { header: "清单状态", width: 10, value: ({ list }) => REPORT_STATUS_LABELS[list.status] },
      { header: "举措内容", width: 50, value: ({ measure }) => measure.text },
      { header: "责任人", width: 20, value: ({ measure }) => measure.responsible },
      { header: "计划资金（万元）", type: "number", width: 14, value: ({ measure }) => funds(measure.fundsPlanned) },
      { header: "已用资金（万元）", type: "number", width: 14, value: ({ measure }) => funds(measure.fundsSpent) },
      { header: "资金来源", width: 16, value: ({ measure }) => measure.fundsSource ?? "" },
      { header: "节点", width: 30, value: ({ milestone }) => milestone.title },
      { header: "计划完成日期", type: "date", width: 12, value: ({ milestone }) => milestone.plannedDate },
      { header: "完成标志", width: 30, value: ({ milestone }) => milestone.deliverable },
      {
        header: "节点状态",
        width: 16,
        value: ({ milestone }) =>
          MILESTONE_LIGHT_LABELS[
            milestoneLight(
              { status: milestone.status, plannedDate: formatIsoDate(milestone.plannedDate), verified: milestone.checks.length > 0 },
              today,
            )
          ],
      },
      { header: "完成日期", type: "date", width: 12, value: ({ milestone }) => milestone.doneDate },
      { header: "已核查", width: 8, value: ({ milestone }) => (milestone.checks.length > 0 ? "是" : "否") },
      { header: "提交时间", type: "datetime", width: 17, value: ({ list }) => list.submittedAt },
      { header: "审核时间", type: "datetime", width: 17, value: ({ list }) => list.reviewedAt },
    ],
  });
}
