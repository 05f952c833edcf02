import "server-only";
import { db } from "@/lib/core/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { SessionUser } from "@/lib/auth/session";
import {
  cleanText,
  DEFAULT_ISSUER,
  defaultNarrative,
  distill,
  excerpt,
  rankCities,
  readableQuarters,
  taskDraft,
  type RankedCity,
  type Narrative,
  type SignOff,
  type UnitText,
} from "@/lib/annual/annual-text";
import { storedNarrativeSchema, type StoredNarrative } from "@/lib/annual/schemas";
import { VERDICT_LABELS, type Verdict } from "@/lib/indicators/assessment";
import { STATUS_LABELS, type TaskStatus } from "@/lib/status/status-rules";
import { chinaToday, quarterLabel, windowCloseDate, type Quarter } from "@/lib/core/quarters";
import { quarterOfRow } from "@/lib/reports/report-record";
import { recordAudit } from "@/lib/audit/audit";
import { countByStatus, taskStatuses } from "@/lib/dashboard/dashboard";
import { lastAudited, updateVersioned } from "@/lib/core/versioned-update";
import { assessAllIndicators, indicatorSummary } from "@/lib/indicators/observations";
import { formatChinaTime, formatChineseDate } from "@/lib/core/dates";
import { UserFacingError } from "@/lib/core/errors";
import { getWindowSetting } from "@/lib/admin/settings";
import { acceptedUnitReports, unitsWithoutAnnualReport } from "@/lib/unit-reports/unit-reports";

export interface AnnualTask {
  number: number;
  title: string;
  status: TaskStatus;
  statusLabel: string;
  unitsTotal: number;
  unitsReported: number;
  averagePercent: number;
  progress: UnitText[];
  /** The system's draft of the task's paragraph(s), from accepted reports only. */
  draft: string;
  /** What the report says: the reviewer's saved text, or the draft when none was saved. */
  text: string;
  /** Whether `text` is the reviewer's (saved) rather than the system's draft. */
  edited: boolean;
}

export interface AnnualReportData {
  year: number;
  asOf: string;
  narrative: Narrative;
  /** 发文机关署名 and 成文日期 (the reviewer's, or 江西省生态环境厅 and today). */
  signOff: SignOff & { dateText: string };
  narrativeVersion: number;
  narrativeEditedBy: string | null;
  figures: ReturnType<typeof countByStatus>;
  reports: { owed: number; submitted: number; accepted: number };
  indicators: {
    code: string;
    name: string;
    unit: string;
    latest: string;
    targets: string;
    verdict: Verdict;
    verdictLabel: string;
    demo: boolean;
  }[];
  /** The 11 cities by average completion over their tasks (accepted reports only); ties share a rank. */
  cities: RankedCity[];
  sections: { number: number; title: string; tasks: AnnualTask[]; problems: UnitText[]; nextSteps: UnitText[] }[];
  late: { unit: string; quarter: string; missing: number }[];
  reminders: { unit: string; quarter: string; level: string; message: string; at: string }[];
  /** The units' own annual reports (年度工作情况): the accepted ones, condensed, and the units that have not submitted. */
  unitReports: { accepted: UnitText[]; notSubmitted: string[]; deadline: string | null };
}

interface LatestReport {
  taskId: number;
  unitId: number;
  shortName: string;
  sortOrder: number;
  percent: number;
  progress: string;
  problems: string;
  nextSteps: string;
}

/**
 * Each unit's last report of the year accepted on each task (one row per task × unit at most), in
 * the plan's unit order. Only ACCEPTED reports: a draft, a submitted or a returned report — test
 * text included — never reaches a sentence of the annual report.
 */
async function latestAcceptedOfYear(year: number): Promise<LatestReport[]> {
  return db.$queryRaw<LatestReport[]>(Prisma.sql`
    SELECT * FROM (
      SELECT DISTINCT ON (r."taskId", r."unitId") r."taskId", r."unitId", u."shortName", u."sortOrder",
        r.percent, r.progress, r.problems, r."nextSteps"
      FROM "ProgressReport" r JOIN "Unit" u ON u.id = r."unitId"
      WHERE r.year = ${year} AND r.status = 'ACCEPTED'
      ORDER BY r."taskId", r."unitId", r.quarter DESC
    ) latest
    ORDER BY "taskId", "sortOrder"
  `);
}

