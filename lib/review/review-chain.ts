/**
 * The review chain shared by progress reports and measure lists: where a submission goes first,
 * and who may take which step at which stage. The records are stored differently (reports through
 * one SQL statement with their revision, lists through the versioned-update helper), so each
 * writes its own row; what a step means and who may take it is decided here, once.
 */
import type { SessionUser } from "@/lib/auth/session";
import { UserFacingError } from "@/lib/core/errors";
import { REPORT_STATUS_LABELS, type ReportStatus } from "@/lib/status/status-rules";

export type ReviewStage = "LEAD" | "FINAL";

/**
 * Where a submission waits first: a two-level task's 牵头单位 reviews the other units' work;
 * its own work, and everything of a one-level task, goes straight to 省生态环境厅.
 */
export function reviewStageOnSubmit(task: { reviewLevels: number; leadUnitId: number | null }, unitId: number): ReviewStage {
  return task.reviewLevels === 2 && task.leadUnitId !== null && task.leadUnitId !== unitId ? "LEAD" : "FINAL";
}

/** A report or a measure list as the chain sees it; `name` already says which one (任务 5（南昌市，2026年）). */
export interface ChainItem {
  status: ReportStatus;
  reviewStage: ReviewStage | null;
  leadUnitId: number | null;
  name: string;
}

/** 报告 or 举措清单: how messages name the thing decided. */
export type ChainNoun = "报告" | "举措清单";

export type ReviewStepKind = "pass_on" | "lead_return" | "accept" | "return" | "unlock";

/** One step: the state it starts from, the state it leaves, and the check that the actor may take it now. */
export interface ReviewStep {
  kind: ReviewStepKind;
  from: ReportStatus;
  status: ReportStatus;
  stage: ReviewStage | null;
  comment: string | null;
  /** Throws (in Chinese) when `actor` may not take this step on `item` in its current state. */
  check: (item: ChainItem) => void;
}

const LEAD_STEPS: readonly ReviewStepKind[] = ["pass_on", "lead_return"];

/** The role a step needs, checked before anything is read (the record-level checks follow in `check`). */
export function requireStepRole(kind: ReviewStepKind, actor: Pick<SessionUser, "role" | "unitId">, noun: ChainNoun): void {
  if (LEAD_STEPS.includes(kind)) {
    if (actor.role !== "STAFF" || actor.unitId === null) throw new UserFacingError("只有牵头单位的填报人可以审核", {}, "FORBIDDEN");
  } else if (actor.role !== "REVIEWER") {
    throw new UserFacingError(kind === "unlock" ? `只有审核人可以解锁${noun}` : `只有审核人可以审核${noun}`, {}, "FORBIDDEN");
  }
}

/** Only staff of the task's 牵头单位, and only while the item waits for it. */
function checkLeadStage(actor: Pick<SessionUser, "unitId">, noun: ChainNoun) {
  return (item: ChainItem) => {
    if (actor.unitId === null || item.leadUnitId !== actor.unitId) {
      throw new UserFacingError(`${item.name}：只有该任务牵头单位的填报人可以审核`, {}, "FORBIDDEN");
    }
    if (item.status !== "SUBMITTED" || item.reviewStage !== "LEAD") {
      const where = item.status === "SUBMITTED" ? "已转省生态环境厅审核" : REPORT_STATUS_LABELS[item.status];
      throw new UserFacingError(`${item.name}的${noun}${where}，不在牵头单位审核环节`);
    }
  };
}

/** 省生态环境厅 decides only what is submitted and no longer with the lead unit. */
function checkFinalStage(noun: ChainNoun) {
  return (item: ChainItem) => {
    if (item.status !== "SUBMITTED") {
      throw new UserFacingError(`${item.name}的${noun}${REPORT_STATUS_LABELS[item.status]}，只能审核待审核的${noun}`);
    }
    if (item.reviewStage === "LEAD") throw new UserFacingError(`${item.name}的${noun}尚待牵头单位审核，不能直接审核`);
  };
}

/**
 * The step `kind` taken by `actor` with the text it gave (a review comment, or the reason of an
 * unlock): what it writes and what it checks. The role is checked here too, so a caller cannot
 * build a step its actor may not take.
 */
export function reviewStep(kind: ReviewStepKind, actor: Pick<SessionUser, "role" | "unitId">, noun: ChainNoun, text: string): ReviewStep {
  requireStepRole(kind, actor, noun);
  switch (kind) {
    case "pass_on":
    case "lead_return":
      return {
        kind,
        from: "SUBMITTED",
        status: kind === "pass_on" ? "SUBMITTED" : "RETURNED",
        stage: kind === "pass_on" ? "FINAL" : null,
        comment: text ? `牵头单位意见：${text}` : null,
        check: checkLeadStage(actor, noun),
      };
    case "accept":
    case "return":
      return {
        kind,
        from: "SUBMITTED",
        status: kind === "accept" ? "ACCEPTED" : "RETURNED",
        stage: "FINAL",
        comment: text || null,
        check: checkFinalStage(noun),
      };
    case "unlock":
      return {
        kind,
        from: "ACCEPTED",
        status: "RETURNED",
        stage: null,
        comment: `解锁：${text}`,
        check: (item) => {
          if (item.status !== "ACCEPTED")
            throw new UserFacingError(`${item.name}的${noun}${REPORT_STATUS_LABELS[item.status]}，只能解锁已通过的${noun}`);
        },
      };
  }
}
