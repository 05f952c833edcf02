import "server-only";
import { db } from "@/lib/core/db";
import { formatIsoDate } from "@/lib/core/dates";

export interface UnitSummary {
  code: string;
  shortName: string;
  name: string;
  kind: "PROVINCIAL" | "CITY";
  taskCount: number;
  leadTaskCount: number;
  indicatorCount: number;
}

export async function listUnits(): Promise<UnitSummary[]> {
  const rows = await db.unit.findMany({
    orderBy: { sortOrder: "asc" },
    select: {
      code: true,
      shortName: true,
      name: true,
      kind: true,
      _count: { select: { assignments: true, leadTasks: true, ownedIndicators: true } },
    },
  });
  return rows.map(({ _count, ...unit }) => ({
    ...unit,
    taskCount: _count.assignments,
    leadTaskCount: _count.leadTasks,
    indicatorCount: _count.ownedIndicators,
  }));
}

export async function listUnitOptions() {
  return db.unit.findMany({ orderBy: { sortOrder: "asc" }, select: { id: true, code: true, shortName: true, kind: true } });
}

export async function getUnitWithWork(code: string) {
  const unit = await db.unit.findUnique({
    where: { code },
    select: {
      code: true,
      shortName: true,
      name: true,
      kind: true,
      assignments: {
        orderBy: { task: { number: "asc" } },
        select: {
          position: true,
          task: {
            select: {
              number: true,
              title: true,
              deadlineText: true,
              deadlineDate: true,
              section: { select: { number: true, title: true } },
              leadUnit: { select: { code: true } },
            },
          },
        },
      },
      ownedIndicators: { orderBy: { sortOrder: "asc" }, select: { code: true, name: true, measureUnit: true } },
    },
  });
  if (!unit) return null;
  return {
    ...unit,
    tasks: unit.assignments.map(({ position, task }) => ({
      number: task.number,
      title: task.title,
      deadlineText: task.deadlineText,
      deadlineDate: formatIsoDate(task.deadlineDate),
      section: task.section,
      isLead: task.leadUnit?.code === unit.code,
      position,
    })),
  };
}
