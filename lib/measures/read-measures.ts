import "server-only";
import { db } from "@/lib/core/db";
import type { SessionUser } from "@/lib/auth/session";
import type { ReportScope } from "@/lib/auth/roles";
import { formatIsoDate } from "@/lib/core/dates";
import { UserFacingError } from "@/lib/core/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { measureListFields, type MeasureListRow } from "./measure-record";
import { measureListEditability } from "./save-measure-list";
import type { MeasureQuery } from "./schemas";

/** Reads of measure lists; every one is scoped by the reader's role and unit. */

const unitFields = { code: true, shortName: true, kind: true } satisfies Prisma.UnitSelect;

/** 我的举措: every task the staff member's unit carries, with its list for `year` (if any). */
export async function listUnitMeasureLists(user: SessionUser, year: number) {
  if (user.role !== "STAFF" || user.unitId === null) throw new UserFacingError("只有绑定单位的填报人可以填写举措清单", {}, "FORBIDDEN");
  const assignments = await db.taskUnit.findMany({
    where: { unitId: user.unitId },
    orderBy: { task: { number: "asc" } },
    select: {
      task: {
        select: {
          number: true,
          title: true,
          deadlineText: true,
          measureLists: {
            where: { unitId: user.unitId, year },
            select: {
              id: true,
              status: true,
              version: true,
              role: true,
              demo: true,
              updatedAt: true,
              _count: { select: { measures: true } },
            },
          },
        },
      },
    },
  });
  return assignments.map(({ task }) => ({
    number: task.number,
    title: task.title,
    deadlineText: task.deadlineText,
    list: task.measureLists[0] ?? null,
  }));
}

/** The form of one list: the task, the unit's list as stored, whether it may be changed, and its history. */
export async function getMeasureListForm(user: SessionUser, taskNumber: number, year: number) {
  if (user.role !== "STAFF" || user.unitId === null) throw new UserFacingError("只有绑定单位的填报人可以填写举措清单", {}, "FORBIDDEN");
  const task = await db.task.findUnique({
    where: { number: taskNumber },
    select: {
      id: true,
      number: true,
      title: true,
      content: true,
      deadlineText: true,
      leadUnitId: true,
      indicators: {
        orderBy: { indicator: { sortOrder: "asc" } },
        select: { indicator: { select: { id: true, code: true, name: true, measureUnit: true } } },
      },
      units: { where: { unitId: user.unitId }, select: { unitId: true } },
      measureLists: {
        where: { unitId: user.unitId, year },
        select: {
          ...measureListFields,
          revisions: {
            orderBy: { version: "desc" },
            select: { version: true, action: true, status: true, reason: true, at: true, actor: { select: { displayName: true } } },
          },
        },
      },
    },
  });
  if (!task) return null;
  if (task.units.length === 0)
    throw new UserFacingError(`${user.unitName ?? "本单位"}不承担任务 ${taskNumber}，不能为其填写举措`, {}, "FORBIDDEN");
  const list = task.measureLists[0] ?? null;
  return {
    task: {
      number: task.number,
      title: task.title,
      content: task.content,
      deadlineText: task.deadlineText,
      indicators: task.indicators.map(({ indicator }) => indicator),
    },
    /** The unit's default role: 牵头 when it is the task's lead unit. */
    defaultRole: task.leadUnitId === user.unitId ? ("LEAD" as const) : ("SUPPORT" as const),
    list,
    editability: measureListEditability(user, list),
  };
}
export type MeasureListForm = NonNullable<Awaited<ReturnType<typeof getMeasureListForm>>>;

const reviewedListFields = {
  ...measureListFields,
  task: { select: { number: true, title: true } },
  unit: { select: unitFields },
} satisfies Prisma.MeasureListSelect;
export type ReviewedMeasureList = Prisma.MeasureListGetPayload<{ select: typeof reviewedListFields }>;

/** The 牵头单位's desk: lists of the tasks it leads that wait for it, oldest first. */
export async function listLeadMeasureDesk(user: SessionUser): Promise<ReviewedMeasureList[]> {
  if (user.role !== "STAFF" || user.unitId === null) return [];
  return db.measureList.findMany({
    where: { status: "SUBMITTED", reviewStage: "LEAD", task: { leadUnitId: user.unitId } },
    orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
    take: 200,
    select: reviewedListFields,
  });
}

/** The task page: each unit's accepted list of the task, units in the plan's order. */
export async function listAcceptedMeasuresOfTask(taskNumber: number): Promise<ReviewedMeasureList[]> {
  return db.measureList.findMany({
    where: { task: { number: taskNumber }, status: "ACCEPTED" },
    orderBy: [{ year: "desc" }, { unit: { sortOrder: "asc" } }],
    select: reviewedListFields,
  });
}

/** One milestone as the API and the pages show it. */
export function milestoneView(milestone: MeasureListRow["measures"][number]["milestones"][number]) {
  return {
    title: milestone.title,
    plannedDate: formatIsoDate(milestone.plannedDate),
    deliverable: milestone.deliverable,
    status: milestone.status,
    doneDate: milestone.doneDate ? formatIsoDate(milestone.doneDate) : null,
    verified: milestone.checks.length > 0,
  };
}

/**
 * GET /api/v1/measures, the measures desk and its export: lists the reader may see (by the reports'
 * scope), filtered by unit, task, year and status (a status outside the scope finds nothing).
 */
export async function listMeasureListsForReader(scope: ReportScope, query: MeasureQuery): Promise<ReviewedMeasureList[]> {
  const statuses = query.status ? scope.statuses.filter((status) => status === query.status) : scope.statuses;
  return db.measureList.findMany({
    where: {
      status: { in: [...statuses] },
      ...(scope.unitId === null ? {} : { unitId: scope.unitId }),
      ...(query.unit ? { unit: { code: query.unit } } : {}),
      ...(query.task ? { task: { number: query.task } } : {}),
      ...(query.year ? { year: query.year } : {}),
    },
    orderBy: [{ year: "asc" }, { task: { number: "asc" } }, { unit: { sortOrder: "asc" } }],
    take: 1000,
    select: reviewedListFields,
  });
}
