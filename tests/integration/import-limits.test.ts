/**
 * Hostile Excel uploads through the real import functions: zip bombs, zips whose declared sizes
 * lie, too many parts, rows or cells, and ranges that would expand to billions of cells. Each is
 * refused in Chinese (or read without expanding anything), and the process's memory stays within
 * a generous bound while it happens — the files are built here, streamed through deflate, so
 * building them costs the test almost nothing.
 */
import { once } from "node:events";
import zlib from "node:zlib";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findActiveSessionUser, type SessionUser } from "@/lib/auth/accounts";
import { previewProgressImport, progressTemplate } from "@/lib/imports/progress-import";
import { previewObservationImport } from "@/lib/imports/observation-import";
import { IMPORT_MAX_CELLS, IMPORT_MAX_PARTS, IMPORT_MAX_ROWS } from "@/lib/imports/limits";
import { seededPrisma } from "../support/database";

const db = seededPrisma();
const MB = 1024 * 1024;
let staff: SessionUser;
let owner: SessionUser;
/** The parts of a real template of staff's, to build hostile files around. */
let templateParts: { name: string; bytes: Buffer }[];

const user = async (username: string) =>
  (await findActiveSessionUser((await db.user.findUniqueOrThrow({ where: { username }, select: { id: true } })).id))!;

beforeAll(async () => {
  staff = await user("pingxiang");
  owner = await user("lyj");
  const zip = await JSZip.loadAsync(await progressTemplate(staff, { year: 2026, quarter: 3 }, "2026-11-25"));
  templateParts = await Promise.all(
    Object.values(zip.files)
      .filter((file) => !file.dir)
      .map(async (file) => ({ name: file.name, bytes: await file.async("nodebuffer") })),
  );
});

afterAll(async () => {
  await db.$disconnect();
});

// --- A zip writer that tells whatever sizes it is asked to -----------------------------------

interface Deflated {
  data: Buffer;
  crc: number;
  size: number;
}

async function deflate(chunks: Iterable<Buffer>): Promise<Deflated> {
  const out: Buffer[] = [];
  let crc = 0;
  let size = 0;
  const stream = zlib.createDeflateRaw({ level: 9 });
  stream.on("data", (piece: Buffer) => out.push(piece));
  const ended = once(stream, "end");
  for (const chunk of chunks) {
    crc = zlib.crc32(chunk, crc);
    size += chunk.length;
    if (!stream.write(chunk)) await once(stream, "drain");
  }
  stream.end();
  await ended;
  return { data: Buffer.concat(out), crc, size };
}

interface Part {
  name: string;
  content: Deflated;
  /** What the zip's headers claim the inflated size is. */
  declaredSize?: number;
}

function zip(parts: Part[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name: partName, content, declaredSize } of parts) {
    const name = Buffer.from(partName);
    const header = (signature: number, length: number, at: number) => {
      const buffer = Buffer.alloc(length);
      buffer.writeUInt32LE(signature, 0);
      buffer.writeUInt16LE(20, at); // version needed
      buffer.writeUInt16LE(0x0800, at + 2); // UTF-8 names
      buffer.writeUInt16LE(8, at + 4); // deflate
      buffer.writeUInt32LE(content.crc >>> 0, at + 10);
      buffer.writeUInt32LE(content.data.length, at + 14);
      buffer.writeUInt32LE(declaredSize ?? content.size, at + 18);
      buffer.writeUInt16LE(name.length, at + 22);
      return buffer;
    };
    const local = header(0x04034b50, 30, 4);
    const central = header(0x02014b50, 46, 6);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, content.data);
    centrals.push(central, name);
    offset += local.length + name.length + content.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const SHEET = "xl/worksheets/sheet1.xml";
const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';

/** A real template of ours with a part replaced (its data sheet, usually) and any parts added. */
async function templateWith(replaced: Part, extra: Part[] = []): Promise<Buffer> {
  const parts = await Promise.all(
    templateParts
      .filter((part) => part.name !== replaced.name)
      .map(async (part) => ({ name: part.name, content: await deflate([part.bytes]) })),
  );
  return zip([...parts, replaced, ...extra]);
}

