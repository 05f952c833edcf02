import "server-only";
import { fileTypeFromBuffer } from "file-type";
import { db } from "@/lib/core/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { SessionUser } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit/audit";
import { settleNotices } from "@/lib/notices/notify";
import { SUBJECTS } from "@/lib/notices/notice-rules";
import { StaleWriteError, UserFacingError } from "@/lib/core/errors";
import { staleWriteError, updateVersioned, type StaleWrite } from "@/lib/core/versioned-update";
import { chinaToday } from "@/lib/core/quarters";
import { formatIsoDate } from "@/lib/core/dates";
import { readBytes, storeBytes } from "@/lib/evidence/evidence";
import { evidenceFileName } from "@/lib/evidence/file-names";
import { EVIDENCE_MAX_BYTES, EVIDENCE_MAX_MB } from "@/lib/evidence/limits";
import { unitReportFacts } from "./facts";
import {
  isLate,
  sectionsOf,
  unitReportDrafts,
  UNIT_REPORT_SECTION_KEYS,
  UNIT_REPORT_STATUS_LABELS,
  type UnitReportSections,
  type UnitReportStatus,
} from "./unit-report-text";
import type { UnitReportDeadlineInput, UnitReportFormInput, UnitReportReviewInput, UnitReportUnlockInput } from "./schemas";

/**
 * A unit's annual written report (年度工作情况): each provincial unit and city writes one per year,
 * starting from the system's draft; 省生态环境厅 sets the year's deadline, returns or accepts. Every
 * write is versioned (WHERE version = $v) with a UnitAnnualReportRevision and an AuditLog row in the
 * same transaction. Reads follow the reports' rule: staff their own unit only, the reviewer
 * everything submitted, leaders accepted reports only.
 */

type Tx = Prisma.TransactionClient;
type Reader = { role: SessionUser["role"]; unitId: number | null };

const reportFields = {
  id: true,
  unitId: true,
  year: true,
  status: true,
  sections: true,
  signatory: true,
  signedOn: true,
  sealedFileName: true,
  sealedFileSha256: true,
  sealedFileSize: true,
  version: true,
  updatedAt: true,
  submittedAt: true,
  reviewedAt: true,
  reviewComment: true,
  updatedBy: { select: { displayName: true } },
} satisfies Prisma.UnitAnnualReportSelect;
type ReportRow = Prisma.UnitAnnualReportGetPayload<{ select: typeof reportFields }>;

const unitFields = { id: true, code: true, name: true, shortName: true, kind: true } satisfies Prisma.UnitSelect;
type UnitRow = Prisma.UnitGetPayload<{ select: typeof unitFields }>;

function snapshotOf(
  report: Pick<ReportRow, "status" | "sections" | "signatory" | "signedOn" | "sealedFileName" | "sealedFileSha256" | "reviewComment">,
) {
  return {
    status: report.status,
    sections: report.sections as Prisma.InputJsonValue,
    signatory: report.signatory,
    signedOn: report.signedOn ? formatIsoDate(report.signedOn) : null,
    sealedFileName: report.sealedFileName,
    sealedFileSha256: report.sealedFileSha256,
    reviewComment: report.reviewComment,
  };
}
type Snapshot = ReturnType<typeof snapshotOf>;

async function recordRevision(
  tx: Tx,
  write: {
    reportId: number;
    version: number;
    action: string;
    actorId: number;
    before: Snapshot | null;
    after: Snapshot;
    at: Date;
    reason?: string;
  },
) {
  const snapshot = JSON.parse(JSON.stringify(write.after)) as Prisma.InputJsonObject;
  await tx.unitAnnualReportRevision.create({
    data: {
      reportId: write.reportId,
      version: write.version,
      action: write.action,
      status: write.after.status,
      snapshot,
      actorId: write.actorId,
      at: write.at,
    },
  });
  await recordAudit(tx, {
    actorId: write.actorId,
    action: write.action,
    entity: "UnitAnnualReport",
    entityId: String(write.reportId),
    before: write.before === null ? null : (JSON.parse(JSON.stringify(write.before)) as Prisma.InputJsonObject),
    after: { ...snapshot, version: write.version, ...(write.reason ? { reason: write.reason } : {}) },
  });
}

function staleReport(reportId: number, message: StaleWrite["message"]): StaleWrite {
  return {
    message,
    lastChange: async (tx) => {
      const row = await tx.unitAnnualReport.findUnique({
        where: { id: reportId },
        select: { updatedAt: true, updatedBy: { select: { displayName: true } } },
      });
      return row ? { who: row.updatedBy.displayName, at: row.updatedAt } : null;
    },
  };
}