/** The stored narrative in its current shape; a row that does not parse is ignored (the drafts apply) and logged. */
function readStored(year: number, value: unknown): StoredNarrative | null {
  if (value === undefined || value === null) return null;
  const parsed = storedNarrativeSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  console.error(`annual report ${year}: stored narrative does not parse`, parsed.error.issues);
  return null;
}

/**
 * The reports owed for `quarters` of `year`, one row per task × unit × quarter ("taskId", "unitId",
 * quarter, closes, "onTime"), to select from: an assignment owes a report for each quarter its task
 * spans (meili_owes_report), on time when submitted by the end of the day the quarter's window
 * closes, China time. The annual report's late list and 成效考核's on-time item count by this one rule.
 */
export function owedReportsSql(year: number, quarters: readonly Quarter["quarter"][], windowDays: number): Prisma.Sql {
  const closes = quarters.map(
    (quarter) => Prisma.sql`(${quarter}::int, ${new Date(`${windowCloseDate({ year, quarter }, windowDays)}T23:59:59+08:00`)}::timestamp)`,
  );
  return Prisma.sql`
    SELECT tu."taskId", tu."unitId", q.quarter, q.closes,
      EXISTS (
        SELECT 1 FROM "ProgressReport" r
        WHERE r."taskId" = tu."taskId" AND r."unitId" = tu."unitId" AND r.year = ${year} AND r.quarter = q.quarter
          AND r."submittedAt" IS NOT NULL AND r."submittedAt" <= q.closes
      ) AS "onTime"
    FROM "TaskUnit" tu
    JOIN "Task" t ON t.id = tu."taskId"
    JOIN (VALUES ${Prisma.join(closes)}) AS q(quarter, closes) ON meili_owes_report(t."deadlineDate", ${year}, q.quarter)`;
}

/** Per unit and quarter of the year: reports owed that were not submitted by the window's close. */
async function lateReports(year: number, windowDays: number) {
  const rows = await db.$queryRaw<{ shortName: string; quarter: number; missing: bigint }[]>(Prisma.sql`
    SELECT u."shortName", o.quarter, count(*) AS missing
    FROM (${owedReportsSql(year, [1, 2, 3, 4], windowDays)}) o
    JOIN "Unit" u ON u.id = o."unitId"
    WHERE NOT o."onTime" AND o.closes <= now()
    GROUP BY u."shortName", u."sortOrder", o.quarter
    ORDER BY o.quarter, u."sortOrder"
  `);
  return rows.map((row) => ({
    unit: row.shortName,
    quarter: quarterLabel(quarterOfRow({ year, quarter: row.quarter })),
    missing: Number(row.missing),
  }));
}

