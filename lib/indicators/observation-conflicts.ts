/**
 * Two values for one indicator, area and period: the accepted one and an accepted report's
 * figure that differs. The standing value counts until the reviewer decides; the decision, both
 * values and the reason stay on record (the conflict row and the audit log).
 */
import "server-only";
import { db } from "@/lib/core/db";
import type { SessionUser } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit/audit";
import { UserFacingError } from "@/lib/core/errors";
import { lastAudited, updateVersioned } from "@/lib/core/versioned-update";
import { PROVINCE, periodText } from "./observation-keys";
import { reportSourceText } from "./report-figures";
import { observationFields } from "./observations";
import { unitNamesByCode } from "@/lib/plan/unit-names";

const conflictFields = {
  id: true,
  status: true,
  standingValue: true,
  reportedValue: true,
  reportedNote: true,
  createdAt: true,
  decidedAt: true,
  reason: true,
  decidedBy: { select: { displayName: true } },
  observation: { select: { ...observationFields, indicator: { select: { code: true, name: true, measureUnit: true } } } },
  report: {
    select: { id: true, year: true, quarter: true, task: { select: { number: true } }, unit: { select: { shortName: true } } },
  },
} as const;

/** Conflicts for the reviewer: open ones first (oldest first), then the latest decided ones. */
export async function listConflicts(options: { indicatorCode?: string; decidedLimit?: number } = {}) {
  const where = options.indicatorCode ? { observation: { indicator: { code: options.indicatorCode } } } : {};
  const [open, decided, names] = await Promise.all([
    db.observationConflict.findMany({ where: { ...where, status: "OPEN" }, orderBy: { id: "asc" }, take: 200, select: conflictFields }),
    db.observationConflict.findMany({
      where: { ...where, status: { not: "OPEN" } },
      orderBy: { decidedAt: "desc" },
      take: options.decidedLimit ?? 20,
      select: conflictFields,
    }),
    unitNamesByCode(),
  ]);
  const areaName = (area: string) => (area === PROVINCE ? "全省" : (names.get(area) ?? area));
  const view = (row: (typeof open)[number]) => ({ ...row, areaName: areaName(row.observation.area) });
  return { open: open.map(view), decided: decided.map(view) };
}
export type ConflictView = Awaited<ReturnType<typeof listConflicts>>["open"][number];

export async function countOpenConflicts(): Promise<number> {
  return db.observationConflict.count({ where: { status: "OPEN" } });
}

/** The reviewer keeps the standing value or lets the report's stand; once only. */
export async function decideConflict(
  input: { conflictId: number; decision: "keep" | "replace"; reason: string },
  reviewer: SessionUser,
): Promise<string> {
  if (reviewer.role !== "REVIEWER") throw new UserFacingError("只有审核人可以处理数值冲突");
  return db.$transaction(async (tx) => {
    const conflict = await tx.observationConflict.findUnique({ where: { id: input.conflictId }, select: conflictFields });
    if (!conflict) throw new UserFacingError("该数值冲突不存在", {}, "NOT_FOUND");
    const { observation, report } = conflict;
    const entityId = `${observation.indicator.code}/${observation.area}/${periodText(observation)}`;
    const now = new Date();
    // Decided once: a second reviewer's click (or a retry) finds it no longer open.
    const claimed = await tx.observationConflict.updateMany({
      where: { id: conflict.id, status: "OPEN" },
      data: { status: input.decision === "keep" ? "KEPT" : "REPLACED", decidedById: reviewer.id, decidedAt: now, reason: input.reason },
    });
    if (claimed.count === 0) throw new UserFacingError("该数值冲突已由他人处理，请刷新页面查看结果", {}, "CONFLICT");
    if (input.decision === "replace") {
      if (!observation.value.equals(conflict.standingValue)) {
        throw new UserFacingError("现行数值已在此期间被修改，请刷新后重新判断", {}, "CONFLICT");
      }
      await updateVersioned(
        tx,
        "indicatorObservation",
        { where: { id: observation.id }, version: observation.version },
        {
          value: conflict.reportedValue,
          note: conflict.reportedNote,
          source: reportSourceText({
            unitName: report.unit.shortName,
            year: report.year,
            quarter: report.quarter,
            taskNumber: report.task.number,
          }),
          sourceReportId: report.id,
          reviewedById: reviewer.id,
          reviewedAt: now,
        },
        {
          lastChange: lastAudited("IndicatorObservation", entityId),
          message: ({ who, when }) => `未处理：${who} 已于 ${when} 修改了该指标数值，请刷新后重新判断。`,
        },
      );
    }
    await recordAudit(tx, {
      actorId: reviewer.id,
      action: input.decision === "keep" ? "observation.conflict_keep" : "observation.conflict_replace",
      entity: "IndicatorObservation",
      entityId,
      before: { value: conflict.standingValue.toString(), source: observation.source },
      after: {
        value: (input.decision === "keep" ? conflict.standingValue : conflict.reportedValue).toString(),
        reportedValue: conflict.reportedValue.toString(),
        reason: input.reason,
      },
    });
    const unit = observation.indicator.measureUnit;
    return input.decision === "keep"
      ? `已保留现行数值 ${conflict.standingValue.toString()} ${unit}。`
      : `已采用报告数值 ${conflict.reportedValue.toString()} ${unit}。`;
  });
}
