/** The public API's plan shapes, typed by the contract's schemas (a published contract: keep field names stable). */
import type { TaskDetail, TaskListItem } from "@/lib/plan/tasks";
import type { IndicatorCatalogEntry } from "@/lib/indicators/catalogue";
import type { TargetView } from "@/lib/indicators/indicator-view";
import type { UnitSummary } from "@/lib/plan/units";
import { COMPARATOR_SYMBOLS } from "@/lib/indicators/comparators";
import type { AmendedPlan, AmendmentView } from "@/lib/plan/amendments";
import type { AmendmentJson, TaskDetailJson, TaskJson } from "./tasks.contract";
import type { UnitJson } from "./units.contract";
import type { IndicatorJson } from "./indicators.contract";

type TargetJson = IndicatorJson["targets"][number];

function targetJson(target: TargetView): TargetJson {
  return { year: target.year, comparator: COMPARATOR_SYMBOLS[target.comparator], value: target.value, text: target.text };
}

export function taskJson(task: TaskListItem): TaskJson {
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

const AMENDMENT_KINDS = { DEADLINE: "deadline", UNITS: "units", LEAD_UNIT: "lead_unit" } as const;
const AMENDMENT_STATES = { APPLIED: "applied", PENDING: "pending", CANCELLED: "cancelled", NOT_APPLIED: "not_applied" } as const;

/** The stored side of an amendment (lib/plan/amendments.ts) in the contract's words. */
function amendedPlanJson(kind: AmendmentView["kind"], side: AmendedPlan): AmendmentJson["before"] {
  if (kind === "DEADLINE") return { deadline: { text: side.deadlineText ?? "", date: side.deadlineDate ?? "" } };
  if (kind === "UNITS") return { units: side.units ?? [] };
  return { leadUnit: side.leadUnit ?? null };
}

export function amendmentJson(amendment: AmendmentView): AmendmentJson {
  return {
    kind: AMENDMENT_KINDS[amendment.kind],
    before: amendedPlanJson(amendment.kind, amendment.before),
    after: amendedPlanJson(amendment.kind, amendment.after),
    reason: amendment.reason,
    authority: amendment.authority,
    effectiveDate: amendment.effectiveDate,
    status: AMENDMENT_STATES[amendment.state],
    appliedAt: amendment.appliedAt?.toISOString() ?? null,
    applyError: amendment.applyError,
    createdAt: amendment.createdAt.toISOString(),
  };
}

export function taskDetailJson(task: TaskDetail, amendments: readonly AmendmentView[]): TaskDetailJson {
  return {
    ...taskJson(task),
    indicators: task.indicators.map((indicator) => ({
      code: indicator.code,
      name: indicator.name,
      unit: indicator.measureUnit,
      targets: indicator.targets.map(targetJson),
    })),
    amendments: amendments.map(amendmentJson),
  };
}

export function unitJson(unit: UnitSummary): UnitJson {
  return {
    code: unit.code,
    name: unit.name,
    shortName: unit.shortName,
    kind: unit.kind === "CITY" ? "city" : "province",
    taskCount: unit.taskCount,
  };
}

export function indicatorJson(indicator: IndicatorCatalogEntry): IndicatorJson {
  return {
    code: indicator.code,
    name: indicator.name,
    unit: indicator.measureUnit,
    direction: indicator.direction === "LOWER_IS_BETTER" ? "lower_is_better" : "higher_is_better",
    baseline: indicator.baseline,
    targets: indicator.targets.map(targetJson),
    tasks: indicator.tasks,
    owner: indicator.owner.shortName,
    clause: { ref: indicator.clauseRef, text: indicator.clause },
  };
}
