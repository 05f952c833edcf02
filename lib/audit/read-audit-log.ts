import "server-only";
import { db } from "@/lib/core/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { UserFacingError } from "@/lib/core/errors";
import { quarterLabel, type Quarter } from "@/lib/core/quarters";
import { PROVINCE } from "@/lib/indicators/observation-keys";
import { recordAudit } from "./audit";
import { actionLabel, auditDifferences, entityLabel, PERMISSION_LABELS, type FieldChange } from "./audit-labels";
import { auditRange, type AuditFilters, type AuditQuery } from "./audit-query";

/**
 * The audit log as the auditor reads it: filtered rows with their object in words and their
 * change field by field, a page at a time (keyset) or all of them for the export.
 */

export const AUDIT_PAGE_SIZE = 50;
/** An export holds at most this many rows (the newest, with a note when more matched). */
export const AUDIT_EXPORT_LIMIT = 100_000;

/** An audit row as the page and the export show it: who, what on which object, the difference. */
export interface AuditEntry {
  id: string;
  at: Date;
  action: string;
  actionLabel: string;
  /** The object in words: "进展报告 · 任务22 · 萍乡市 · 2026年第二季度". */
  object: string;
  actor: { username: string; displayName: string; unit: string | null } | null;
  changes: FieldChange[];
  hash: string;
}

interface AuditRow {
  id: string;
  at: Date;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  hash: string;
  username: string | null;
  displayName: string | null;
  actorUnit: string | null;
  reportTask: number | null;
  reportUnit: string | null;
  reportYear: number | null;
  reportQuarter: number | null;
  reminderUnit: string | null;
  reminderYear: number | null;
  reminderQuarter: number | null;
}

/** Ids the filters name, resolved once; an unknown person or unit is a refusal in Chinese. */
async function resolveFilters(filters: AuditFilters) {
  const [actor, unit] = await Promise.all([
    filters.actor ? db.user.findUnique({ where: { username: filters.actor }, select: { id: true } }) : null,
    filters.unit ? db.unit.findUnique({ where: { code: filters.unit }, select: { id: true, code: true } }) : null,
  ]);
  if (filters.actor && !actor) throw new UserFacingError("所选操作人不存在", { actor: ["所选操作人不存在"] });
  if (filters.unit && !unit) throw new UserFacingError("所选单位不存在", { unit: ["所选单位不存在"] });
  return { actorId: actor?.id, unit: unit ?? undefined };
}

/** A row id of an entity that names rows by number, or NULL (CASE keeps the cast from seeing other text). */
const numericEntityId = Prisma.sql`CASE WHEN a."entityId" ~ '^[0-9]{1,9}$' THEN a."entityId"::int END`;

const AUDIT_FROM = Prisma.sql`
  FROM "AuditLog" a
  LEFT JOIN "User" actor ON actor.id = a."actorId"
  LEFT JOIN "Unit" au ON au.id = actor."unitId"
  LEFT JOIN "ProgressReport" r ON a.entity = 'ProgressReport' AND r.id = ${numericEntityId}
  LEFT JOIN "Task" rt ON rt.id = r."taskId"
  LEFT JOIN "Unit" ru ON ru.id = r."unitId"
  LEFT JOIN "Reminder" rm ON a.entity = 'Reminder' AND rm.id = ${numericEntityId}
  LEFT JOIN "Unit" rmu ON rmu.id = rm."unitId"`;

/**
 * The filters as SQL. A unit matches what its people did and what was done to its reports, its
 * 催办/通报 and its city's indicator values (the area in an observation's key).
 */
function whereOf(filters: AuditFilters, resolved: Awaited<ReturnType<typeof resolveFilters>>): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  const { since, until } = auditRange(filters);
  if (resolved.actorId !== undefined) conditions.push(Prisma.sql`a."actorId" = ${resolved.actorId}`);
  if (resolved.unit) {
    const { id, code } = resolved.unit;
    conditions.push(Prisma.sql`(actor."unitId" = ${id} OR r."unitId" = ${id} OR rm."unitId" = ${id}
      OR (a.entity = 'IndicatorObservation' AND split_part(a."entityId", '/', 2) = ${code}))`);
  }
  if (filters.action) conditions.push(Prisma.sql`a.action = ${filters.action}`);
  if (since) conditions.push(Prisma.sql`a.at >= ${since}`);
  if (until) conditions.push(Prisma.sql`a.at < ${until}`);
  return conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
}