/** `megabytes` MB of one cell repeated, in one row: deflates several hundred to one. */
function* repeatedCells(megabytes: number): Iterable<Buffer> {
  yield Buffer.from(`${SHEET_HEAD}<sheetData><row r="4">`);
  const chunk = Buffer.from('<c r="A4"><v>1</v></c>'.repeat(1 << 15));
  for (let written = 0; written < megabytes * MB; written += chunk.length) yield chunk;
  yield Buffer.from("</row></sheetData></worksheet>");
}

function* sheetOf(rows: Iterable<string>, after = ""): Iterable<Buffer> {
  yield Buffer.from(`${SHEET_HEAD}<sheetData>`);
  let batch = "";
  for (const row of rows) {
    batch += row;
    if (batch.length > 1 << 16) {
      yield Buffer.from(batch);
      batch = "";
    }
  }
  yield Buffer.from(`${batch}</sheetData>${after}</worksheet>`);
}

function* numbered(count: number, row: (number: number) => string): Iterable<string> {
  for (let number = 4; number < 4 + count; number += 1) yield row(number);
}

const upload = (bytes: Buffer) => new File([new Uint8Array(bytes)], "进展.xlsx");

/** The work's result and how far the process's resident memory rose above where it started. */
async function memoryGrowth<T>(work: () => Promise<T>): Promise<{ result: T; growthMB: number }> {
  const before = process.memoryUsage().rss;
  const highWaterBefore = process.resourceUsage().maxRSS * 1024;
  let peak = before;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  try {
    const result = await work();
    // A spike between samples still shows in the process's high-water mark.
    const highWater = process.resourceUsage().maxRSS * 1024;
    peak = Math.max(peak, process.memoryUsage().rss, highWater > highWaterBefore ? highWater : 0);
    return { result, growthMB: (peak - before) / MB };
  } finally {
    clearInterval(sample);
  }
}

/** Far below what the old reader used (400 MB for one 119 KB file, 4 GB for four 404 KB ones). */
const MEMORY_BOUND_MB = 150;

const NOT_OURS = "，不像是本系统的模板，请检查后重新上传";

