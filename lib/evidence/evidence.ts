import "server-only";
import { createHash } from "node:crypto";
import { fileTypeFromBuffer } from "file-type";
import { db } from "@/lib/core/db";
import type { SessionUser } from "@/lib/auth/session";
import { canEditReport, reportReadScope, scopeAllows } from "@/lib/auth/roles";
import { evidenceStore } from "@/lib/evidence/store/blob-store";
import { recordAudit } from "@/lib/audit/audit";
import { UserFacingError } from "@/lib/core/errors";
import { EVIDENCE_MAX_BYTES, EVIDENCE_MAX_FILES } from "./limits";
import { EVIDENCE_EXTENSIONS, evidenceFileName } from "./file-names";

/** Files live outside the database, in the configured store, named by their SHA-256. */
export async function storeBytes(bytes: Buffer): Promise<string> {
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  await evidenceStore().put(sha256, bytes);
  return sha256;
}

/** Reads a stored file and checks it still has the checksum it was stored under. */
export async function readBytes(sha256: string): Promise<Buffer> {
  const bytes = await evidenceStore().get(sha256);
  if (createHash("sha256").update(bytes).digest("hex") !== sha256) {
    throw new Error(`evidence file ${sha256} does not match its checksum`);
  }
  return bytes;
}

async function editableReport(reportId: number, user: SessionUser) {
  const report = await db.progressReport.findUnique({
    where: { id: reportId },
    select: { id: true, unitId: true, status: true, _count: { select: { evidence: { where: { removedAt: null } } } } },
  });
  if (!report) throw new UserFacingError("报告不存在");
  if (!canEditReport(user, report)) throw new UserFacingError("只能为本单位未提交或被退回的报告上传或删除佐证材料");
  return report;
}

export interface StoredFile {
  sha256: string;
  fileName: string;
  mediaType: string;
  size: number;
}

/**
 * Checks an uploaded document the way every 佐证材料 is checked — at most 20 MB, a PDF, JPG/PNG,
 * Word or Excel file judged by its bytes — and stores it; `field` names the form field a refusal
 * belongs to.
 */
export async function storeEvidenceFile(file: File, field = "file"): Promise<StoredFile> {
  if (file.size > EVIDENCE_MAX_BYTES) {
    throw new UserFacingError(`文件过大：${(file.size / 1024 / 1024).toFixed(1)} MB，单个文件不能超过 20 MB`, {
      [field]: ["文件不能超过 20 MB"],
    });
  }
  const bytes = Buffer.from(await file.arrayBuffer());
  const detected = await fileTypeFromBuffer(bytes);
  // 佐证材料 may be PDF, JPG/PNG images, Word (.docx) or Excel (.xlsx), judged by their bytes.
  if (!detected || !(detected.mime in EVIDENCE_EXTENSIONS)) {
    throw new UserFacingError("文件类型不符：只接受 PDF、JPG/PNG 图片、Word（.docx）和 Excel（.xlsx）文件，按文件内容判断，与文件名无关", {
      [field]: ["文件内容不是允许的类型"],
    });
  }
  const sha256 = await storeBytes(bytes);
  return { sha256, fileName: evidenceFileName(file.name, detected.mime), mediaType: detected.mime, size: bytes.length };
}

export async function addEvidence(reportId: number, file: File, user: SessionUser) {
  const report = await editableReport(reportId, user);
  if (report._count.evidence >= EVIDENCE_MAX_FILES) throw new UserFacingError(`每份报告最多 ${EVIDENCE_MAX_FILES} 个佐证材料`);
  const { sha256, fileName, mediaType, size } = await storeEvidenceFile(file);
  await db.$transaction(async (tx) => {
    const stored = await tx.evidenceFile.create({
      data: { reportId, fileName, mediaType, size, sha256, uploadedById: user.id },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "evidence.add",
      entity: "ProgressReport",
      entityId: String(reportId),
      after: { evidenceId: stored.id, fileName, mediaType, size, sha256 },
    });
  });
  return fileName;
}

export async function removeEvidence(fileId: number, user: SessionUser) {
  const file = await db.evidenceFile.findUnique({
    where: { id: fileId },
    select: { id: true, reportId: true, fileName: true, removedAt: true },
  });
  if (!file || file.removedAt) throw new UserFacingError("文件不存在或已删除");
  await editableReport(file.reportId, user);
  await db.$transaction(async (tx) => {
    await tx.evidenceFile.update({ where: { id: fileId }, data: { removedAt: new Date() } });
    await recordAudit(tx, {
      actorId: user.id,
      action: "evidence.remove",
      entity: "ProgressReport",
      entityId: String(file.reportId),
      before: { evidenceId: file.id, fileName: file.fileName },
    });
  });
  return file.fileName;
}

/** The file, if the user may read the report it belongs to; null otherwise (404, nothing revealed). */
export async function evidenceForDownload(fileId: number, user: SessionUser) {
  const file = await db.evidenceFile.findUnique({
    where: { id: fileId },
    select: { fileName: true, mediaType: true, sha256: true, removedAt: true, report: { select: { unitId: true, status: true } } },
  });
  if (!file || file.removedAt || !scopeAllows(reportReadScope(user), file.report)) return null;
  // Named by today's rules, for files uploaded before them too.
  return { fileName: evidenceFileName(file.fileName, file.mediaType), mediaType: file.mediaType, bytes: await readBytes(file.sha256) };
}
