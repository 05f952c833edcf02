/** The public API's JSON shapes (a published contract: keep field names stable). */
import type { TaskListItem } from "@/lib/plan/tasks";
import type { IndicatorCatalogEntry } from "@/lib/indicators/catalogue";
import type { UnitSummary } from "@/lib/plan/units";

export function taskJson(task: TaskListItem) {
  return {
    number: task.number,
    section: { number: task.section.number, title: task.section.title },
    title: task.title,
    content: task.content,
    deadline: { text: task.deadline.text, date: task.deadline.date },
    units: task.units.map((unit) => unit.shortName),
    cities: task.cities.map((city) => city.shortName),
    leadUnit: task.leadUnit?.shortName ?? null,
  };
}

export function unitJson(unit: UnitSummary) {
  return {
    code: unit.code,
    name: unit.name,
    shortName: unit.shortName,
    kind: unit.kind === "CITY" ? "city" : "province",
    taskCount: unit.taskCount,
  };
}

export function indicatorJson(indicator: IndicatorCatalogEntry) {
  return {
    code: indicator.code,
    name: indicator.name,
    unit: indicator.measureUnit,
    direction: indicator.direction === "LOWER_IS_BETTER" ? "lower_is_better" : "higher_is_better",
    baseline: indicator.baseline,
    targets: indicator.targets.map((target) => ({
      year: target.year,
      comparator: target.symbol,
      value: target.value,
      text: target.text,
    })),
    tasks: indicator.tasks,
    owner: indicator.owner.shortName,
    clause: { ref: indicator.clauseRef, text: indicator.clause },
  };
}
