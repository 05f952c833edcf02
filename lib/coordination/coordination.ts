import "server-only";
import { db } from "@/lib/core/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { SessionUser } from "@/lib/auth/accounts";
import { formatIsoDate } from "@/lib/core/dates";
import { AppError, UserFacingError } from "@/lib/core/errors";
import { lastAudited, updateVersioned } from "@/lib/core/versioned-update";
import { recordAudit } from "@/lib/audit/audit";
import { canCloseIssue, canReadIssue, canReplyIssue, coordinationScope } from "./rules";
import {
  TO_LEADERSHIP,
  type CloseIssueInput,
  type CoordinationFilters,
  type CoordinationStatusName,
  type RaiseIssueInput,
  type ReplyIssueInput,
} from "./schemas";

/**
 * 需协调事项: a unit raises a problem on a task it carries (usually from its quarterly report),
 * addressed to another unit or to the leadership; the addressee answers, and the raising unit or
 * the reviewer closes it with a note. Replies and closure are versioned on the issue, every write
 * is audited, and every read is limited to what the viewer may see (rules.ts).
 */

type Tx = Prisma.TransactionClient;

export const LEADERSHIP_LABEL = "省领导";

const issueSelect = {
  id: true,
  title: true,
  detail: true,
  deadline: true,
  status: true,
  version: true,
  createdAt: true,
  closedAt: true,
  closingNote: true,
  toLeadership: true,
  reportId: true,
  raisedByUnitId: true,
  addressedToUnitId: true,
  task: { select: { number: true, title: true } },
  raisedByUnit: { select: { shortName: true } },
  addressedToUnit: { select: { shortName: true } },
  raisedBy: { select: { displayName: true } },
} as const satisfies Prisma.CoordinationIssueSelect;
type IssueRow = Prisma.CoordinationIssueGetPayload<{ select: typeof issueSelect }>;

export interface IssueSummary {
  id: number;
  task: { number: number; title: string };
  title: string;
  detail: string;
  raisedBy: string;
  raisedByPerson: string;
  /** The addressed unit, or 省领导. */
  addressedTo: string;
  deadline: string | null;
  status: CoordinationStatusName;
  version: number;
  createdAt: Date;
  closedAt: Date | null;
  closingNote: string | null;
  reportId: number | null;
  raisedByUnitId: number;
  addressedToUnitId: number | null;
}

function toSummary(row: IssueRow): IssueSummary {
  return {
    id: row.id,
    task: row.task,
    title: row.title,
    detail: row.detail,
    raisedBy: row.raisedByUnit.shortName,
    raisedByPerson: row.raisedBy.displayName,
    addressedTo: row.toLeadership ? LEADERSHIP_LABEL : (row.addressedToUnit?.shortName ?? "—"),
    deadline: row.deadline ? formatIsoDate(row.deadline) : null,
    status: row.status,
    version: row.version,
    createdAt: row.createdAt,
    closedAt: row.closedAt,
    closingNote: row.closingNote,
    reportId: row.reportId,
    raisedByUnitId: row.raisedByUnitId,
    addressedToUnitId: row.addressedToUnitId,
  };
}

function scopeWhere(viewer: SessionUser): Prisma.CoordinationIssueWhereInput | null {
  const scope = coordinationScope(viewer);
  if (scope === "none") return null;
  if (scope.unitId === null) return {};
  return { OR: [{ raisedByUnitId: scope.unitId }, { addressedToUnitId: scope.unitId }] };
}

/** The issues the viewer may see, newest first: one unit's raised and addressed ones, or all. */
export async function listIssues(viewer: SessionUser, filters: CoordinationFilters & { task?: number } = {}): Promise<IssueSummary[]> {
  const scope = scopeWhere(viewer);
  if (!scope) return [];
  const rows = await db.coordinationIssue.findMany({
    where: {
      AND: [scope, filters.status ? { status: filters.status } : {}, filters.task ? { task: { number: filters.task } } : {}],
    },
    orderBy: { id: "desc" },
    select: issueSelect,
  });
  return rows.map(toSummary);
}

export interface IssueDetail extends IssueSummary {
  replies: { id: number; author: string; unit: string | null; text: string; at: Date }[];
  canReply: boolean;
  canClose: boolean;
}