/** Whether the reader may see this report (status NOT_STARTED: no row, only the unit itself sees its draft page). */
export function canReadUnitReport(reader: Reader, report: { unitId: number; status: UnitReportStatus }): boolean {
  if (reader.role === "STAFF") return reader.unitId === report.unitId;
  if (reader.role === "REVIEWER") return report.status === "SUBMITTED" || report.status === "RETURNED" || report.status === "ACCEPTED";
  if (reader.role === "LEADER") return report.status === "ACCEPTED";
  return false;
}

export function canEditUnitReport(user: Reader, report: { unitId: number; status: UnitReportStatus } | null, unitId: number): boolean {
  if (user.role !== "STAFF" || user.unitId !== unitId) return false;
  return !report || report.status === "NOT_STARTED" || report.status === "DRAFT" || report.status === "RETURNED";
}

/** The year's deadline the reviewer set, or null. */
export async function unitReportRound(year: number) {
  const round = await db.unitReportRound.findUnique({
    where: { year },
    select: { deadline: true, version: true, setAt: true, setBy: { select: { displayName: true } } },
  });
  return round
    ? { deadline: formatIsoDate(round.deadline), version: round.version, setAt: round.setAt, setBy: round.setBy.displayName }
    : null;
}

export interface UnitReportView {
  unit: UnitRow;
  year: number;
  report: (Omit<ReportRow, "signedOn"> & { signedOn: string | null }) | null;
  status: UnitReportStatus;
  drafts: UnitReportSections;
  sections: UnitReportSections;
  signatory: string;
  signedOn: string;
  deadline: string | null;
  late: boolean;
  editable: boolean;
  revisions: { version: number; action: string; status: string; at: Date; actor: string }[];
}

/**
 * A unit's report for the year as its page shows it: the stored one, or the system's draft with
 * the unit's full name as 署名 and today as 成文日期. Null when the reader may not see it.
 */
export async function readUnitReport(reader: Reader, year: number, unitCode: string): Promise<UnitReportView | null> {
  const unit = await db.unit.findUnique({ where: { code: unitCode }, select: unitFields });
  if (!unit) return null;
  const row = await db.unitAnnualReport.findUnique({
    where: { unitId_year: { unitId: unit.id, year } },
    select: {
      ...reportFields,
      revisions: {
        orderBy: { version: "desc" },
        select: { version: true, action: true, status: true, at: true, actor: { select: { displayName: true } } },
      },
    },
  });
  const status: UnitReportStatus = row?.status ?? "NOT_STARTED";
  if (!canReadUnitReport(reader, { unitId: unit.id, status })) return null;
  const [facts, round, firstSubmit] = await Promise.all([
    unitReportFacts(unit, year),
    unitReportRound(year),
    row ? firstSubmittedAt([row.id]) : Promise.resolve(new Map<number, Date>()),
  ]);
  const drafts = unitReportDrafts(facts);
  const deadline = round?.deadline ?? null;
  const report = row ? { ...row, signedOn: row.signedOn ? formatIsoDate(row.signedOn) : null } : null;
  return {
    unit,
    year,
    report,
    status,
    drafts,
    sections: sectionsOf(row?.sections, drafts),
    signatory: row?.signatory ?? unit.name,
    signedOn: report?.signedOn ?? chinaToday(),
    deadline,
    late: isLate(deadline, row ? (firstSubmit.get(row.id) ?? null) : null),
    editable: canEditUnitReport(reader, row ? { unitId: row.unitId, status } : null, unit.id),
    revisions: (row?.revisions ?? []).map((revision) => ({
      version: revision.version,
      action: revision.action,
      status: revision.status,
      at: revision.at,
      actor: revision.actor.displayName,
    })),
  };
}

/** When each report was first submitted (its first submit revision). */
async function firstSubmittedAt(reportIds: number[]): Promise<Map<number, Date>> {
  if (reportIds.length === 0) return new Map();
  const rows = await db.unitAnnualReportRevision.groupBy({
    by: ["reportId"],
    where: { reportId: { in: reportIds }, action: "unitReport.submit" },
    _min: { at: true },
  });
  return new Map(rows.flatMap((row) => (row._min.at ? [[row.reportId, row._min.at] as const] : [])));
}

