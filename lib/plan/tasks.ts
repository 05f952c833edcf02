import "server-only";
import { cache } from "react";
import { db } from "@/lib/core/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TaskFilters } from "@/lib/plan/task-filters";
import { formatIsoDate } from "@/lib/core/dates";
import { targetFromRow, type TargetView } from "@/lib/indicators/indicator-view";
import { indicatorTargets } from "@/lib/indicators/catalogue";

export interface UnitRef {
  code: string;
  shortName: string;
  kind: "PROVINCIAL" | "CITY";
}

export interface TaskListItem {
  number: number;
  title: string;
  content: string;
  section: { number: number; title: string };
  deadline: { text: string; date: string };
  leadUnit: UnitRef | null;
  /** Provincial units in document order. */
  units: UnitRef[];
  /** Cities in the province's order. */
  cities: UnitRef[];
}

const unitRefSelect = { code: true, shortName: true, kind: true } as const;

/** What identifies a task wherever it is shown: number, wording, deadline and section. */
export const taskHeadingSelect = {
  number: true,
  title: true,
  content: true,
  deadlineText: true,
  deadlineDate: true,
  section: { select: { number: true, title: true } },
} as const satisfies Prisma.TaskSelect;

const taskListSelect = {
  ...taskHeadingSelect,
  leadUnit: { select: unitRefSelect },
  units: { orderBy: { position: "asc" }, select: { unit: { select: unitRefSelect } } },
} as const satisfies Prisma.TaskSelect;

type TaskListRow = Prisma.TaskGetPayload<{ select: typeof taskListSelect }>;

function toListItem(row: TaskListRow): TaskListItem {
  const all = row.units.map((assignment) => assignment.unit);
  return {
    number: row.number,
    title: row.title,
    content: row.content,
    section: row.section,
    deadline: { text: row.deadlineText, date: formatIsoDate(row.deadlineDate) },
    leadUnit: row.leadUnit,
    units: all.filter((unit) => unit.kind === "PROVINCIAL"),
    cities: all.filter((unit) => unit.kind === "CITY"),
  };
}

function whereFor(filters: Partial<TaskFilters>): Prisma.TaskWhereInput {
  const and: Prisma.TaskWhereInput[] = [];
  if (filters.section) and.push({ section: { number: filters.section } });
  if (filters.unit) and.push({ units: { some: { unit: { code: filters.unit } } } });
  if (filters.city) and.push({ units: { some: { unit: { code: filters.city, kind: "CITY" } } } });
  if (filters.year) {
    and.push({
      deadlineDate: { gte: new Date(Date.UTC(filters.year, 0, 1)), lt: new Date(Date.UTC(filters.year + 1, 0, 1)) },
    });
  }
  if (filters.q) {
    and.push({
      OR: [{ title: { contains: filters.q, mode: "insensitive" } }, { content: { contains: filters.q, mode: "insensitive" } }],
    });
  }
  return { AND: and };
}

function orderFor(filters: Partial<TaskFilters>): Prisma.TaskOrderByWithRelationInput[] {
  const dir = filters.dir ?? "asc";
  switch (filters.sort) {
    case "deadline":
      return [{ deadlineDate: dir }, { number: "asc" }];
    case "section":
      return [{ section: { number: dir } }, { number: "asc" }];
    case "title":
      return [{ title: dir }, { number: "asc" }];
    default:
      return [{ number: dir }];
  }
}

export async function listTasks(filters: Partial<TaskFilters> = {}): Promise<TaskListItem[]> {
  const rows = await db.task.findMany({ where: whereFor(filters), orderBy: orderFor(filters), select: taskListSelect });
  return rows.map(toListItem);
}

export interface TaskDetail extends TaskListItem {
  version: number;
  indicators: {
    code: string;
    name: string;
    measureUnit: string;
    targets: TargetView[];
  }[];
}

export async function getTaskByNumber(number: number): Promise<TaskDetail | null> {
  const row = await db.task.findUnique({
    where: { number },
    select: {
      ...taskListSelect,
      version: true,
      indicators: {
        orderBy: { indicator: { sortOrder: "asc" } },
        select: {
          indicator: {
            select: {
              code: true,
              name: true,
              measureUnit: true,
              targets: indicatorTargets,
            },
          },
        },
      },
    },
  });
  if (!row) return null;
  return {
    ...toListItem(row),
    version: row.version,
    indicators: row.indicators.map(({ indicator }) => ({
      code: indicator.code,
      name: indicator.name,
      measureUnit: indicator.measureUnit,
      targets: indicator.targets.map(targetFromRow),
    })),
  };
}

/** The plan's five sections (cached per request: the dashboard needs them twice). */
export const listSections = cache(async () => db.section.findMany({ orderBy: { number: "asc" }, select: { number: true, title: true } }));
