/**
 * Evidence on an S3-compatible store, selected by configuration alone (EVIDENCE_STORE=s3): the same
 * upload and download paths as on the file store, against a real S3-protocol server (s3rver on
 * loopback, data in a temporary folder), with the checksum still checked on every read.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import { parse as parseContentDisposition } from "content-disposition";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { addEvidence, evidenceForDownload } from "@/lib/evidence/evidence";
import * as evidenceRoute from "@/app/api/evidence/[id]/route";
import { saveReport } from "@/lib/reports/save-report";
import { findActiveSessionUser, type SessionUser } from "@/lib/auth/accounts";
import { evidenceStore } from "@/lib/evidence/store/blob-store";
import { saveReportSchema } from "@/lib/reports/schemas";
import { seededPrisma } from "../support/database";
import { signInAs, signOut } from "../support/session";

vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: (await import("../support/session")).getFakeServerSession,
}));

const db = seededPrisma();
const BUCKET = "meili-evidence";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const S3_SETTINGS = [
  "EVIDENCE_STORE",
  "EVIDENCE_S3_ENDPOINT",
  "EVIDENCE_S3_BUCKET",
  "EVIDENCE_S3_ACCESS_KEY_ID",
  "EVIDENCE_S3_SECRET_ACCESS_KEY",
];

let server: S3rver;
let endpoint: string;
let client: S3Client;
let staff: SessionUser;

beforeAll(async () => {
  server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory: mkdtempSync(path.join(os.tmpdir(), "meili-s3-")),
    configureBuckets: [{ name: BUCKET }],
  });
  const { port } = await server.run();
  endpoint = `http://127.0.0.1:${port}`;
  Object.assign(process.env, {
    EVIDENCE_STORE: "s3",
    EVIDENCE_S3_ENDPOINT: endpoint,
    EVIDENCE_S3_BUCKET: BUCKET,
    EVIDENCE_S3_ACCESS_KEY_ID: "S3RVER",
    EVIDENCE_S3_SECRET_ACCESS_KEY: "S3RVER",
  });
  client = new S3Client({
    region: "us-east-1",
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
  });
  const row = await db.user.findUniqueOrThrow({ where: { username: "pingxiang" }, select: { id: true } });
  staff = (await findActiveSessionUser(row.id))!;
});

afterAll(async () => {
  for (const name of S3_SETTINGS) delete process.env[name];
  client.destroy();
  await server.close();
  await db.$disconnect();
});

describe("evidence on an S3-compatible store", () => {
  it("stores the upload as an object named by its SHA-256, serves it back, and refuses a changed object", async () => {
    const form = saveReportSchema.parse({
      taskNumber: "22",
      quarter: "2026Q3",
      version: "0",
      intent: "save",
      progressState: "ON_TRACK",
      percent: "30",
      progress: "建设农村污水处理设施。",
    });
    const report = await saveReport(form, staff, "2026-11-25");
    await addEvidence(report.id, new File([PDF], "现场照片说明.pdf"), staff);

    const file = await db.evidenceFile.findFirstOrThrow({ where: { reportId: report.id }, select: { id: true, sha256: true } });
    const listed = await client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    expect(listed.Contents?.map((object) => object.Key)).toContain(`evidence/${file.sha256.slice(0, 2)}/${file.sha256}`);
    expect((await evidenceForDownload(file.id, staff))?.bytes.equals(PDF)).toBe(true);

    // Someone with access to the bucket replaces the object: the download refuses it.
    await client.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: `evidence/${file.sha256.slice(0, 2)}/${file.sha256}`,
        Body: Buffer.from("%PDF-1.4 altered"),
      }),
    );
    await expect(evidenceForDownload(file.id, staff)).rejects.toThrow("does not match its checksum");
  });

  it("checks the upload's integrity on the store, and treats a prefix as a folder", async () => {
    const store = evidenceStore({ ...process.env, EVIDENCE_S3_PREFIX: "archive", EVIDENCE_S3_ENDPOINT: endpoint });
    const bytes = Buffer.from("%PDF-1.4 prefix check");
    const key = "ab".padEnd(64, "0");
    await store.put(key, bytes);
    const listed = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: "archive/" }));
    expect(listed.Contents?.map((object) => object.Key)).toEqual([`archive/ab/${key}`]);
    expect((await store.get(key)).equals(bytes)).toBe(true);
  });

  it("names the setting that is missing or wrong", () => {
    expect(() => evidenceStore({ EVIDENCE_STORE: "s3" })).toThrow("EVIDENCE_S3_BUCKET is required when EVIDENCE_STORE=s3");
    expect(() => evidenceStore({ EVIDENCE_STORE: "s3", EVIDENCE_S3_BUCKET: "b", EVIDENCE_S3_ENDPOINT: "not a url" })).toThrow(
      "EVIDENCE_S3_ENDPOINT must be a URL",
    );
    expect(() => evidenceStore({ EVIDENCE_STORE: "ftp" })).toThrow('EVIDENCE_STORE must be "file" or "s3"');
    // Blank settings count as unset; a prefix is a folder.
    expect(() =>
      evidenceStore({ EVIDENCE_STORE: "s3", EVIDENCE_S3_BUCKET: "b", EVIDENCE_S3_ENDPOINT: "", EVIDENCE_S3_PREFIX: "files" }),
    ).not.toThrow();
  });
});

describe("evidence file names", () => {
  /** RFC 5987's attr-char: what may stand unencoded in filename*. */
  const EXTENDED_VALUE = /filename\*=UTF-8''([A-Za-z0-9!#$&+\-.^_`|~%]+)$/;

  it("are stored and downloaded without bidi controls, ending in the checked type's extension, in an RFC 6266 header", async () => {
    const task = await db.task.findUniqueOrThrow({ where: { number: 22 }, select: { id: true } });
    const report = await db.progressReport.create({
      data: {
        taskId: task.id,
        unitId: staff.unitId!,
        year: 2026,
        quarter: 2,
        progressState: "ON_TRACK",
        percent: 10,
        progress: "文件名测试",
        updatedById: staff.id,
      },
      select: { id: true },
    });
    // Displays as "合同exe.pdf", and is a PDF.
    expect(await addEvidence(report.id, new File([PDF], "合同\u202Efdp.exe"), staff)).toBe("合同fdp.exe.pdf");
    expect(await addEvidence(report.id, new File([PDF], "会议纪要(第1次)'终稿'.PDF"), staff)).toBe("会议纪要(第1次)'终稿'.PDF");
    const files = await db.evidenceFile.findMany({
      where: { reportId: report.id },
      orderBy: { id: "asc" },
      select: { id: true, fileName: true },
    });
    expect(files.map((file) => file.fileName)).toEqual(["合同fdp.exe.pdf", "会议纪要(第1次)'终稿'.PDF"]);
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "evidence.add", entityId: String(report.id) },
      orderBy: { id: "asc" },
      select: { after: true },
    });
    expect(audit.after).toMatchObject({ fileName: "合同fdp.exe.pdf", mediaType: "application/pdf" });

    await signInAs(db, "pingxiang");
    const download = async (id: number) => {
      const response = await evidenceRoute.GET(new Request(`http://localhost:3000/api/evidence/${id}`), {
        params: Promise.resolve({ id: String(id) }),
      });
      expect(response.status).toBe(200);
      const header = response.headers.get("content-disposition")!;
      expect(header).toMatch(EXTENDED_VALUE);
      expect(header).toMatch(/^attachment; filename="[\x20-\x7e]*"; filename\*=/);
      return parseContentDisposition(header).parameters.filename;
    };
    expect(await download(files[0]!.id)).toBe("合同fdp.exe.pdf");
    expect(await download(files[1]!.id)).toBe("会议纪要(第1次)'终稿'.PDF");

    // A name stored before these rules is downloaded under them.
    await db.evidenceFile.update({ where: { id: files[0]!.id }, data: { fileName: "旧\u202Egpj.exe" } });
    expect(await download(files[0]!.id)).toBe("旧gpj.exe.pdf");
    signOut();
    await db.evidenceFile.deleteMany({ where: { reportId: report.id } });
    await db.progressReport.delete({ where: { id: report.id } });
  });
});