async function checkedPdf(file: File): Promise<{ bytes: Buffer; fileName: string }> {
  if (file.size > EVIDENCE_MAX_BYTES) {
    throw new UserFacingError(
      `文件过大：${(file.size / 1024 / 1024).toFixed(1)} MB，盖章扫描件不能超过 ${EVIDENCE_MAX_MB} MB。您填写的内容仍在页面上。`,
      {
        sealedFile: [`文件不能超过 ${EVIDENCE_MAX_MB} MB`],
      },
    );
  }
  const bytes = Buffer.from(await file.arrayBuffer());
  const detected = await fileTypeFromBuffer(bytes);
  if (detected?.mime !== "application/pdf") {
    throw new UserFacingError(
      "未保存：盖章扫描件只接受 PDF 文件（按文件内容判断，与文件名无关）。您填写的内容仍在页面上，请重新选择文件。",
      {
        sealedFile: ["文件内容不是 PDF"],
      },
    );
  }
  return { bytes, fileName: evidenceFileName(file.name, "application/pdf") };
}

const saveStale: StaleWrite["message"] = ({ who, when }) =>
  `保存未成功：${who} 已于 ${when} 修改了本单位的年度工作情况报告。您填写的内容仍在页面上，请复制保存后刷新页面核对。`;

/** Staff save (or submit) their own unit's report for the year, optionally with its sealed PDF. */
export async function saveUnitReport(input: UnitReportFormInput, user: SessionUser) {
  if (user.role !== "STAFF" || user.unitId === null)
    throw new UserFacingError("只有绑定单位的填报人可以填写年度工作情况报告", {}, "FORBIDDEN");
  const unitId = user.unitId;
  // Checked and stored before the transaction: the bytes are named by their hash, so a write that then fails leaves only an unreferenced file.
  const sealed = input.sealedFile ? await checkedPdf(input.sealedFile) : null;
  const sha256 = sealed ? await storeBytes(sealed.bytes) : null;
  const sections = Object.fromEntries(UNIT_REPORT_SECTION_KEYS.map((key) => [key, input[key]])) as UnitReportSections;
  try {
    return await db.$transaction(async (tx) => {
      const existing = await tx.unitAnnualReport.findUnique({ where: { unitId_year: { unitId, year: input.year } }, select: reportFields });
      if (existing && existing.version !== input.version) throw await staleWriteError(tx, staleReport(existing.id, saveStale));
      if (!existing && input.version !== 0) throw new StaleWriteError("保存未成功：该报告已不存在，请刷新后重新填写。");
      if (existing && !canEditUnitReport(user, existing, unitId)) {
        throw new UserFacingError(`本单位${input.year}年度工作情况报告${UNIT_REPORT_STATUS_LABELS[existing.status]}，不能修改`);
      }
      const submit = input.intent === "submit";
      const now = new Date();
      const status = submit ? "SUBMITTED" : (existing?.status ?? "DRAFT");
      const fields = {
        status,
        sections,
        signatory: input.signatory,
        signedOn: new Date(`${input.signedOn}T00:00:00Z`),
        ...(sealed ? { sealedFileName: sealed.fileName, sealedFileSha256: sha256, sealedFileSize: sealed.bytes.length } : {}),
        updatedById: user.id,
        updatedAt: now,
        ...(submit ? { submittedAt: now } : {}),
      };
      const version = await updateVersioned(
        tx,
        "unitAnnualReport",
        {
          where: existing ? { id: existing.id } : { unitId, year: input.year },
          version: input.version,
          create: { ...fields, unitId, year: input.year },
        },
        fields,
        staleReport(existing?.id ?? 0, saveStale),
      );
      const written = await tx.unitAnnualReport.findUniqueOrThrow({
        where: { unitId_year: { unitId, year: input.year } },
        select: reportFields,
      });
      const action = submit ? (existing?.status === "RETURNED" ? "unitReport.resubmit" : "unitReport.submit") : "unitReport.save";
      await recordRevision(tx, {
        reportId: written.id,
        version,
        action,
        actorId: user.id,
        before: existing ? snapshotOf(existing) : null,
        after: snapshotOf(written),
        at: now,
      });
      if (submit) await settleNotices(tx, SUBJECTS.unitReport(unitId, input.year));
      return { id: written.id, version, status };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new StaleWriteError("保存未成功：同单位的其他人刚刚创建了这份报告。您填写的内容仍在页面上，请刷新对比后再保存。");
    }
    throw error;
  }
}

async function decide(
  tx: Tx,
  ref: { reportId: number; version: number },
  reviewer: SessionUser,
  decision: { from: "SUBMITTED" | "ACCEPTED"; to: "ACCEPTED" | "RETURNED"; comment: string | null; action: string; reason?: string },
) {
  if (reviewer.role !== "REVIEWER") throw new UserFacingError("只有审核人可以审核年度工作情况报告", {}, "FORBIDDEN");
  const report = await tx.unitAnnualReport.findUnique({
    where: { id: ref.reportId },
    select: { ...reportFields, unit: { select: { shortName: true } } },
  });
  if (!report) throw new UserFacingError("年度工作情况报告不存在", {}, "NOT_FOUND");
  const name = `${report.unit.shortName}${report.year}年度工作情况报告`;
  const stale = staleReport(report.id, ({ who, when }) => `${name}已于 ${when} 被 ${who} 修改，请刷新后再审核。`);
  if (report.version !== ref.version) throw await staleWriteError(tx, stale);
  if (report.status !== decision.from) throw new UserFacingError(`${name}${UNIT_REPORT_STATUS_LABELS[report.status]}，不能执行此操作`);
  const now = new Date();
  const version = await updateVersioned(
    tx,
    "unitAnnualReport",
    { where: { id: report.id, status: decision.from }, version: ref.version },
    {
      status: decision.to,
      reviewComment: decision.comment,
      reviewedById: reviewer.id,
      reviewedAt: now,
      updatedById: reviewer.id,
      updatedAt: now,
    },
    stale,
  );
  const before = snapshotOf(report);
  await recordRevision(tx, {
    reportId: report.id,
    version,
    action: decision.action,
    actorId: reviewer.id,
    before,
    after: { ...before, status: decision.to, reviewComment: decision.comment },
    at: now,
    reason: decision.reason,
  });
  return { name, status: decision.to, year: report.year };
}

/** 省生态环境厅 accepts a submitted report or returns it with a comment the unit sees. */
export async function reviewUnitReport(input: UnitReportReviewInput, reviewer: SessionUser) {
  const accept = input.decision === "accept";
  return db.$transaction((tx) =>
    decide(tx, input, reviewer, {
      from: "SUBMITTED",
      to: accept ? "ACCEPTED" : "RETURNED",
      comment: input.comment || null,
      action: accept ? "unitReport.accept" : "unitReport.return",
    }),
  );
}

/** An accepted report is locked; the reviewer unlocks it with a reason, and it goes back to the unit as returned. */
export async function unlockUnitReport(input: UnitReportUnlockInput, reviewer: SessionUser) {
  return db.$transaction((tx) =>
    decide(tx, input, reviewer, {
      from: "ACCEPTED",
      to: "RETURNED",
      comment: `解锁：${input.reason}`,
      action: "unitReport.unlock",
      reason: input.reason,
    }),
  );
}

/** The reviewer sets (or moves) the year's deadline; versioned like every editable record. */
export async function setUnitReportDeadline(input: UnitReportDeadlineInput, reviewer: SessionUser) {
  if (reviewer.role !== "REVIEWER") throw new UserFacingError("只有审核人可以设置报送截止日期", {}, "FORBIDDEN");
  const deadline = new Date(`${input.deadline}T00:00:00Z`);
  return db.$transaction(async (tx) => {
    const before = await tx.unitReportRound.findUnique({ where: { year: input.year }, select: { deadline: true } });
    const now = new Date();
    const version = await updateVersioned(
      tx,
      "unitReportRound",
      { where: { year: input.year }, version: input.version, create: { year: input.year, deadline, setById: reviewer.id, setAt: now } },
      { deadline, setById: reviewer.id, setAt: now },
      {
        message: ({ who, when }) => `未保存：${who} 已于 ${when} 修改了${input.year}年度报送截止日期，请刷新后再设置。`,
        lastChange: async (reader) => {
          const round = await reader.unitReportRound.findUnique({
            where: { year: input.year },
            select: { setAt: true, setBy: { select: { displayName: true } } },
          });
          return round ? { who: round.setBy.displayName, at: round.setAt } : null;
        },
      },
    );
    await recordAudit(tx, {
      actorId: reviewer.id,
      action: "unitReport.deadline",
      entity: "UnitReportRound",
      entityId: String(input.year),
      before: before ? { deadline: formatIsoDate(before.deadline) } : null,
      after: { deadline: input.deadline, version },
    });
    return version;
  });
}

export interface UnitReportDeskRow {
  unit: { code: string; name: string; shortName: string; kind: "province" | "city" };
  reportId: number | null;
  version: number;
  status: UnitReportStatus;
  submittedAt: Date | null;
  reviewedAt: Date | null;
  reviewComment: string | null;
  late: boolean;
  hasSealedFile: boolean;
}

/** Every provincial unit and city with its report's status for the year, in the plan's order (three queries). */
export async function unitReportDesk(
  year: number,
  now: Date = new Date(),
): Promise<{ deadline: string | null; roundVersion: number; rows: UnitReportDeskRow[] }> {
  const [units, reports, round] = await Promise.all([
    db.unit.findMany({ orderBy: { sortOrder: "asc" }, select: unitFields }),
    db.unitAnnualReport.findMany({
      where: { year },
      select: {
        id: true,
        unitId: true,
        status: true,
        version: true,
        submittedAt: true,
        reviewedAt: true,
        reviewComment: true,
        sealedFileSha256: true,
      },
    }),
    unitReportRound(year),
  ]);
  const first = await firstSubmittedAt(reports.map((report) => report.id));
  const byUnit = new Map(reports.map((report) => [report.unitId, report]));
  const deadline = round?.deadline ?? null;
  return {
    deadline,
    roundVersion: round?.version ?? 0,
    rows: units.map((unit) => {
      const report = byUnit.get(unit.id);
      return {
        unit: { code: unit.code, name: unit.shortName, shortName: unit.shortName, kind: unit.kind === "CITY" ? "city" : "province" },
        reportId: report?.id ?? null,
        version: report?.version ?? 0,
        status: report?.status ?? "NOT_STARTED",
        submittedAt: report?.submittedAt ?? null,
        reviewedAt: report?.reviewedAt ?? null,
        reviewComment: report?.reviewComment ?? null,
        late: isLate(deadline, report ? (first.get(report.id) ?? null) : null, now),
        hasSealedFile: Boolean(report?.sealedFileSha256),
      };
    }),
  };
}

/** Units that have not submitted the year's report (no report, or a draft), for 催办 and the annual report. */
export async function unitsWithoutAnnualReport(year: number) {
  const desk = await unitReportDesk(year);
  return { deadline: desk.deadline, units: desk.rows.filter((row) => row.status === "NOT_STARTED" || row.status === "DRAFT") };
}

/** The accepted reports of the year with their sections, for the provincial annual report. */
export async function acceptedUnitReports(year: number) {
  const rows = await db.unitAnnualReport.findMany({
    where: { year, status: "ACCEPTED" },
    select: { sections: true, reviewedAt: true, unit: { select: { shortName: true, sortOrder: true } } },
    orderBy: { unit: { sortOrder: "asc" } },
  });
  return rows.map((row) => ({ unit: row.unit.shortName, sections: sectionsOf(row.sections, emptySections()), reviewedAt: row.reviewedAt }));
}

const emptySections = (): UnitReportSections => Object.fromEntries(UNIT_REPORT_SECTION_KEYS.map((key) => [key, ""])) as UnitReportSections;

/** The latest year the reviewer opened a round for (set a deadline), or null. */
export async function latestRoundYear(): Promise<number | null> {
  const round = await db.unitReportRound.findFirst({ orderBy: { year: "desc" }, select: { year: true } });
  return round?.year ?? null;
}

/** The own unit's report for 我的待办: due (with the deadline) or returned; null when nothing is asked of the unit. */
export async function unitReportTodo(user: Reader) {
  if (user.role !== "STAFF" || user.unitId === null) return null;
  const year = await latestRoundYear();
  if (year === null) return null;
  const [round, report] = await Promise.all([
    unitReportRound(year),
    db.unitAnnualReport.findUnique({
      where: { unitId_year: { unitId: user.unitId, year } },
      select: { status: true, reviewComment: true },
    }),
  ]);
  if (!round || report?.status === "SUBMITTED" || report?.status === "ACCEPTED") return null;
  const late = isLate(round.deadline, null);
  if (report?.status === "RETURNED")
    return { year, state: "returned" as const, deadline: round.deadline, comment: report.reviewComment, late };
  return { year, state: "due" as const, deadline: round.deadline, comment: null, late };
}

/** The sealed PDF, for those who may read the report; null otherwise (404, nothing revealed). */
export async function sealedFileForDownload(reader: Reader, year: number, unitCode: string) {
  const report = await db.unitAnnualReport.findFirst({
    where: { year, unit: { code: unitCode } },
    select: { unitId: true, status: true, sealedFileName: true, sealedFileSha256: true },
  });
  if (!report?.sealedFileSha256 || !report.sealedFileName || !canReadUnitReport(reader, report)) return null;
  return { fileName: report.sealedFileName, bytes: await readBytes(report.sealedFileSha256) };
}
