import "server-only";
import { db } from "@/lib/core/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { formatIsoDate } from "@/lib/core/dates";
import {
  addDays,
  addQuarters,
  daysBetween,
  formatQuarter,
  quarterLabel,
  quarterOfDate,
  reportingQuarter,
  windowCloseDate,
  type Quarter,
} from "@/lib/core/quarters";
import { getWindowSetting } from "@/lib/admin/settings";
import { milestoneLight } from "@/lib/measures/milestone-lights";
import { NOTICE_KINDS } from "./kinds";
import { getNoticeRules } from "./notice-settings";
import { chinaDayStart, chinaDaysSince, dueStage, SUBJECTS, windowOpenDate, type NoticeRules } from "./notice-rules";
import { notifyAll, reviewerAccounts, usersOfUnits, type NoticeInput } from "./notify";

/**
 * 自动提醒, once a day (job `notices-daily`): for each unit's desk officers, the quarter's reporting
 * window opening, reports owed and not submitted (due in 7/3/1 days, overdue), what waits for their
 * review too long, milestones due or overdue, the year's 年度工作情况 report due or overdue. The same
 * owed-report rule as 我的待办 (lib/reports/todo.ts), read in one SQL query; the whole run reads in a
 * fixed number of queries and writes in one transaction. Every notice has a key per cause, so a
 * second run on the same day (or a run after a missed one) adds nothing already sent, and a subject
 * that acting on settles.
 */

export interface NoticeScope {
  /** Only these units' notices (tests; production runs for all). */
  unitIds?: readonly number[];
}

type Pending = { to: "unit"; unitId: number; input: NoticeInput } | { to: "reviewers"; input: NoticeInput };

const unitFilter = (scope: NoticeScope, column: Prisma.Sql) =>
  scope.unitIds ? Prisma.sql`AND ${column} = ANY(${[...scope.unitIds]}::int[])` : Prisma.empty;
const inScope = (scope: NoticeScope) => (scope.unitIds ? { in: [...scope.unitIds] } : undefined);

interface OwedRow {
  unitId: number;
  taskId: number;
  number: number;
  title: string;
  year: number;
  quarter: number;
}

/** Reports owed for the two quarters and not submitted (none yet, or a draft): 我的待办's CURRENT and OVERDUE items. */
async function owedReports(quarters: readonly Quarter[], scope: NoticeScope): Promise<OwedRow[]> {
  const years = quarters.map((q) => q.year);
  const numbers = quarters.map((q) => q.quarter);
  return db.$queryRaw<OwedRow[]>`
    SELECT tu."unitId", t.id AS "taskId", t.number, t.title, q.year, q.quarter
    FROM "TaskUnit" tu
    JOIN "Task" t ON t.id = tu."taskId"
    CROSS JOIN unnest(${years}::int[], ${numbers}::int[]) AS q(year, quarter)
    LEFT JOIN "ProgressReport" r ON r."taskId" = t.id AND r."unitId" = tu."unitId" AND r.year = q.year AND r.quarter = q.quarter
    WHERE meili_owes_report(t."deadlineDate", q.year, q.quarter) AND (r.id IS NULL OR r.status = 'DRAFT')
      ${unitFilter(scope, Prisma.sql`tu."unitId"`)}
    ORDER BY tu."unitId", t.number`;
}

