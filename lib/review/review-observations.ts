import "server-only";
import { db } from "@/lib/core/db";
import type { SessionUser } from "@/lib/auth/session";
import type { ReviewObservationInput } from "./schemas";
import { observationFields } from "@/lib/indicators/observations";
import { periodText } from "@/lib/indicators/observation-keys";
import { recordAudit } from "@/lib/audit/audit";
import { UserFacingError } from "@/lib/core/errors";
import { lastAudited, updateVersioned } from "@/lib/core/versioned-update";

/** Accept or return submitted indicator values, all or none; a value changed since it was shown is refused. */
export async function reviewObservations(input: ReviewObservationInput, reviewer: SessionUser): Promise<number> {
  if (reviewer.role !== "REVIEWER") throw new UserFacingError("只有审核人可以审核指标数据");
  const status = input.decision === "accept" ? "ACCEPTED" : "RETURNED";
  await db.$transaction(async (tx) => {
    for (const ref of input.observations) {
      const row = await tx.indicatorObservation.findUnique({
        where: { id: ref.id },
        select: { ...observationFields, indicator: { select: { code: true, name: true } } },
      });
      if (!row) throw new UserFacingError(`数据 ${ref.id} 不存在`);
      const name = `${row.indicator.name}（${periodText(row)}）`;
      const entityId = `${row.indicator.code}/${row.area}/${periodText(row)}`;
      if (row.status !== "SUBMITTED") throw new UserFacingError(`${name}不是待审核状态`);
      await updateVersioned(
        tx,
        "indicatorObservation",
        { where: { id: row.id }, version: ref.version },
        { status, reviewComment: input.comment || null, reviewedById: reviewer.id, reviewedAt: new Date() },
        {
          lastChange: lastAudited("IndicatorObservation", entityId),
          message: ({ who, when }) => `${name}已于 ${when} 被 ${who} 修改，请刷新后再审核`,
        },
      );
      await recordAudit(tx, {
        actorId: reviewer.id,
        action: input.decision === "accept" ? "observation.accept" : "observation.return",
        entity: "IndicatorObservation",
        entityId,
        before: { status: row.status, value: row.value.toString() },
        after: { status, comment: input.comment || null },
      });
    }
  });
  return input.observations.length;
}

/** Submitted values awaiting review, oldest first. */
export async function listObservationQueue() {
  return db.indicatorObservation.findMany({
    where: { status: "SUBMITTED" },
    orderBy: { enteredAt: "asc" },
    select: { ...observationFields, indicator: { select: { code: true, name: true, measureUnit: true } } },
  });
}
