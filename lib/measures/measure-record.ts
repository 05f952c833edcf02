import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { formatIsoDate } from "@/lib/core/dates";
import { recordAudit } from "@/lib/audit/audit";

/** The shape of a stored measure list shared by reads and writes: selection, snapshot, revision. */
export type Tx = Prisma.TransactionClient;

export const measureListFields = {
  id: true,
  taskId: true,
  unitId: true,
  year: true,
  role: true,
  status: true,
  reviewStage: true,
  version: true,
  demo: true,
  updatedAt: true,
  submittedAt: true,
  reviewedAt: true,
  reviewComment: true,
  updatedBy: { select: { displayName: true } },
  measures: {
    orderBy: { position: "asc" },
    select: {
      id: true,
      position: true,
      text: true,
      responsible: true,
      fundsPlanned: true,
      fundsSpent: true,
      fundsSource: true,
      milestones: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          position: true,
          title: true,
          plannedDate: true,
          deliverable: true,
          indicatorId: true,
          targetValue: true,
          status: true,
          doneDate: true,
          // "verified": a passed completion check (销号核查) exists.
          checks: { where: { passed: true }, select: { id: true }, take: 1 },
        },
      },
    },
  },
} satisfies Prisma.MeasureListSelect;

export type MeasureListRow = Prisma.MeasureListGetPayload<{ select: typeof measureListFields }>;

/** The list as kept in each revision and in the audit log. */
export function measureSnapshotOf(list: Pick<MeasureListRow, "role" | "status" | "reviewComment" | "measures">) {
  return {
    status: list.status,
    role: list.role,
    reviewComment: list.reviewComment,
    measures: list.measures.map((measure) => ({
      text: measure.text,
      responsible: measure.responsible,
      fundsPlanned: measure.fundsPlanned?.toString() ?? null,
      fundsSpent: measure.fundsSpent?.toString() ?? null,
      fundsSource: measure.fundsSource,
      milestones: measure.milestones.map((milestone) => ({
        title: milestone.title,
        plannedDate: formatIsoDate(milestone.plannedDate),
        deliverable: milestone.deliverable,
        targetValue: milestone.targetValue?.toString() ?? null,
        status: milestone.status,
      })),
    })),
  };
}
export type MeasureSnapshot = ReturnType<typeof measureSnapshotOf>;

/** Records one write of a list: its revision (with the reason of a change) and its audit row, in the write's transaction. */
export async function recordMeasureRevision(
  tx: Tx,
  write: {
    listId: number;
    version: number;
    action: string;
    actorId: number;
    reason: string | null;
    before: MeasureSnapshot | null;
    after: MeasureSnapshot;
    at: Date;
  },
) {
  const snapshot = JSON.parse(JSON.stringify(write.after)) as Prisma.InputJsonObject;
  await tx.measureListRevision.create({
    data: {
      listId: write.listId,
      version: write.version,
      action: write.action,
      status: write.after.status,
      reason: write.reason,
      snapshot,
      actorId: write.actorId,
      at: write.at,
    },
  });
  await recordAudit(tx, {
    actorId: write.actorId,
    action: write.action,
    entity: "MeasureList",
    entityId: String(write.listId),
    before: write.before === null ? null : (JSON.parse(JSON.stringify(write.before)) as Prisma.InputJsonObject),
    after: { ...snapshot, version: write.version, ...(write.reason ? { reason: write.reason } : {}) },
  });
}
