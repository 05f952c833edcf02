/**
 * 报一次: an accepted progress report's figures become the indicator's accepted values for the
 * reporting unit's area and the stated period, inside the reviewer's transaction. A period that
 * already has a different accepted value is not overwritten: the difference becomes an
 * ObservationConflict for the reviewer to decide (./observation-conflicts).
 */
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { SessionUser } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit/audit";
import { quarterLabel, type Quarter } from "@/lib/core/quarters";
import { lastAudited, updateVersioned } from "@/lib/core/versioned-update";
import { figureArea, parsePeriod, periodText } from "./observation-keys";

type Tx = Prisma.TransactionClient;

/** Where an accepted value came from, as the indicator page and the exports show it. */
export function reportSourceText(report: { unitName: string; year: number; quarter: number; taskNumber: number }): string {
  return `${report.unitName}${quarterLabel({ year: report.year, quarter: report.quarter as Quarter["quarter"] })}进展报告（任务 ${report.taskNumber}）`;
}

export async function publishAcceptedFigures(tx: Tx, reportId: number, reviewer: SessionUser, now: Date): Promise<void> {
  const report = await tx.progressReport.findUniqueOrThrow({
    where: { id: reportId },
    select: {
      id: true,
      year: true,
      quarter: true,
      task: { select: { number: true } },
      unit: { select: { id: true, code: true, kind: true, shortName: true } },
      // Whoever submitted it entered the values.
      revisions: {
        where: { status: "SUBMITTED" },
        orderBy: { version: "desc" },
        take: 1,
        select: { actorId: true },
      },
      figures: {
        select: {
          value: true,
          period: true,
          note: true,
          warning: true,
          indicator: { select: { id: true, code: true, ownerUnitId: true } },
        },
      },
    },
  });
  const source = reportSourceText({
    unitName: report.unit.shortName,
    year: report.year,
    quarter: report.quarter,
    taskNumber: report.task.number,
  });
  const enteredById = report.revisions[0]?.actorId ?? null;
  for (const figure of report.figures) {
    const area = figureArea(report.unit, figure.indicator);
    const period = parsePeriod(figure.period);
    if (area === null || period === null) continue;
    const key = { indicatorId: figure.indicator.id, area, year: period.year, quarter: period.quarter };
    const entityId = `${figure.indicator.code}/${area}/${periodText(period)}`;
    const value = figure.value;
    const accepted = {
      value,
      source,
      note: figure.note,
      demo: false,
      status: "ACCEPTED" as const,
      warning: figure.warning,
      sourceReportId: report.id,
      enteredById,
      enteredAt: now,
      reviewedById: reviewer.id,
      reviewedAt: now,
      reviewComment: null,
    };
    const existing = await tx.indicatorObservation.findUnique({
      where: { indicatorId_area_year_quarter: key },
      select: { id: true, value: true, status: true, demo: true, version: true, source: true, sourceReportId: true },
    });
    if (!existing) {
      await tx.indicatorObservation.create({ data: { ...key, ...accepted } });
    } else if (existing.status === "ACCEPTED" && !existing.demo) {
      if (existing.value.equals(value)) {
        // The same value twice (e.g. the owner entered it, then reported it): one value, now also traced to the report.
        if (existing.sourceReportId === null) {
          await tx.indicatorObservation.update({ where: { id: existing.id }, data: { sourceReportId: report.id } });
        }
        continue;
      }
      await tx.observationConflict.upsert({
        where: { observationId_reportId: { observationId: existing.id, reportId: report.id } },
        create: {
          observationId: existing.id,
          reportId: report.id,
          standingValue: existing.value,
          reportedValue: value,
          reportedNote: figure.note,
        },
        update: {},
      });
      await recordAudit(tx, {
        actorId: reviewer.id,
        action: "observation.conflict",
        entity: "IndicatorObservation",
        entityId,
        before: { value: existing.value.toString(), source: existing.source },
        after: { reportedValue: value.toString(), source },
      });
      continue;
    } else {
      // A demo value, or one entered on the indicator page and not accepted: the accepted report's value stands.
      await updateVersioned(tx, "indicatorObservation", { where: { id: existing.id }, version: existing.version }, accepted, {
        lastChange: lastAudited("IndicatorObservation", entityId),
        message: ({ who, when }) => `审核未完成：${who} 已于 ${when} 修改了该指标数值，请刷新后再审核。`,
      });
    }
    await recordAudit(tx, {
      actorId: reviewer.id,
      action: "observation.accept_from_report",
      entity: "IndicatorObservation",
      entityId,
      before: existing ? { value: existing.value.toString(), status: existing.status, demo: existing.demo } : null,
      after: { value: value.toString(), status: "ACCEPTED", source },
    });
  }
}