/** Everything the annual report says, compiled from accepted data only. */
export async function compileAnnualReport(year: number): Promise<AnnualReportData> {
  const { windowDays } = await getWindowSetting();
  const { moment, tasks } = await taskStatuses(`${year}Q4`);
  const [acceptedUnits, missingUnits] = await Promise.all([acceptedUnitReports(year), unitsWithoutAnnualReport(year)]);
  const [indicators, latest, late, reminders, sections, assignments, stored, reportCounts, cities] = await Promise.all([
    assessAllIndicators(year, moment.asOf),
    latestAcceptedOfYear(year),
    lateReports(year, windowDays),
    db.reminder.findMany({
      where: { year },
      orderBy: { createdAt: "asc" },
      select: { level: true, message: true, quarter: true, year: true, createdAt: true, unit: { select: { shortName: true } } },
    }),
    db.section.findMany({ orderBy: { number: "asc" }, select: { number: true, title: true } }),
    db.taskUnit.groupBy({ by: ["taskId"], _count: { unitId: true } }),
    db.annualReport.findUnique({
      where: { year },
      select: { narrative: true, version: true, updatedBy: { select: { displayName: true } } },
    }),
    db.$queryRaw<{ owed: bigint; submitted: bigint; accepted: bigint }[]>(Prisma.sql`
      SELECT
        (SELECT count(*) FROM "TaskUnit" tu JOIN "Task" t ON t.id = tu."taskId"
           CROSS JOIN generate_series(1, 4) AS q(quarter)
           WHERE meili_owes_report(t."deadlineDate", ${year}, q.quarter)
        ) AS owed,
        (SELECT count(*) FILTER (WHERE r."submittedAt" IS NOT NULL) FROM "ProgressReport" r JOIN "Task" t ON t.id = r."taskId"
           WHERE r.year = ${year} AND meili_owes_report(t."deadlineDate", r.year, r.quarter)
        ) AS submitted,
        (SELECT count(*) FILTER (WHERE r.status = 'ACCEPTED') FROM "ProgressReport" r JOIN "Task" t ON t.id = r."taskId"
           WHERE r.year = ${year} AND meili_owes_report(t."deadlineDate", r.year, r.quarter)
        ) AS accepted
    `),
    db.unit.findMany({
      where: { kind: "CITY" },
      orderBy: { sortOrder: "asc" },
      select: { id: true, shortName: true, _count: { select: { assignments: true } } },
    }),
  ]);
  const unitsOfTask = new Map(assignments.map((row) => [row.taskId, row._count.unitId]));
  const reportsOfTask = new Map<number, LatestReport[]>();
  for (const report of latest) reportsOfTask.set(report.taskId, [...(reportsOfTask.get(report.taskId) ?? []), report]);
  const counts = reportCounts[0]!;
  const reports = { owed: Number(counts.owed), submitted: Number(counts.submitted), accepted: Number(counts.accepted) };
  const figures = countByStatus(tasks);
  const onCourse = indicators.filter((item) => item.assessment.verdict === "ON_COURSE" || item.assessment.verdict === "ACHIEVED").length;
  const atRisk = indicators.filter((item) => ["AT_RISK", "OFF_COURSE", "MISSED"].includes(item.assessment.verdict)).length;
  const saved = readStored(year, stored?.narrative);
  const narrative: Narrative =
    saved ??
    defaultNarrative({
      year,
      asOf: moment.today,
      taskCounts: figures,
      reports,
      indicators: indicators.length,
      indicatorsOnCourse: onCourse,
      indicatorsAtRisk: atRisk,
      indicatorsStale: indicators.filter((item) => item.assessment.verdict === "STALE").length,
      indicatorsNoData: indicators.filter((item) => item.assessment.verdict === "NO_DATA").length,
    });
  const signOff = saved?.signOff ?? { issuer: DEFAULT_ISSUER, date: chinaToday() };

  return {
    year,
    asOf: moment.today,
    narrative: {
      intro: readableQuarters(narrative.intro),
      problems: readableQuarters(narrative.problems),
      nextSteps: readableQuarters(narrative.nextSteps),
    },
    signOff: { ...signOff, dateText: formatChineseDate(signOff.date) },
    narrativeVersion: stored?.version ?? 0,
    narrativeEditedBy: stored?.updatedBy.displayName ?? null,
    figures,
    reports,
    indicators: indicators.map((item) => ({ ...indicatorSummary(item), verdictLabel: VERDICT_LABELS[item.assessment.verdict] })),
    sections: sections.map((section) => {
      const own = tasks.filter((task) => task.section === section.number).sort((a, b) => a.number - b.number);
      const sectionReports = own.flatMap((task) => reportsOfTask.get(task.taskId) ?? []);
      return {
        number: section.number,
        title: section.title,
        tasks: own.map((task) => {
          const taskReports = reportsOfTask.get(task.taskId) ?? [];
          const facts = {
            unitsTotal: unitsOfTask.get(task.taskId) ?? 0,
            unitsReported: taskReports.length,
            averagePercent: taskReports.length
              ? Math.round(taskReports.reduce((sum, report) => sum + report.percent, 0) / taskReports.length)
              : 0,
            progress: taskReports.map((report) => ({ unit: report.shortName, text: excerpt(report.progress) })).filter((item) => item.text),
          };
          const draft = taskDraft(facts);
          const typed = saved?.tasks?.[String(task.number)];
          return {
            number: task.number,
            title: task.title,
            status: task.status,
            statusLabel: STATUS_LABELS[task.status],
            ...facts,
            draft,
            text: typed === undefined ? draft : readableQuarters(typed),
            edited: typed !== undefined,
          };
        }),
        problems: distill(sectionReports.map((report) => ({ unit: report.shortName, text: report.problems }))),
        nextSteps: distill(sectionReports.map((report) => ({ unit: report.shortName, text: report.nextSteps }))),
      };
    }),
    cities: rankCities(
      cities.map((city) => {
        const own = latest.filter((report) => report.unitId === city.id);
        return {
          unit: city.shortName,
          assigned: city._count.assignments,
          reported: own.length,
          percentSum: own.reduce((sum, report) => sum + report.percent, 0),
        };
      }),
    ),
    late,
    reminders: reminders.map((reminder) => ({
      unit: reminder.unit.shortName,
      quarter: quarterLabel(quarterOfRow({ year: reminder.year, quarter: reminder.quarter })),
      level: reminder.level === "CIRCULATE" ? "通报" : "催办",
      message: cleanText(reminder.message),
      at: formatChinaTime(reminder.createdAt),
    })),
    unitReports: {
      accepted: acceptedUnits.map((report) => ({ unit: report.unit, text: excerpt(report.sections.overview, 160) })),
      notSubmitted: missingUnits.units.map((row) => row.unit.name),
      deadline: missingUnits.deadline ? formatChineseDate(missingUnits.deadline) : null,
    },
  };
}