function reportNotices(rows: OwedRow[], today: string, windowDays: number, rules: NoticeRules): Pending[] {
  const collecting = reportingQuarter(today, windowDays);
  const closes = windowCloseDate(collecting, windowDays);
  const daysLeft = daysBetween(today, closes);
  const stage = dueStage(daysLeft, rules.dueDays);
  const opened = today >= windowOpenDate(collecting);
  const pending: Pending[] = [];
  const openUnits = new Map<number, number>();
  for (const row of rows) {
    const quarter: Quarter = { year: row.year, quarter: row.quarter as Quarter["quarter"] };
    const key = `${row.unitId}:${row.taskId}:${formatQuarter(quarter)}`;
    const task = `任务 ${row.number}“${row.title}”`;
    const subject = SUBJECTS.owedReport(row.unitId, row.taskId, quarter);
    if (quarter.year === collecting.year && quarter.quarter === collecting.quarter) {
      if (opened) openUnits.set(row.unitId, (openUnits.get(row.unitId) ?? 0) + 1);
      if (stage === null) continue;
      pending.push({
        to: "unit",
        unitId: row.unitId,
        input: {
          kind: NOTICE_KINDS.reportDue,
          title: `进展报告${daysLeft === 0 ? "今天截止" : `还有 ${daysLeft} 天截止`}：任务 ${row.number}（${quarterLabel(quarter)}）`,
          body: `${task}${quarterLabel(quarter)}进展报告尚未提交，报送截止日期为 ${closes}。请按时填报并提交。`,
          href: "/my",
          dedupeKey: `${NOTICE_KINDS.reportDue}:${stage}:${key}`,
          subject,
        },
      });
    } else {
      const closed = windowCloseDate(quarter, windowDays);
      pending.push({
        to: "unit",
        unitId: row.unitId,
        input: {
          kind: NOTICE_KINDS.reportOverdue,
          title: `进展报告已逾期：任务 ${row.number}（${quarterLabel(quarter)}）`,
          body: `${task}${quarterLabel(quarter)}进展报告的报送截止日期 ${closed} 已过，至今尚未提交。请尽快补报。`,
          href: "/my",
          urgent: true,
          dedupeKey: `${NOTICE_KINDS.reportOverdue}:${key}`,
          subject,
        },
      });
    }
  }
  for (const [unitId, count] of openUnits) {
    pending.push({
      to: "unit",
      unitId,
      input: {
        kind: NOTICE_KINDS.reportWindowOpen,
        title: `${quarterLabel(collecting)}进展报告开始报送`,
        body: `${quarterLabel(collecting)}进展报告开始报送，截止日期为 ${closes}。本单位尚有 ${count} 项任务的报告未提交。`,
        href: "/my",
        dedupeKey: `${NOTICE_KINDS.reportWindowOpen}:${unitId}:${formatQuarter(collecting)}`,
      },
    });
  }
  return pending;
}

const reviewSelect = {
  id: true,
  version: true,
  reviewStage: true,
  submittedAt: true,
  reviewedAt: true,
  unit: { select: { shortName: true } },
  task: { select: { number: true, title: true, leadUnitId: true } },
} as const;

/** Since when a submission waits for its present reviewer: its submission, or the lead unit passing it on. */
function waitingSince(item: { reviewStage: string | null; submittedAt: Date | null; reviewedAt: Date | null }): Date | null {
  if (!item.submittedAt) return null;
  if (item.reviewStage === "FINAL" && item.reviewedAt && item.reviewedAt > item.submittedAt) return item.reviewedAt;
  return item.submittedAt;
}

function reviewNotices(
  items: readonly (Prisma.ProgressReportGetPayload<{ select: typeof reviewSelect }> & { what: "report"; label: string })[],
  lists: readonly (Prisma.MeasureListGetPayload<{ select: typeof reviewSelect }> & { what: "list"; label: string })[],
  today: string,
  rules: NoticeRules,
): Pending[] {
  return [...items, ...lists].flatMap((item): Pending[] => {
    const since = waitingSince(item);
    if (!since) return [];
    const waited = chinaDaysSince(since, today);
    if (waited <= rules.reviewWaitDays) return [];
    const noun = item.what === "report" ? "进展报告" : "举措清单";
    const entity = item.what === "report" ? "ProgressReport" : "MeasureList";
    const input: NoticeInput = {
      kind: NOTICE_KINDS.reviewWaiting,
      title: `${noun}待审核已 ${waited} 天：任务 ${item.task.number}（${item.unit.shortName}，${item.label}）`,
      body: `${item.unit.shortName}提交的任务 ${item.task.number}“${item.task.title}”${item.label}${noun}已等待审核 ${waited} 天，请尽快审核。`,
      href: item.reviewStage === "LEAD" ? "/lead-review" : item.what === "report" ? "/review" : "/review/measures",
      dedupeKey: `${NOTICE_KINDS.reviewWaiting}:${entity}:${item.id}:v${item.version}`,
      subject: item.what === "report" ? SUBJECTS.reportReview(item.id) : SUBJECTS.measureListReview(item.id),
    };
    // Two-level tasks wait first for the lead unit's desk, then for 省生态环境厅's reviewers.
    if (item.reviewStage === "LEAD" && item.task.leadUnitId !== null) return [{ to: "unit", unitId: item.task.leadUnitId, input }];
    return [{ to: "reviewers", input }];
  });
}