describe("Excel uploads are bounded before they are inflated", () => {
  let bomb: Buffer;
  let bombSheet: Deflated;

  beforeAll(async () => {
    bombSheet = await deflate(repeatedCells(300));
    bomb = await templateWith({ name: SHEET, content: bombSheet });
  });

  it("refuses a few hundred KB that would inflate to 300 MB, without inflating it", async () => {
    expect(bomb.length).toBeGreaterThan(100 * 1024);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(bombSheet.size).toBeGreaterThan(300 * MB);
    const { result, growthMB } = await memoryGrowth(() => previewProgressImport(upload(bomb), staff, "2026-11-25"));
    expect(result).toEqual({ batchId: null, fileError: `文件解压后超过 16 MB${NOT_OURS}`, rows: [] });
    expect(growthMB).toBeLessThan(MEMORY_BOUND_MB);
  });

  it("refuses the same in the indicator import", async () => {
    const preview = await previewObservationImport(upload(bomb), owner);
    expect(preview.fileError).toBe(`文件解压后超过 16 MB${NOT_OURS}`);
  });

  it("catches a zip that declares 1 KB for a part that inflates to 300 MB, inflating no more than it declared", async () => {
    const liar = await templateWith({ name: SHEET, content: bombSheet, declaredSize: 1024 });
    const { result, growthMB } = await memoryGrowth(() => previewProgressImport(upload(liar), staff, "2026-11-25"));
    expect(result.fileError).toBe("文件解压后的实际大小与文件中声明的不符，文件已损坏或被改动过，请重新下载模板后填写");
    expect(growthMB).toBeLessThan(MEMORY_BOUND_MB);
  });

  it("four bombs uploaded at once are all refused, and memory stays bounded", async () => {
    const { result, growthMB } = await memoryGrowth(() =>
      Promise.all([1, 2, 3, 4].map(() => previewProgressImport(upload(bomb), staff, "2026-11-25"))),
    );
    for (const preview of result) expect(preview.fileError).toBe(`文件解压后超过 16 MB${NOT_OURS}`);
    expect(growthMB).toBeLessThan(MEMORY_BOUND_MB);
  });

  it("refuses a zip of more parts than any template has", async () => {
    const tiny = await deflate([Buffer.from("x")]);
    const extra = Array.from({ length: IMPORT_MAX_PARTS }, (_, index) => ({ name: `xl/media/image${index}.png`, content: tiny }));
    const file = await templateWith({ name: SHEET, content: await deflate(sheetOf([])) }, extra);
    const preview = await previewProgressImport(upload(file), staff, "2026-11-25");
    expect(preview.fileError).toBe(`文件包含的部件超过 ${IMPORT_MAX_PARTS} 个${NOT_OURS}`);
  });

  it("refuses a sheet of more rows than any template has", async () => {
    const sheet = await deflate(sheetOf(numbered(IMPORT_MAX_ROWS + 1, (number) => `<row r="${number}"/>`)));
    const preview = await previewProgressImport(upload(await templateWith({ name: SHEET, content: sheet })), staff, "2026-11-25");
    expect(preview.fileError).toBe(`表格超过 10,000 行${NOT_OURS}`);
  });

  it("refuses a sheet of more cells than any template has, even in few rows", async () => {
    const cellsPerRow = 1_000;
    const rows = Math.ceil((IMPORT_MAX_CELLS + 1) / cellsPerRow);
    const sheet = await deflate(sheetOf(numbered(rows, (number) => `<row r="${number}">${"<c><v>1</v></c>".repeat(cellsPerRow)}</row>`)));
    const preview = await previewProgressImport(upload(await templateWith({ name: SHEET, content: sheet })), staff, "2026-11-25");
    expect(preview.fileError).toBe(`表格超过 100,000 个单元格${NOT_OURS}`);
  });

  it("reads a few KB whose merges, validations and column spans cover billions of cells without expanding them", async () => {
    const ranges =
      '<mergeCells count="1"><mergeCell ref="A4:XFD1048576"/></mergeCells>' +
      '<dataValidations count="1"><dataValidation type="whole" sqref="A4:XFD1048576"><formula1>0</formula1></dataValidation></dataValidations>';
    const sheet = await deflate([
      Buffer.from(`${SHEET_HEAD}<cols><col min="1" max="300000000" width="9"/></cols><sheetData/>${ranges}</worksheet>`),
    ]);
    const file = await templateWith({ name: SHEET, content: sheet });
    expect(file.length).toBeLessThan(16 * 1024);
    const { result, growthMB } = await memoryGrowth(() => previewProgressImport(upload(file), staff, "2026-11-25"));
    // It gets as far as the header check: the sheet has none.
    expect(result.fileError).toBe("模板已被修改：第 1 列表头应为“任务序号”，实际为“空”。请勿增删或移动列");
    expect(growthMB).toBeLessThan(MEMORY_BOUND_MB);
  });

  it("reads a file at every bound within the memory budget", async () => {
    const text = "美丽江西建设推进重点任务进展情况说明文字示例内容长度三十个汉字左右";
    const columns = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"];
    // Just under both bounds, leaving room for the hidden sheet's few rows.
    const rowsAtBound = Math.min(IMPORT_MAX_ROWS, IMPORT_MAX_CELLS / columns.length) - 10;
    const sheet = await deflate(
      sheetOf(
        numbered(
          rowsAtBound,
          (number) =>
            `<row r="${number}">${columns.map((column) => `<c r="${column}${number}" t="inlineStr"><is><t>${text}${number}</t></is></c>`).join("")}</row>`,
        ),
      ),
    );
    expect(sheet.size).toBeGreaterThan(12 * MB);
    const file = await templateWith({ name: SHEET, content: sheet });
    const { result, growthMB } = await memoryGrowth(() => previewProgressImport(upload(file), staff, "2026-11-25"));
    expect(result.fileError).toBe("模板已被修改：第 1 列表头应为“任务序号”，实际为“空”。请勿增删或移动列");
    expect(growthMB).toBeLessThan(MEMORY_BOUND_MB);
  });

  it("still tells a file that is not a zip from a damaged one", async () => {
    expect((await previewProgressImport(upload(Buffer.from("不是表格")), staff, "2026-11-25")).fileError).toBe(
      "不是 Excel 文件（.xlsx）：请上传从本系统下载的模板",
    );
    const cutShort = await templateWith({ name: "xl/workbook.xml", content: await deflate([Buffer.from("<workbook><sheets>")]) });
    expect((await previewProgressImport(upload(cutShort), staff, "2026-11-25")).fileError).toBe("无法读取该 Excel 文件，文件可能已损坏");
  });
});
