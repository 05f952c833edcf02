import "server-only";
import { db } from "@/lib/core/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { addDays } from "@/lib/core/quarters";
import { formatIsoDate } from "@/lib/core/dates";
import { DUE_SOON_DAYS, milestoneLight, type MilestoneLight, type MilestoneState } from "./milestone-lights";
import type { MilestoneGroup } from "./milestone-tallies";

/**
 * Milestones as 我的待办 and the dashboards read them: those of accepted measure lists (what a unit
 * committed to, as the task page shows), in one query per view.
 */

export interface MilestoneGroupRow extends MilestoneGroup {
  unitId: number;
  section: number;
}

/**
 * Accepted lists' milestones grouped by unit, section and everything the light and on-time rules
 * read (status, planned and done date, verified): Postgres reduces the rows, the pure rules
 * (lib/measures/milestone-tallies.ts) judge each group. Optionally one unit (by code) or section.
 */
export async function milestoneGroups(filter: { unitCode?: string; section?: number } = {}): Promise<MilestoneGroupRow[]> {
  const conditions = [Prisma.sql`l.status = 'ACCEPTED'`];
  if (filter.unitCode) conditions.push(Prisma.sql`l."unitId" = (SELECT id FROM "Unit" WHERE code = ${filter.unitCode})`);
  if (filter.section) conditions.push(Prisma.sql`s.number = ${filter.section}`);
  const rows = await db.$queryRaw<
    {
      unitId: number;
      section: number;
      status: MilestoneState["status"];
      plannedDate: Date;
      doneDate: Date | null;
      verified: boolean;
      count: number;
    }[]
  >(Prisma.sql`
    SELECT l."unitId", s.number AS section, m.status::text AS status, m."plannedDate", m."doneDate",
           EXISTS (SELECT 1 FROM "CompletionCheck" c WHERE c."milestoneId" = m.id AND c.passed) AS verified,
           count(*)::int AS count
    FROM "Milestone" m
    JOIN "Measure" me ON me.id = m."measureId"
    JOIN "MeasureList" l ON l.id = me."listId"
    JOIN "Task" t ON t.id = l."taskId"
    JOIN "Section" s ON s.id = t."sectionId"
    WHERE ${Prisma.join(conditions, " AND ")}
    GROUP BY 1, 2, 3, 4, 5, 6`);
  return rows.map((row) => ({
    ...row,
    plannedDate: formatIsoDate(row.plannedDate),
    doneDate: row.doneDate ? formatIsoDate(row.doneDate) : null,
  }));
}

export interface MilestoneAlert {
  task: { number: number; title: string };
  year: number;
  measure: string;
  title: string;
  plannedDate: string;
  light: Extract<MilestoneLight, "OVERDUE" | "DUE_SOON">;
}

/** Enough for any unit's year of work; the page says when more exist. */
export const ALERT_LIMIT = 200;

/**
 * 我的待办: the unit's milestones that read 滞后 or 即将到期 on `today` (accepted lists), most
 * urgent first: the earliest planned date first. One query.
 */
export async function listUnitMilestoneAlerts(unitId: number, today: string): Promise<MilestoneAlert[]> {
  const milestones = await db.milestone.findMany({
    // Not done or dropped, and due within the 即将到期 horizon: the light decides among these.
    where: {
      status: { in: ["PLANNED", "LATE"] },
      plannedDate: { lte: new Date(`${addDays(today, DUE_SOON_DAYS)}T00:00:00Z`) },
      measure: { list: { unitId, status: "ACCEPTED" } },
    },
    orderBy: [{ plannedDate: "asc" }, { id: "asc" }],
    take: ALERT_LIMIT,
    select: {
      title: true,
      plannedDate: true,
      status: true,
      measure: { select: { text: true, list: { select: { year: true, task: { select: { number: true, title: true } } } } } },
    },
  });
  return milestones.flatMap((milestone) => {
    const plannedDate = formatIsoDate(milestone.plannedDate);
    const light = milestoneLight({ status: milestone.status, plannedDate, verified: false }, today);
    if (light !== "OVERDUE" && light !== "DUE_SOON") return [];
    return [
      {
        task: milestone.measure.list.task,
        year: milestone.measure.list.year,
        measure: milestone.measure.text,
        title: milestone.title,
        plannedDate,
        light,
      },
    ];
  });
}