async function milestoneNotices(today: string, rules: NoticeRules, scope: NoticeScope): Promise<Pending[]> {
  const milestones = await db.milestone.findMany({
    where: {
      status: { in: ["PLANNED", "LATE"] },
      plannedDate: { lte: new Date(`${addDays(today, rules.milestoneDueDays)}T00:00:00Z`) },
      measure: { list: { status: "ACCEPTED", unitId: inScope(scope) } },
    },
    orderBy: [{ plannedDate: "asc" }, { id: "asc" }],
    take: 5000,
    select: {
      id: true,
      title: true,
      plannedDate: true,
      status: true,
      measure: { select: { text: true, list: { select: { unitId: true, task: { select: { number: true } } } } } },
    },
  });
  return milestones.flatMap((milestone) => {
    const plannedDate = formatIsoDate(milestone.plannedDate);
    const light = milestoneLight({ status: milestone.status, plannedDate, verified: false }, today);
    const overdue = light === "OVERDUE";
    if (!overdue && light !== "DUE_SOON") return [];
    const kind = overdue ? NOTICE_KINDS.milestoneOverdue : NOTICE_KINDS.milestoneDue;
    const { list } = milestone.measure;
    return [
      {
        to: "unit" as const,
        unitId: list.unitId,
        input: {
          kind,
          title: overdue
            ? `节点已滞后：任务 ${list.task.number}“${milestone.title}”`
            : `节点即将到期：任务 ${list.task.number}“${milestone.title}”（${plannedDate}）`,
          body: overdue
            ? `举措“${milestone.measure.text}”的节点“${milestone.title}”计划于 ${plannedDate} 完成，至今未完成。请在季度报告中说明完成情况或原因。`
            : `举措“${milestone.measure.text}”的节点“${milestone.title}”计划于 ${plannedDate} 完成，请按期推进。`,
          href: `/measures/${list.task.number}`,
          dedupeKey: `${kind}:${milestone.id}:${plannedDate}`,
          subject: SUBJECTS.milestone(milestone.id),
        },
      },
    ];
  });
}