const and = (where: Prisma.Sql, condition: Prisma.Sql) =>
  where === Prisma.empty ? Prisma.sql`WHERE ${condition}` : Prisma.sql`${where} AND ${condition}`;

const AUDIT_COLUMNS = Prisma.sql`
  a.id::text AS id, a.at, a.action, a.entity, a."entityId", a.before, a.after, a.hash,
  actor.username, actor."displayName", au."shortName" AS "actorUnit",
  rt.number AS "reportTask", ru."shortName" AS "reportUnit", r.year AS "reportYear", r.quarter AS "reportQuarter",
  rmu."shortName" AS "reminderUnit", rm.year AS "reminderYear", rm.quarter AS "reminderQuarter"`;

/** Indicator and city names, for objects and figures the rows hold only codes of. */
async function namesForRows() {
  const [indicators, units] = await Promise.all([
    db.indicator.findMany({ select: { code: true, name: true } }),
    db.unit.findMany({ select: { code: true, shortName: true } }),
  ]);
  return {
    indicators: new Map(indicators.map((indicator) => [indicator.code, indicator.name])),
    units: new Map(units.map((unit) => [unit.code, unit.shortName])),
  };
}
type Names = Awaited<ReturnType<typeof namesForRows>>;

const quarterText = (year: number | null, quarter: number | null) =>
  year !== null && quarter !== null && quarter >= 1 && quarter <= 4 ? quarterLabel({ year, quarter: quarter as Quarter["quarter"] }) : null;

/** The object of a row in words, from what its entity id names. */
function objectOf(row: AuditRow, names: Names): string {
  const kind = entityLabel(row.entity);
  const parts = (() => {
    switch (row.entity) {
      case "ProgressReport":
        return row.reportTask === null
          ? [`编号${row.entityId ?? ""}`]
          : [`任务${row.reportTask}`, row.reportUnit, quarterText(row.reportYear, row.reportQuarter), `编号${row.entityId}`];
      case "Reminder":
        return [row.reminderUnit, quarterText(row.reminderYear, row.reminderQuarter)];
      case "IndicatorObservation": {
        const [code = "", area = "", period = ""] = (row.entityId ?? "").split("/");
        const match = /^(\d{4})(?:Q([1-4]))?$/.exec(period);
        const when = match ? (match[2] ? quarterText(Number(match[1]), Number(match[2])) : `${match[1]}年`) : period;
        return [names.indicators.get(code) ?? code, area === PROVINCE ? "全省" : (names.units.get(area) ?? area), when];
      }
      case "Permission":
        return [PERMISSION_LABELS[row.entityId ?? ""] ?? row.entityId];
      case "Task":
        return [`任务${row.entityId ?? ""}`];
      case "AnnualReport":
        return [`${row.entityId ?? ""}年`];
      case "Export":
        return [EXPORT_LABELS[row.entityId ?? ""] ?? row.entityId];
      case "Setting":
        return [SETTING_LABELS[row.entityId ?? ""] ?? row.entityId];
      case "User":
        // Sign-in rows name the account typed; other rows the account's id.
        return [/^\d+$/.test(row.entityId ?? "") ? null : row.entityId];
      default:
        return [row.entityId];
    }
  })();
  return [kind, ...parts.filter((part): part is string => Boolean(part))].join(" · ");
}

const SETTING_LABELS: Record<string, string> = { reportingWindowDays: "报送窗口", signInHelpText: "登录页忘记密码说明" };

