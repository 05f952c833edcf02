import "server-only";
import { db } from "@/lib/core/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { SessionUser } from "@/lib/auth/session";
import { quarterFromIndex, quarterIndex, type Quarter } from "@/lib/core/quarters";
import type { ReminderInput } from "@/lib/reminders/schemas";
import { recordAudit } from "@/lib/audit/audit";
import { UserFacingError } from "@/lib/core/errors";
import { quarterOfRow } from "@/lib/reports/report-record";
import { notifyAll, usersOfUnits } from "@/lib/notices/notify";
import { NOTICE_KINDS } from "@/lib/notices/kinds";

export interface ReportingCount {
  unitId: number;
  quarter: Quarter;
  /** Reports the unit owes for the quarter: its tasks whose report period includes it. */
  owed: number;
  submitted: number;
  accepted: number;
}

/**
 * Owed, submitted and accepted reports per unit and quarter, counted in one SQL query whatever the
 * number of reports. A task is owed from 2024Q3 through its deadline's quarter (meili_owes_report).
 */
export async function reportingCounts(from: Quarter, to: Quarter, unitId?: number): Promise<ReportingCount[]> {
  const rows = await db.$queryRaw<{ unitId: number; year: number; quarter: number; owed: bigint; submitted: bigint; accepted: bigint }[]>`
    WITH quarters AS (
      SELECT qi / 4 AS year, qi % 4 + 1 AS quarter FROM generate_series(${quarterIndex(from)}::int, ${quarterIndex(to)}::int) AS qi
    ), owed AS (
      SELECT tu."unitId", q.year, q.quarter, count(*) AS owed
      FROM "TaskUnit" tu
      JOIN "Task" t ON t.id = tu."taskId"
      JOIN quarters q ON meili_owes_report(t."deadlineDate", q.year, q.quarter)
      ${unitId === undefined ? Prisma.empty : Prisma.sql`WHERE tu."unitId" = ${unitId}`}
      GROUP BY tu."unitId", q.year, q.quarter
    ), reported AS (
      SELECT r."unitId", r.year, r.quarter,
             count(*) FILTER (WHERE r.status <> 'DRAFT') AS submitted,
             count(*) FILTER (WHERE r.status = 'ACCEPTED') AS accepted
      FROM "ProgressReport" r
      WHERE (r.year, r.quarter) >= (${from.year}::int, ${from.quarter}::int) AND (r.year, r.quarter) <= (${to.year}::int, ${to.quarter}::int)
        ${unitId === undefined ? Prisma.empty : Prisma.sql`AND r."unitId" = ${unitId}`}
      GROUP BY r."unitId", r.year, r.quarter
    )
    SELECT owed."unitId", owed.year, owed.quarter, owed.owed, coalesce(reported.submitted, 0) AS submitted, coalesce(reported.accepted, 0) AS accepted
    FROM owed LEFT JOIN reported ON reported."unitId" = owed."unitId" AND reported.year = owed.year AND reported.quarter = owed.quarter
  `;
  return rows.map((row) => ({
    unitId: row.unitId,
    quarter: quarterOfRow(row),
    owed: Number(row.owed),
    submitted: Number(row.submitted),
    accepted: Number(row.accepted),
  }));
}

export async function sendReminders(input: ReminderInput, reviewer: SessionUser): Promise<number> {
  if (reviewer.role !== "REVIEWER") throw new UserFacingError("只有审核人可以催办");
  const units = await db.unit.findMany({ where: { code: { in: input.units } }, select: { id: true, code: true, shortName: true } });
  const unknown = input.units.filter((code) => !units.some((unit) => unit.code === code));
  // The codes came from the form and name no unit: there is no Chinese name to show for them.
  if (unknown.length)
    throw new UserFacingError(`所选单位中有 ${unknown.length} 个不存在，请刷新页面后重新选择`, { units: ["请选择有效的单位"] });
  await db.$transaction(async (tx) => {
    // The unit's desk officers and its 单位负责人 hear of it at once, in the same transaction.
    const people = await usersOfUnits(
      tx,
      units.map((unit) => unit.id),
      ["STAFF", "UNIT_LEAD"],
    );
    const label = input.level === "CIRCULATE" ? "通报" : "催办";
    await notifyAll(
      tx,
      units.map((unit) => ({
        userIds: people.get(unit.id) ?? [],
        input: {
          kind: input.level === "CIRCULATE" ? NOTICE_KINDS.reminderCirculate : NOTICE_KINDS.reminderRemind,
          title: `省生态环境厅${label}：${input.quarter.year}年第${input.quarter.quarter}季度进展报告`,
          body: `${unit.shortName}：${input.message}`,
          href: "/my",
          urgent: true,
        },
      })),
    );
    for (const unit of units) {
      const reminder = await tx.reminder.create({
        data: {
          unitId: unit.id,
          year: input.quarter.year,
          quarter: input.quarter.quarter,
          level: input.level,
          message: input.message,
          createdById: reviewer.id,
        },
        select: { id: true },
      });
      await recordAudit(tx, {
        actorId: reviewer.id,
        action: input.level === "CIRCULATE" ? "reminder.circulate" : "reminder.remind",
        entity: "Reminder",
        entityId: String(reminder.id),
        after: { unit: unit.shortName, quarter: `${input.quarter.year}Q${input.quarter.quarter}`, message: input.message },
      });
    }
  });
  return units.length;
}

const reminderFields = {
  id: true,
  year: true,
  quarter: true,
  level: true,
  message: true,
  createdAt: true,
  unit: { select: { code: true, shortName: true } },
  createdBy: { select: { displayName: true } },
} satisfies Prisma.ReminderSelect;

/** Every 催办/通报, newest first (escalation history, kept for the annual report). */
export async function listReminders(limit = 200) {
  return db.reminder.findMany({ orderBy: { id: "desc" }, take: limit, select: reminderFields });
}

/** Reminders a unit still has to act on: those for quarters in which it has not reported everything. */
export async function activeRemindersFor(unitId: number) {
  const reminders = await db.reminder.findMany({
    where: { unitId },
    orderBy: { id: "desc" },
    take: 50,
    select: reminderFields,
  });
  if (reminders.length === 0) return [];
  const indexes = reminders.map((reminder) => quarterIndex(quarterOfRow(reminder)));
  const counts = await reportingCounts(quarterFromIndex(Math.min(...indexes)), quarterFromIndex(Math.max(...indexes)), unitId);
  const missing = new Set(counts.filter((count) => count.submitted < count.owed).map((count) => quarterIndex(count.quarter)));
  return reminders.filter((reminder) => missing.has(quarterIndex(quarterOfRow(reminder))));
}