/** What one save of the reviewer changes; parts left out keep their stored value. */
export interface NarrativeEdit extends Narrative {
  signOff?: SignOff;
  /** Section 三 by task number: the reviewer's paragraph(s) for each task. */
  tasks?: Record<string, string>;
}

/**
 * Saves the reviewer's narrative, sign-off and task paragraphs as a new version (one revision and
 * one audit row); refuses an edit based on an older version, naming who saved in between.
 */
export async function saveNarrative(year: number, edit: NarrativeEdit, version: number, user: SessionUser): Promise<number> {
  const taskNumbers = Object.keys(edit.tasks ?? {}).map(Number);
  if (taskNumbers.length > 0) {
    const known = await db.task.count({ where: { number: { in: taskNumbers } } });
    if (known !== new Set(taskNumbers).size) throw new UserFacingError("提交的任务编号无效，请刷新页面后重试。");
  }
  return db.$transaction(async (tx) => {
    const current = await tx.annualReport.findUnique({ where: { year }, select: { narrative: true } });
    const before = readStored(year, current?.narrative);
    const next: StoredNarrative = {
      intro: edit.intro,
      problems: edit.problems,
      nextSteps: edit.nextSteps,
      signOff: edit.signOff ?? before?.signOff,
      tasks: edit.tasks || before?.tasks ? { ...before?.tasks, ...edit.tasks } : undefined,
    };
    const stored = JSON.parse(JSON.stringify(next)) as Prisma.InputJsonObject;
    const written = await updateVersioned(
      tx,
      "annualReport",
      { where: { year }, version, create: { year, narrative: stored, updatedById: user.id } },
      { narrative: stored, updatedById: user.id, updatedAt: new Date() },
      {
        lastChange: lastAudited("AnnualReport", String(year)),
        message: ({ who, when }) => `保存未成功：${who} 已于 ${when} 修改了该报告，您填写的内容仍在页面上，请核对后再保存。`,
      },
    );
    await tx.annualReportRevision.create({ data: { year, version: written, narrative: stored, actorId: user.id } });
    await recordAudit(tx, {
      actorId: user.id,
      action: "annualReport.edit",
      entity: "AnnualReport",
      entityId: String(year),
      before: current?.narrative ?? null,
      after: stored,
    });
    return written;
  });
}

export async function listNarrativeRevisions(year: number) {
  return db.annualReportRevision.findMany({
    where: { year },
    orderBy: { version: "desc" },
    select: { version: true, at: true, actor: { select: { displayName: true } } },
  });
}
