import "server-only";
import { db } from "@/lib/core/db";
import type { SessionUser } from "@/lib/auth/session";
import { UserFacingError } from "@/lib/core/errors";
import { staleWriteError, updateVersioned } from "@/lib/core/versioned-update";
import { reviewStep, type ReviewStep } from "@/lib/review/review-chain";
import { settleNotices } from "@/lib/notices/notify";
import { SUBJECTS } from "@/lib/notices/notice-rules";
import { measureListFields, measureSnapshotOf, recordMeasureRevision } from "./measure-record";
import { staleList } from "./save-measure-list";
import type { MeasureLeadReviewInput, MeasureReviewInput } from "./schemas";

/**
 * The review of a submitted measure list, on the same chain as reports (lib/review/review-chain.ts):
 * a two-level task's 牵头单位 passes it on or returns it, 省生态环境厅 accepts or returns it. Each
 * step is a new version (WHERE version = $v) with its revision and audit row.
 */

/** The task's 牵头单位 passes a list on to 省生态环境厅 or returns it with a comment. */
export async function leadReviewMeasureList(input: MeasureLeadReviewInput, user: SessionUser) {
  const pass = input.decision === "pass";
  const step = reviewStep(pass ? "pass_on" : "lead_return", user, "举措清单", input.comment);
  return decideMeasureList(input, user, step, pass ? "measureList.pass_on" : "measureList.lead_return");
}

/** 省生态环境厅 accepts a submitted list or returns it with a comment. */
export async function reviewMeasureList(input: MeasureReviewInput, reviewer: SessionUser) {
  const accept = input.decision === "accept";
  const step = reviewStep(accept ? "accept" : "return", reviewer, "举措清单", input.comment);
  return decideMeasureList(input, reviewer, step, accept ? "measureList.accept" : "measureList.return");
}

async function decideMeasureList(ref: { listId: number; version: number }, actor: SessionUser, step: ReviewStep, action: string) {
  return db.$transaction(async (tx) => {
    const list = await tx.measureList.findUnique({
      where: { id: ref.listId },
      select: { ...measureListFields, task: { select: { number: true, leadUnitId: true } }, unit: { select: { shortName: true } } },
    });
    if (!list) throw new UserFacingError(`举措清单 ${ref.listId} 不存在`, {}, "NOT_FOUND");
    const name = `任务 ${list.task.number}（${list.unit.shortName}，${list.year}年）`;
    const stale = staleList(list.id, ({ who, when }) => `${name}的举措清单已于 ${when} 被 ${who} 修改，请刷新后再审核。`);
    // Changed since the actor saw it (resubmitted, or decided by someone else): say by whom.
    if (list.version !== ref.version) throw await staleWriteError(tx, stale);
    step.check({ status: list.status, reviewStage: list.reviewStage, leadUnitId: list.task.leadUnitId, name });
    const now = new Date();
    const version = await updateVersioned(
      tx,
      "measureList",
      { where: { id: list.id, status: step.from }, version: ref.version },
      {
        status: step.status,
        reviewStage: step.stage,
        reviewComment: step.comment,
        reviewedAt: now,
        updatedById: actor.id,
        updatedAt: now,
      },
      stale,
    );
    const before = measureSnapshotOf(list);
    await recordMeasureRevision(tx, {
      listId: list.id,
      version,
      action,
      actorId: actor.id,
      reason: null,
      before,
      after: { ...before, status: step.status, reviewComment: step.comment },
      at: now,
    });
    await settleNotices(tx, SUBJECTS.measureListReview(list.id));
    return { id: list.id, version, status: step.status, name, taskNumber: list.task.number, year: list.year };
  });
}
