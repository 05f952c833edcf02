import "server-only";
import { createHash } from "node:crypto";
import { fileTypeFromBuffer } from "file-type";
import { db } from "@/lib/core/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { SessionUser } from "@/lib/auth/session";
import { UserFacingError } from "@/lib/core/errors";
import { recordAudit } from "@/lib/audit/audit";
import { evidenceStore } from "@/lib/evidence/store/blob-store";
import { EVIDENCE_MAX_BYTES } from "@/lib/evidence/limits";
import { evidenceFileName } from "@/lib/evidence/file-names";
import { markPairStale } from "@/lib/status/status-snapshot";
import type { Tx } from "@/lib/reports/report-record";
import {
  CHECK_METHOD_LABELS,
  type CheckFields,
  type MeasureCheckInput,
  type MilestoneCheckInput,
  type TaskUnitCheckInput,
} from "./schemas";

/** Documents only (a 核查 record or a data table): no photo walls. */
const DOCUMENT_TYPES = new Set([
  "application/pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
]);

/** Stores the check's document like evidence, under its SHA-256; checked from its bytes. */
async function storeDocument(file: File | undefined): Promise<{ fileName: string; fileSha256: string } | null> {
  if (!file) return null;
  if (file.size > EVIDENCE_MAX_BYTES) throw new UserFacingError("文件过大：单个文件不能超过 20 MB", { file: ["文件不能超过 20 MB"] });
  const bytes = Buffer.from(await file.arrayBuffer());
  const detected = await fileTypeFromBuffer(bytes);
  if (!detected || !DOCUMENT_TYPES.has(detected.mime)) {
    throw new UserFacingError("文件类型不符：核查材料只接受 PDF、Word（.docx）和 Excel（.xlsx）文件", { file: ["文件内容不是允许的类型"] });
  }
  const fileSha256 = createHash("sha256").update(bytes).digest("hex");
  await evidenceStore().put(fileSha256, bytes);
  return { fileName: evidenceFileName(file.name, detected.mime), fileSha256 };
}

type Subject =
  | { subject: "TASK_UNIT"; taskId: number; unitId: number }
  | { subject: "MEASURE"; measureId: number }
  | { subject: "MILESTONE"; milestoneId: number };

async function writeCheck(
  tx: Tx,
  subject: Subject,
  fields: CheckFields,
  file: Awaited<ReturnType<typeof storeDocument>>,
  verifier: SessionUser,
  label: string,
) {
  const check = await tx.completionCheck.create({
    data: {
      ...subject,
      checkedOn: new Date(`${fields.checkedOn}T00:00:00Z`),
      method: fields.method,
      passed: fields.passed,
      finding: fields.finding,
      fileName: file?.fileName ?? null,
      fileSha256: file?.fileSha256 ?? null,
      verifierId: verifier.id,
    },
    select: { id: true },
  });
  await recordAudit(tx, {
    actorId: verifier.id,
    action: "check.record",
    entity: "CompletionCheck",
    entityId: String(check.id),
    after: {
      subject: label,
      checkedOn: fields.checkedOn,
      method: CHECK_METHOD_LABELS[fields.method],
      passed: fields.passed,
      finding: fields.finding,
      fileName: file?.fileName ?? null,
      sha256: file?.fileSha256 ?? null,
    },
  });
  return check.id;
}

function requireReviewer(user: SessionUser) {
  if (user.role !== "REVIEWER") throw new UserFacingError("只有审核人可以销号核查");
}

/**
 * 销号核查 of a task as carried by one unit: only while its latest accepted report says 已完成 and
 * no check has been recorded since. A pass makes the pair verified; a failure reopens it (the
 * status rules then judge it as not done, with the finding), and the unit's next report must say
 * again. Checks of one pair take turns (the assignment row is locked).
 */
export async function recordTaskUnitCheck(input: TaskUnitCheckInput, verifier: SessionUser): Promise<number> {
  requireReviewer(verifier);
  const file = await storeDocument(input.file);
  return db.$transaction(async (tx) => {
    const [pair] = await tx.$queryRaw<{ taskId: number; unitId: number; unitName: string }[]>`
      SELECT tu."taskId", tu."unitId", u."shortName" AS "unitName" FROM "TaskUnit" tu
      JOIN "Task" t ON t.id = tu."taskId" JOIN "Unit" u ON u.id = tu."unitId"
      WHERE t.number = ${input.taskNumber} AND u.code = ${input.unitCode}
      FOR UPDATE OF tu`;
    if (!pair) throw new UserFacingError(`该单位不承担任务 ${input.taskNumber}`);
    const name = `任务 ${input.taskNumber}（${pair.unitName}）`;
    const [claim] = await claimedCompletions(tx, Prisma.sql`AND tu."taskId" = ${pair.taskId} AND tu."unitId" = ${pair.unitId}`, true);
    if (!claim) throw new UserFacingError(`${name}的最新审核通过报告不是已完成，无需核查`);
    if (claim.checked) throw new UserFacingError(`${name}已核查过，单位再次报告已完成并通过审核后方可再核查`, {}, "CONFLICT");
    const id = await writeCheck(tx, { subject: "TASK_UNIT", taskId: pair.taskId, unitId: pair.unitId }, input, file, verifier, name);
    await markPairStale(tx, pair);
    return id;
  });
}