const EXPORT_LABELS: Record<string, string> = {
  "reports.xlsx": "进展报告 Excel",
  "reminders.xlsx": "报送情况 Excel",
  "indicators.xlsx": "目标指标 Excel",
  "observations.xlsx": "指标数值 Excel",
  "progress-template.xlsx": "进展填报模板",
  "observation-template.xlsx": "指标数值填报模板",
  "audit.xlsx": "审计日志 Excel",
  "assessment.docx": "成效考核结果通报 Word",
  "assessment.xlsx": "成效考核结果 Excel",
};

function entryOf(row: AuditRow, names: Names): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    action: row.action,
    actionLabel: actionLabel(row.action, row.entity),
    object: objectOf(row, names),
    actor: row.username === null ? null : { username: row.username, displayName: row.displayName ?? row.username, unit: row.actorUnit },
    changes: auditDifferences(row.before, row.after, names),
    hash: row.hash,
  };
}

export interface AuditPage {
  total: number;
  entries: AuditEntry[];
  /** Cursors of the neighbouring pages, when there is one. */
  older: string | null;
  newer: string | null;
}

/**
 * One page of the filtered log, newest first, by keyset (`before`/`after` a row id): three
 * queries whatever the page (the count, the page of rows, the names), each using the id or time
 * index.
 */
export async function listAuditEntries(query: AuditQuery): Promise<AuditPage> {
  const { before, after, ...filters } = query;
  const resolved = await resolveFilters(filters);
  const where = whereOf(filters, resolved);
  const paged = before ? and(where, Prisma.sql`a.id < ${BigInt(before)}`) : after ? and(where, Prisma.sql`a.id > ${BigInt(after)}`) : where;
  const [[count], rows, names] = await Promise.all([
    db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total ${AUDIT_FROM} ${where}`,
    db.$queryRaw<AuditRow[]>`SELECT ${AUDIT_COLUMNS} ${AUDIT_FROM} ${paged}
      ORDER BY a.id ${after ? Prisma.sql`ASC` : Prisma.sql`DESC`} LIMIT ${AUDIT_PAGE_SIZE + 1}`,
    namesForRows(),
  ]);
  const more = rows.length > AUDIT_PAGE_SIZE;
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  if (after) page.reverse();
  const entries = page.map((row) => entryOf(row, names));
  const first = entries[0]?.id ?? null;
  const last = entries.at(-1)?.id ?? null;
  return {
    total: count?.total ?? 0,
    entries,
    // Going back (after) there are always older rows: the page we came from.
    older: after ? last : more ? last : null,
    newer: before ? first : after && more ? first : null,
  };
}

/**
 * The filtered log, oldest first, for the auditor's export (at most AUDIT_EXPORT_LIMIT rows, the
 * newest; `truncated` says when more matched). The export itself is audited, with its filters.
 */
export async function exportAuditEntries(actorId: number, filters: AuditFilters) {
  const resolved = await resolveFilters(filters);
  const where = whereOf(filters, resolved);
  const [rows, [count], names] = await Promise.all([
    db.$queryRaw<
      AuditRow[]
    >`SELECT * FROM (SELECT ${AUDIT_COLUMNS} ${AUDIT_FROM} ${where} ORDER BY a.id DESC LIMIT ${AUDIT_EXPORT_LIMIT}) newest ORDER BY id::bigint`,
    db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total ${AUDIT_FROM} ${where}`,
    namesForRows(),
  ]);
  await db.$transaction((tx) =>
    recordAudit(tx, {
      actorId,
      action: "audit.export",
      entity: "AuditLog",
      entityId: null,
      after: { rows: rows.length, filters: { ...filters } },
    }),
  );
  return { entries: rows.map((row) => entryOf(row, names)), total: count?.total ?? 0 };
}

/** The people the log can be filtered by: every account, named as people know them. */
export async function listAuditPeople() {
  const users = await db.user.findMany({
    orderBy: [{ role: "asc" }, { unit: { sortOrder: "asc" } }, { username: "asc" }],
    select: { username: true, displayName: true, unit: { select: { shortName: true } } },
  });
  return users.map((user) => ({ username: user.username, displayName: user.displayName, unit: user.unit?.shortName ?? null }));
}