/** One issue with its replies, or null when it does not exist or the viewer may not see it (404). */
export async function getIssue(viewer: SessionUser, id: number): Promise<IssueDetail | null> {
  const row = await db.coordinationIssue.findUnique({
    where: { id },
    select: {
      ...issueSelect,
      replies: {
        orderBy: { id: "asc" },
        select: { id: true, text: true, at: true, author: { select: { displayName: true, unit: { select: { shortName: true } } } } },
      },
    },
  });
  if (!row || !canReadIssue(viewer, row)) return null;
  return {
    ...toSummary(row),
    replies: row.replies.map((reply) => ({
      id: reply.id,
      author: reply.author.displayName,
      unit: reply.author.unit?.shortName ?? null,
      text: reply.text,
      at: reply.at,
    })),
    canReply: canReplyIssue(viewer, row),
    canClose: canCloseIssue(viewer, row),
  };
}

/** Raises an issue for the staff member's unit on a task it carries; returns the new issue's id. */
export async function raiseIssue(input: RaiseIssueInput, user: SessionUser): Promise<number> {
  if (user.role !== "STAFF" || user.unitId === null) throw new AppError("FORBIDDEN", "只有责任单位的填报人可以提出需协调事项");
  const unitId = user.unitId;
  return db.$transaction(async (tx) => {
    const task = await tx.task.findUnique({
      where: { number: input.taskNumber },
      select: { id: true, units: { where: { unitId }, select: { unitId: true } } },
    });
    if (!task) throw new UserFacingError(`任务 ${input.taskNumber} 不存在`, {}, "NOT_FOUND");
    if (task.units.length === 0)
      throw new AppError("FORBIDDEN", `本单位不是任务 ${input.taskNumber} 的责任单位，不能就该任务提出需协调事项`);
    const reportId = input.reportId ? input.reportId : null;
    if (reportId !== null) {
      const report = await tx.progressReport.findUnique({ where: { id: reportId }, select: { taskId: true, unitId: true } });
      if (!report || report.taskId !== task.id || report.unitId !== unitId) throw new UserFacingError("所选报告不是本单位该任务的报告");
    }
    const toLeadership = input.addressedTo === TO_LEADERSHIP;
    let addressed: { id: number; shortName: string } | null = null;
    if (!toLeadership) {
      addressed = await tx.unit.findUnique({ where: { code: input.addressedTo }, select: { id: true, shortName: true } });
      if (!addressed) throw new UserFacingError("协调对象不存在", { addressedTo: ["请从列表中选择协调对象"] });
      if (addressed.id === unitId) throw new UserFacingError("不能向本单位提出需协调事项", { addressedTo: ["请选择其他单位或省领导"] });
    }
    const deadline = input.deadline ? input.deadline : null;
    const issue = await tx.coordinationIssue.create({
      data: {
        taskId: task.id,
        reportId,
        raisedByUnitId: unitId,
        raisedById: user.id,
        addressedToUnitId: addressed?.id ?? null,
        toLeadership,
        title: input.title,
        detail: input.detail,
        deadline: deadline ? new Date(`${deadline}T00:00:00Z`) : null,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "coordination.raise",
      entity: "CoordinationIssue",
      entityId: String(issue.id),
      after: {
        task: input.taskNumber,
        title: input.title,
        detail: input.detail,
        addressedTo: addressed?.shortName ?? LEADERSHIP_LABEL,
        deadline,
        reportId,
      },
    });
    return issue.id;
  });
}

interface IssueWrite {
  issueId: number;
  version: number;
  /** Who may make this write (rules.ts), and the refusal for anyone else. */
  allowed: typeof canReplyIssue;
  refusal: string;
  action: "coordination.reply" | "coordination.close";
  data: Prisma.CoordinationIssueUpdateManyMutationInput & { status: CoordinationStatusName };
  /** What the audit row's `after` adds to the new status. */
  recorded: Prisma.InputJsonObject;
  /** Writes beside the issue row (the reply), after the versioned update succeeded. */
  also?: (tx: Tx) => Promise<unknown>;
}

/**
 * A reply or a closure in one transaction: the issue re-read and checked for the writer, updated
 * on its version (a stale one is refused, naming who wrote in between), and audited.
 */
async function writeIssue(user: SessionUser, write: IssueWrite): Promise<void> {
  await db.$transaction(async (tx) => {
    const issue = await tx.coordinationIssue.findUnique({
      where: { id: write.issueId },
      select: { id: true, status: true, raisedByUnitId: true, addressedToUnitId: true },
    });
    if (!issue || !canReadIssue(user, issue)) throw new AppError("NOT_FOUND", "该需协调事项不存在");
    if (issue.status === "CLOSED") throw new UserFacingError("该事项已办结，不能再答复或办结");
    if (!write.allowed(user, issue)) throw new AppError("FORBIDDEN", write.refusal);
    const entityId = String(issue.id);
    await updateVersioned(tx, "coordinationIssue", { where: { id: issue.id }, version: write.version }, write.data, {
      lastChange: lastAudited("CoordinationIssue", entityId),
      message: ({ who, when }) => `未保存：${who} 已于 ${when} 更新了该事项，请刷新后再试。`,
    });
    await write.also?.(tx);
    await recordAudit(tx, {
      actorId: user.id,
      action: write.action,
      entity: "CoordinationIssue",
      entityId,
      before: { status: issue.status, version: write.version },
      after: { status: write.data.status, ...write.recorded, version: write.version + 1 },
    });
  });
}

/** A reply by the addressed unit, the reviewer or a leader; an open issue becomes 已答复. */
export async function replyToIssue(input: ReplyIssueInput, user: SessionUser): Promise<void> {
  await writeIssue(user, {
    ...input,
    allowed: canReplyIssue,
    refusal: "只有被协调单位、审核人或领导可以答复该事项",
    action: "coordination.reply",
    data: { status: "ANSWERED" },
    recorded: { message: input.text },
    also: (tx) => tx.coordinationReply.create({ data: { issueId: input.issueId, authorId: user.id, text: input.text } }),
  });
}

/** Closure with a note, by the raising unit or the reviewer. */
export async function closeIssue(input: CloseIssueInput, user: SessionUser, now = new Date()): Promise<void> {
  await writeIssue(user, {
    ...input,
    allowed: canCloseIssue,
    refusal: "只有提出单位或审核人可以办结该事项",
    action: "coordination.close",
    data: { status: "CLOSED", closedAt: now, closingNote: input.closingNote },
    recorded: { closingNote: input.closingNote },
  });
}

/** Who an issue can be addressed to from a unit: every other unit, in the province's order. */
export async function addresseeOptions(unitId: number | null) {
  return db.unit.findMany({
    where: unitId === null ? {} : { id: { not: unitId } },
    orderBy: { sortOrder: "asc" },
    select: { code: true, shortName: true },
  });
}

export interface BriefIssue {
  id: number;
  task: number;
  title: string;
  raisedBy: string;
  addressedTo: string;
  status: CoordinationStatusName;
  raisedInPeriod: boolean;
  closedInPeriod: boolean;
  openAtEnd: boolean;
}

/**
 * The quarterly brief's 需协调事项 (one query): issues raised or closed after `since` up to
 * `until`, and those still open at `until`. An issue closed after `until` counts as open then.
 */
export async function coordinationInPeriod(period: { since: Date; until: Date }) {
  const rows = await db.$queryRaw<BriefIssue[]>`
    SELECT i.id, t.number AS task, i.title, r."shortName" AS "raisedBy",
           CASE WHEN i."toLeadership" THEN ${LEADERSHIP_LABEL} ELSE a."shortName" END AS "addressedTo",
           i.status::text AS status,
           (i."createdAt" > ${period.since}) AS "raisedInPeriod",
           (i."closedAt" > ${period.since} AND i."closedAt" <= ${period.until}) IS TRUE AS "closedInPeriod",
           (i."closedAt" IS NULL OR i."closedAt" > ${period.until}) AS "openAtEnd"
    FROM "CoordinationIssue" i
    JOIN "Task" t ON t.id = i."taskId"
    JOIN "Unit" r ON r.id = i."raisedByUnitId"
    LEFT JOIN "Unit" a ON a.id = i."addressedToUnitId"
    WHERE i."createdAt" <= ${period.until}
      AND (i."createdAt" > ${period.since} OR i."closedAt" IS NULL OR i."closedAt" > ${period.since})
    ORDER BY i.id`;
  return {
    raised: rows.filter((issue) => issue.raisedInPeriod),
    closed: rows.filter((issue) => issue.closedInPeriod),
    open: rows.filter((issue) => issue.openAtEnd),
  };
}
