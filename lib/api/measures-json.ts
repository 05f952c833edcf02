import type { ReviewedMeasureList } from "@/lib/measures/read-measures";
import { milestoneView } from "@/lib/measures/read-measures";
import type { MeasureJson } from "./measures.contract";

/** A list's measures in the shape of GET /api/v1/measures: one item per measure. */
export function measuresJson(list: ReviewedMeasureList): MeasureJson[] {
  return list.measures.map((measure) => ({
    id: measure.id,
    task: { number: list.task.number, title: list.task.title },
    unit: { code: list.unit.code, name: list.unit.shortName, kind: list.unit.kind === "CITY" ? "city" : "province" },
    year: list.year,
    role: list.role,
    text: measure.text,
    status: list.status,
    milestones: measure.milestones.map(milestoneView),
  }));
}
