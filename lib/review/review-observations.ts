import "server-only";
import { db } from "@/lib/core/db";
import type { SessionUser } from "@/lib/auth/session";
import type { ReviewObservationInput } from "@/lib/indicators/schemas";
import { observationFields, periodText } from "@/lib/indicators/observations";
import { recordAudit } from "@/lib/audit/audit";
import { StaleWriteError, UserFacingError } from "@/lib/core/errors";

export async function reviewObservations(input: ReviewObservationInput, reviewer: SessionUser): Promise<number> {
  if (reviewer.role !== "REVIEWER") throw new UserFacingError("只有审核人可以审核指标数据");
  await db.$transaction(async (tx) => {
    for (const ref of input.observations) {
      const row = await tx.indicatorObservation.findUnique({
        where: { id: ref.id },
        select: { ...observationFields, indicator: { select: { code: true, name: true } } },
      });
      if (!row) throw new UserFacingError(`数据 ${ref.id} 不存在`);
      const name = `${row.indicator.name}（${periodText(row)}）`;
      if (row.status !== "SUBMITTED") throw new UserFacingError(`${name}不是待审核状态`);
      if (row.version !== ref.version) throw new StaleWriteError(`${name}已被修改，请刷新后再审核`);
      await tx.indicatorObservation.update({
        where: { id: row.id },
        data: {
          status: input.decision === "accept" ? "ACCEPTED" : "RETURNED",
          reviewComment: input.comment || null,
          reviewedById: reviewer.id,
          reviewedAt: new Date(),
          version: { increment: 1 },
        },
      });
      await recordAudit(tx, {
        actorId: reviewer.id,
        action: input.decision === "accept" ? "observation.accept" : "observation.return",
        entity: "IndicatorObservation",
        entityId: `${row.indicator.code}/${row.area}/${periodText(row)}`,
        before: { status: row.status, value: row.value.toString() },
        after: { status: input.decision === "accept" ? "ACCEPTED" : "RETURNED", comment: input.comment || null },
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