/** 销号核查 of a measure (for the measures' pages). */
export async function recordMeasureCheck(input: MeasureCheckInput, verifier: SessionUser): Promise<number> {
  requireReviewer(verifier);
  const file = await storeDocument(input.file);
  return db.$transaction(async (tx) => {
    const measure = await tx.measure.findUnique({ where: { id: input.measureId }, select: { id: true, text: true } });
    if (!measure) throw new UserFacingError("举措不存在");
    return writeCheck(tx, { subject: "MEASURE", measureId: measure.id }, input, file, verifier, `举措：${measure.text.slice(0, 40)}`);
  });
}

/**
 * 销号核查 of a milestone a quarterly report marked done (已完成（待核查）): only while it is done
 * and not yet verified. A pass makes it 已完成（已核查）; a failure reopens it (not done again, no
 * longer any report's claim; audited as milestone.reopen), and the unit sees the finding on its
 * measure page and beside the milestone in its next report. Checks of one milestone take turns
 * (its row is locked).
 */
export async function recordMilestoneCheck(input: MilestoneCheckInput, verifier: SessionUser): Promise<number> {
  requireReviewer(verifier);
  const file = await storeDocument(input.file);
  return db.$transaction(async (tx) => {
    const [milestone] = await tx.$queryRaw<
      { id: number; title: string; status: string; doneDate: Date | null; reportId: number | null; verified: boolean }[]
    >`
      SELECT m.id, m.title, m.status::text AS status, m."doneDate", m."reportId",
             EXISTS (SELECT 1 FROM "CompletionCheck" c WHERE c."milestoneId" = m.id AND c.passed) AS verified
      FROM "Milestone" m WHERE m.id = ${input.milestoneId} FOR UPDATE OF m`;
    if (!milestone) throw new UserFacingError("节点不存在", {}, "NOT_FOUND");
    const name = `节点“${milestone.title}”`;
    if (milestone.status !== "DONE") throw new UserFacingError(`${name}尚未标记完成，无需核查`, {}, "CONFLICT");
    if (milestone.verified) throw new UserFacingError(`${name}已通过销号核查，无需再核查`, {}, "CONFLICT");
    const id = await writeCheck(tx, { subject: "MILESTONE", milestoneId: milestone.id }, input, file, verifier, `节点：${milestone.title}`);
    if (!input.passed) {
      await tx.milestone.update({ where: { id: milestone.id }, data: { status: "PLANNED", doneDate: null, reportId: null } });
      await recordAudit(tx, {
        actorId: verifier.id,
        action: "milestone.reopen",
        entity: "Milestone",
        entityId: String(milestone.id),
        before: { status: "DONE", doneDate: milestone.doneDate?.toISOString().slice(0, 10) ?? null, reportId: milestone.reportId },
        after: { status: "PLANNED", doneDate: null, reportId: null, finding: input.finding },
      });
    }
    return id;
  });
}

/** Milestones marked done and not yet verified, for 销号核查: unit, task, deliverable, done date and the report that recorded it. */
export async function listAwaitingMilestoneChecks(reviewer: SessionUser) {
  requireReviewer(reviewer);
  return db.milestone.findMany({
    where: { status: "DONE", checks: { none: { passed: true } } },
    orderBy: [{ doneDate: "asc" }, { id: "asc" }],
    take: 500,
    select: {
      id: true,
      title: true,
      deliverable: true,
      plannedDate: true,
      doneDate: true,
      measure: {
        select: {
          text: true,
          list: { select: { year: true, task: { select: { number: true, title: true } }, unit: { select: { shortName: true } } } },
        },
      },
      report: { select: { id: true, year: true, quarter: true, status: true } },
    },
  });
}
export type AwaitingMilestoneCheck = Awaited<ReturnType<typeof listAwaitingMilestoneChecks>>[number];

/** The latest 销号核查 finding of each of `milestoneIds` whose latest check failed (it reopened the milestone). */
export async function reopenedFindings(milestoneIds: number[]): Promise<Map<number, string>> {
  if (milestoneIds.length === 0) return new Map();
  const latest = await db.completionCheck.findMany({
    where: { subject: "MILESTONE", milestoneId: { in: milestoneIds } },
    orderBy: [{ milestoneId: "asc" }, { id: "desc" }],
    distinct: ["milestoneId"],
    select: { milestoneId: true, passed: true, finding: true },
  });
  return new Map(latest.flatMap((check) => (check.passed || check.milestoneId === null ? [] : [[check.milestoneId, check.finding]])));
}

export interface ClaimedCompletion {
  taskNumber: number;
  taskTitle: string;
  unitCode: string;
  unitName: string;
  reportId: number;
  year: number;
  quarter: number;
  acceptedAt: Date;
  checked: boolean;
}