async function unitReportNotices(today: string, rules: NoticeRules, scope: NoticeScope): Promise<Pending[]> {
  const rounds = await db.unitReportRound.findMany({
    where: { year: { gte: quarterOfDate(today).year - 1 } },
    select: { year: true, deadline: true },
  });
  if (rounds.length === 0) return [];
  const [units, reports] = await Promise.all([
    db.unit.findMany({ where: { id: inScope(scope) }, select: { id: true } }),
    db.unitAnnualReport.findMany({
      where: { year: { in: rounds.map((round) => round.year) }, unitId: inScope(scope), status: { in: ["SUBMITTED", "ACCEPTED"] } },
      select: { unitId: true, year: true },
    }),
  ]);
  const submitted = new Set(reports.map((report) => `${report.unitId}:${report.year}`));
  return rounds.flatMap((round) => {
    const deadline = formatIsoDate(round.deadline);
    const daysLeft = daysBetween(today, deadline);
    const stage = dueStage(daysLeft, rules.dueDays);
    if (daysLeft >= 0 && stage === null) return [];
    return units
      .filter((unit) => !submitted.has(`${unit.id}:${round.year}`))
      .map((unit) => ({
        to: "unit" as const,
        unitId: unit.id,
        input:
          daysLeft < 0
            ? {
                kind: NOTICE_KINDS.unitReportOverdue,
                title: `${round.year}年度工作情况报告已逾期`,
                body: `本单位${round.year}年度工作情况报告的报送截止日期 ${deadline} 已过，至今尚未提交。请尽快报送。`,
                href: `/annual-reports/${round.year}`,
                urgent: true,
                dedupeKey: `${NOTICE_KINDS.unitReportOverdue}:${unit.id}:${round.year}`,
                subject: SUBJECTS.unitReport(unit.id, round.year),
              }
            : {
                kind: NOTICE_KINDS.unitReportDue,
                title: `${round.year}年度工作情况报告${daysLeft === 0 ? "今天截止" : `还有 ${daysLeft} 天截止`}`,
                body: `本单位${round.year}年度工作情况报告尚未提交，报送截止日期为 ${deadline}。`,
                href: `/annual-reports/${round.year}`,
                dedupeKey: `${NOTICE_KINDS.unitReportDue}:${stage}:${unit.id}:${round.year}`,
                subject: SUBJECTS.unitReport(unit.id, round.year),
              },
      }));
  });
}

/** Milestone notices whose milestone was done or dropped since (by a report) no longer expect anything. */
async function settleResolvedMilestones(): Promise<void> {
  await db.$executeRaw`
    UPDATE "Notice" n SET "settledAt" = now()
    FROM "Milestone" m
    WHERE n."settledAt" IS NULL AND n.subject = 'Milestone:' || m.id AND m.status NOT IN ('PLANNED', 'LATE')`;
}

/** The day's automatic notices; returns how many notices were written. Safe to run any number of times. */
export async function runDailyNotices(today: string, scope: NoticeScope = {}): Promise<{ written: number }> {
  const [rules, { windowDays }] = await Promise.all([getNoticeRules(), getWindowSetting()]);
  await settleResolvedMilestones();
  const collecting = reportingQuarter(today, windowDays);
  const waitCutoff = chinaDayStart(addDays(today, -rules.reviewWaitDays));
  const waiting = { status: "SUBMITTED" as const, submittedAt: { lt: waitCutoff }, unitId: inScope(scope) };
  const [owed, reports, lists, milestones, annual] = await Promise.all([
    owedReports([collecting, addQuarters(collecting, -1)], scope),
    db.progressReport.findMany({ where: waiting, take: 5000, select: { ...reviewSelect, year: true, quarter: true } }),
    db.measureList.findMany({ where: waiting, take: 5000, select: { ...reviewSelect, year: true } }),
    milestoneNotices(today, rules, scope),
    unitReportNotices(today, rules, scope),
  ]);
  const pending = [
    ...reportNotices(owed, today, windowDays, rules),
    ...reviewNotices(
      reports.map((report) => ({
        ...report,
        what: "report" as const,
        label: quarterLabel({ year: report.year, quarter: report.quarter as Quarter["quarter"] }),
      })),
      lists.map((list) => ({ ...list, what: "list" as const, label: `${list.year}年` })),
      today,
      rules,
    ),
    ...milestones,
    ...annual,
  ];
  if (pending.length === 0) return { written: 0 };
  const unitIds = [...new Set(pending.flatMap((item) => (item.to === "unit" ? [item.unitId] : [])))];
  const written = await db.$transaction(
    async (tx) => {
      const [staff, reviewers] = await Promise.all([usersOfUnits(tx, unitIds), reviewerAccounts(tx)]);
      return notifyAll(
        tx,
        pending.map((item) => ({ userIds: item.to === "unit" ? (staff.get(item.unitId) ?? []) : reviewers, input: item.input })),
      );
    },
    { timeout: 120_000 },
  );
  return { written: written.length };
}
