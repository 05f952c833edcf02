import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/core/db";
import type { SessionUser } from "@/lib/auth/session";
import { AppError, StaleWriteError, UserFacingError } from "@/lib/core/errors";
import { formatQuarter, quarterLabel } from "@/lib/core/quarters";
import type { ReportStatus } from "@/lib/status/status-rules";
import type { TodoRef } from "./schemas";
import type { Tx } from "./report-record";
import { answeredBefore, isUniqueViolation, sameReportCreatedTwice, type RequestKey } from "./save-report";

/**
 * One batch of report writes from 我的待办 (bulk submit, carry forward), all or none in one
 * transaction. Each report of the batch is written by the same code as a single submit
 * (writeReport) and recorded under its own idempotency key, derived from the batch's; every
 * revision keeps the hash of the batch in full, so the batch sent again under its key is answered
 * with what it wrote, and a different batch under a used key is refused, changing nothing.
 */

export type BatchKind = "submit" | "carry";

export interface WrittenReport {
  id: number;
  status: ReportStatus;
  version: number;
}

export interface BatchResult {
  reports: (WrittenReport & { name: string })[];
}

/** How a report of a batch is named in messages: 任务 12（2026年第四季度）. */
export function reportName(ref: Pick<TodoRef, "taskNumber" | "quarter">): string {
  return `任务 ${ref.taskNumber}（${quarterLabel(ref.quarter)}）`;
}

function batchKeys(kind: BatchKind, refs: TodoRef[], requestId: string): RequestKey[] {
  const items = refs.map((ref) => `${ref.taskNumber}:${formatQuarter(ref.quarter)}:${ref.version}`).sort();
  const hash = createHash("sha256")
    .update(JSON.stringify([`batch.${kind}`, items]))
    .digest("hex");
  return refs.map((ref) => ({ id: `${requestId}/${ref.taskNumber}/${formatQuarter(ref.quarter)}`, hash }));
}

/** The refusal of one report of the batch, naming it: nothing of the batch was written. */
function refusalOf(ref: TodoRef, verb: string, error: AppError): AppError {
  const message = `未${verb}任何报告。${reportName(ref)}：${error.message.replace(/^(保存|提交)未成功：/, "")}`;
  return error instanceof StaleWriteError
    ? new StaleWriteError(message, error.fieldErrors)
    : new UserFacingError(message, error.fieldErrors, error.code);
}

/** What the batch already wrote under these keys, if it wrote every report of it (else null). */
async function answeredBatch(tx: Tx, refs: TodoRef[], keys: RequestKey[], user: SessionUser): Promise<BatchResult | null> {
  const written: BatchResult["reports"] = [];
  for (const [index, ref] of refs.entries()) {
    const answered = await answeredBefore(tx, keys[index], user);
    if (!answered) return null;
    written.push({ ...answered, name: reportName(ref) });
  }
  return { reports: written };
}

/**
 * Runs `writeOne` for every ticked report in one transaction; the first refusal rolls everything
 * back and is answered naming the report. `verb` is what the batch does, for the message (提交).
 */
export async function runReportBatch(
  kind: BatchKind,
  input: { reports: TodoRef[]; requestId: string },
  user: SessionUser,
  verb: string,
  writeOne: (tx: Tx, ref: TodoRef, request: RequestKey) => Promise<WrittenReport>,
): Promise<BatchResult> {
  if (user.role !== "STAFF" || user.unitId === null) throw new UserFacingError("只有绑定单位的填报人可以填报进展");
  const keys = batchKeys(kind, input.reports, input.requestId);
  try {
    return await db.$transaction(
      async (tx) => {
        // A retry of a batch already applied (its answer was lost on the way): answer it again.
        const answered = await answeredBatch(tx, input.reports, keys, user);
        if (answered) return answered;
        const written: BatchResult["reports"] = [];
        for (const [index, ref] of input.reports.entries()) {
          try {
            written.push({ ...(await writeOne(tx, ref, keys[index]!)), name: reportName(ref) });
          } catch (error) {
            throw error instanceof AppError ? refusalOf(ref, verb, error) : error;
          }
        }
        return { reports: written };
      },
      { timeout: 30_000 },
    );
  } catch (error) {
    if (!isUniqueViolation(error) && !(error instanceof StaleWriteError)) throw error;
    // The same batch sent twice at once (a retry overtaking its first attempt): the one that
    // landed answers both. Read after the refused transaction, so the other one's commit is seen.
    const answered = await db.$transaction((tx) => answeredBatch(tx, input.reports, keys, user));
    if (answered) return answered;
    throw sameReportCreatedTwice(error) ?? error;
  }
}