/**
 * Pairs whose latest accepted report says 已完成, with whether a check has been recorded since it
 * was accepted; one query. `withChecked` false: only those awaiting a check.
 */
async function claimedCompletions(tx: Pick<Tx, "$queryRaw">, where: Prisma.Sql, withChecked = false): Promise<ClaimedCompletion[]> {
  return tx.$queryRaw<ClaimedCompletion[]>`
    SELECT t.number AS "taskNumber", t.title AS "taskTitle", u.code AS "unitCode", u."shortName" AS "unitName",
           la.id AS "reportId", la.year, la.quarter, la."reviewedAt" AS "acceptedAt",
           EXISTS (SELECT 1 FROM "CompletionCheck" c WHERE c.subject = 'TASK_UNIT' AND c."taskId" = tu."taskId" AND c."unitId" = tu."unitId"
                   AND c."createdAt" >= la."reviewedAt") AS checked
    FROM "TaskUnit" tu JOIN "Task" t ON t.id = tu."taskId" JOIN "Unit" u ON u.id = tu."unitId"
    JOIN LATERAL (
      SELECT r.id, r.year, r.quarter, r."progressState", r."reviewedAt" FROM "ProgressReport" r
      WHERE r."taskId" = tu."taskId" AND r."unitId" = tu."unitId" AND r.status = 'ACCEPTED'
      ORDER BY r.year DESC, r.quarter DESC LIMIT 1
    ) la ON la."progressState" = 'COMPLETED'
    WHERE true ${where}
    ${withChecked ? Prisma.empty : Prisma.sql`AND NOT EXISTS (SELECT 1 FROM "CompletionCheck" c WHERE c.subject = 'TASK_UNIT' AND c."taskId" = tu."taskId" AND c."unitId" = tu."unitId" AND c."createdAt" >= la."reviewedAt")`}
    ORDER BY la."reviewedAt", t.number, u."sortOrder"`;
}

/** The reviewer's 销号核查 queue: claimed completions awaiting a check, oldest acceptance first. */
export async function listAwaitingChecks(reviewer: SessionUser): Promise<ClaimedCompletion[]> {
  requireReviewer(reviewer);
  return claimedCompletions(db, Prisma.empty);
}

/** The latest checks of task units and milestones, newest first, for the reviewer's record. */
export async function listRecentChecks(reviewer: SessionUser, take = 20) {
  requireReviewer(reviewer);
  return db.completionCheck.findMany({
    where: { subject: { in: ["TASK_UNIT", "MILESTONE"] } },
    orderBy: { id: "desc" },
    take,
    select: {
      id: true,
      checkedOn: true,
      method: true,
      passed: true,
      finding: true,
      fileName: true,
      task: { select: { number: true } },
      unit: { select: { shortName: true } },
      milestone: {
        select: {
          title: true,
          measure: { select: { list: { select: { task: { select: { number: true } }, unit: { select: { shortName: true } } } } } },
        },
      },
      verifier: { select: { displayName: true } },
    },
  });
}

/**
 * Completion as leaders count it, over task × unit pairs (optionally one unit or city, one
 * section): verified (已完成, a check passed since the claim) and claimed (已完成（待核查）). A
 * failed check counts in neither. One query.
 */
export async function completionCounts(
  filter: { unitCode?: string; section?: number } = {},
): Promise<{ verified: number; claimed: number }> {
  const where = Prisma.sql`${filter.unitCode ? Prisma.sql`AND u.code = ${filter.unitCode}` : Prisma.empty}
    ${filter.section ? Prisma.sql`AND t."sectionId" = (SELECT id FROM "Section" WHERE number = ${filter.section})` : Prisma.empty}`;
  const [row] = await db.$queryRaw<{ verified: number; claimed: number }[]>`
    SELECT count(*) FILTER (WHERE ck.passed)::int AS verified, count(*) FILTER (WHERE ck.passed IS NULL)::int AS claimed
    FROM "TaskUnit" tu JOIN "Task" t ON t.id = tu."taskId" JOIN "Unit" u ON u.id = tu."unitId"
    JOIN LATERAL (
      SELECT r."progressState", r."reviewedAt" FROM "ProgressReport" r
      WHERE r."taskId" = tu."taskId" AND r."unitId" = tu."unitId" AND r.status = 'ACCEPTED'
      ORDER BY r.year DESC, r.quarter DESC LIMIT 1
    ) la ON la."progressState" = 'COMPLETED'
    LEFT JOIN LATERAL (
      SELECT c.passed FROM "CompletionCheck" c
      WHERE c.subject = 'TASK_UNIT' AND c."taskId" = tu."taskId" AND c."unitId" = tu."unitId" AND c."createdAt" >= la."reviewedAt"
      ORDER BY c."createdAt" DESC, c.id DESC LIMIT 1
    ) ck ON true
    WHERE true ${where}`;
  return row ?? { verified: 0, claimed: 0 };
}
