/**
 * The audit log's filters as they stand in the address (page and export alike): person
 * (username), unit (code), action, a China-time date range, and a keyset cursor for paging.
 * Pure; every refusal is a Chinese sentence.
 */
import { z } from "@/lib/core/zod";
import { isoDateSchema, unitCodeSchema } from "@/lib/core/schemas";
import { addDays } from "@/lib/core/quarters";

/** A calendar day as typed into a date field: 2026-12-02, and a real day of the calendar. */
const daySchema = (label: string) => isoDateSchema(`${label}应为有效日期，如 2026-12-02`);

/** Audit row ids are a bigint sequence: digits only. */
const cursorSchema = z
  .string()
  .trim()
  .regex(/^\d{1,18}$/, "分页位置无效");

export const auditQuerySchema = z
  .object({
    actor: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_.@-]{1,64}$/, "操作人无效")
      .optional(),
    unit: unitCodeSchema("单位无效").optional(),
    action: z
      .string()
      .trim()
      .regex(/^[A-Za-z_.]{1,64}$/, "操作类型无效")
      .optional(),
    from: daySchema("开始日期").optional(),
    to: daySchema("结束日期").optional(),
    /** Older than this row (the next page). */
    before: cursorSchema.optional(),
    /** Newer than this row (the previous page). */
    after: cursorSchema.optional(),
  })
  .refine((query) => !(query.from && query.to && query.to < query.from), { message: "结束日期不能早于开始日期", path: ["to"] })
  .refine((query) => !(query.before && query.after), { message: "分页位置无效", path: ["before"] });

export type AuditQuery = z.output<typeof auditQuerySchema>;

/** The filters without the paging cursor: what the export and the count apply. */
export type AuditFilters = Omit<AuditQuery, "before" | "after">;

/** The instants a China-time day range covers: [from 00:00, the day after `to` 00:00). */
export function auditRange(filters: Pick<AuditFilters, "from" | "to">): { since?: Date; until?: Date } {
  return {
    since: filters.from ? new Date(`${filters.from}T00:00:00+08:00`) : undefined,
    until: filters.to ? new Date(`${addDays(filters.to, 1)}T00:00:00+08:00`) : undefined,
  };
}

/** The filters back as search parameters (for links to other pages and to the export). */
export function auditSearch(filters: AuditFilters, cursor?: { before?: string; after?: string }): URLSearchParams {
  const search = new URLSearchParams();
  for (const key of ["actor", "unit", "action", "from", "to"] as const) {
    const value = filters[key];
    if (value) search.set(key, value);
  }
  if (cursor?.before) search.set("before", cursor.before);
  if (cursor?.after) search.set("after", cursor.after);
  return search;
}
