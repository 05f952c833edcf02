/**
 * Reads the cells of chosen sheets of an uploaded .xlsx, streaming each part through saxes and
 * keeping only what the import looks at (each kept row's first columns, the texts they use).
 * Nothing is expanded: a merge, a data validation or a column span over a million cells costs
 * nothing here, where exceljs's loader builds an object per cell (a 6.7 KB file then took more
 * than 40 s and gigabytes). Rows and cells are counted as they come and the read stops at the
 * first bound. Values read as exceljs would give them: shared and inline texts, `_xHHHH_`
 * escapes decoded, numbers as numbers, dates (by their cell's number format) as dates.
 */
import path from "node:path";
import { setImmediate } from "node:timers/promises";
import { SaxesParser } from "saxes";
import { UserFacingError } from "@/lib/core/errors";
import { DAMAGED, NOT_XLSX, notLikeOurTemplate, openXlsxArchive, type XlsxArchive } from "./xlsx-archive";
import { IMPORT_MAX_CELLS, IMPORT_MAX_ROWS } from "./limits";

export interface CellValue {
  text: string;
  /** A formula or an error value: refused by the import, never evaluated. */
  formula: boolean;
}

/** Kept cells by row number, then column number (both from 1, as Excel counts). */
export type SheetCells = Map<number, Map<number, CellValue>>;

export interface ReadOptions {
  /** Which sheets to read, from the names in the workbook's order. */
  sheets: (names: readonly string[]) => string[];
  /** Columns kept per row (1 to this); cells further right are counted, not kept. */
  columns: number;
}

const CHUNK_CHARS = 64 * 1024;
/** Between chunks of this many bytes the parse yields, so other requests are served meanwhile. */
const YIELD_EVERY_BYTES = 1024 * 1024;

const localName = (name: string) => name.slice(name.indexOf(":") + 1);

/** An attribute by its local name (`id` finds `r:id`). */
function attribute(attributes: Record<string, string>, name: string): string | undefined {
  const plain = attributes[name];
  if (plain !== undefined) return plain;
  for (const key in attributes) if (key.endsWith(`:${name}`)) return attributes[key];
  return undefined;
}

interface XmlHandlers {
  open?: (name: string, attributes: Record<string, string>) => void;
  close?: (name: string) => void;
  text?: (text: string) => void;
}

/** Streams one part through saxes (well-formed XML only, no DTD); any flaw reads as a damaged file. */
async function parseXml(bytes: Buffer, handlers: XmlHandlers): Promise<void> {
  const parser = new SaxesParser();
  let failure: unknown = null;
  const fail = (error: unknown) => {
    failure ??= error;
    throw error;
  };
  parser.on("error", () => fail(new UserFacingError(DAMAGED)));
  parser.on("doctype", () => fail(new UserFacingError(DAMAGED)));
  parser.on("opentag", (tag) => handlers.open?.(localName(tag.name), tag.attributes as Record<string, string>));
  parser.on("closetag", (tag) => handlers.close?.(localName(tag.name)));
  if (handlers.text) {
    parser.on("text", handlers.text);
    parser.on("cdata", handlers.text);
  }
  const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? "utf-16le" : bytes[0] === 0xfe && bytes[1] === 0xff ? "utf-16be" : "utf-8";
  const decoder = new TextDecoder(encoding, { fatal: true });
  try {
    let sinceYield = 0;
    for (let offset = 0; offset < bytes.length; offset += CHUNK_CHARS) {
      parser.write(decoder.decode(bytes.subarray(offset, offset + CHUNK_CHARS), { stream: true }));
      sinceYield += CHUNK_CHARS;
      if (sinceYield >= YIELD_EVERY_BYTES) {
        sinceYield = 0;
        await setImmediate();
      }
    }
    parser.write(decoder.decode());
    parser.close();
  } catch (error) {
    const cause = failure ?? error;
    throw cause instanceof UserFacingError ? cause : new UserFacingError(DAMAGED);
  }
}

async function requiredPart(archive: XlsxArchive, name: string): Promise<Buffer> {
  const bytes = await archive.inflate(name);
  if (!bytes) throw new UserFacingError(DAMAGED);
  return bytes;
}

/** Relationship id → part name, for a part's relationships file. */
async function relationships(archive: XlsxArchive, rels: string, base: string) {
  const targets = new Map<string, { target: string; type: string }>();
  const bytes = await archive.inflate(rels);
  if (!bytes) return targets;
  await parseXml(bytes, {
    open(name, attributes) {
      if (name !== "Relationship" || attribute(attributes, "TargetMode") === "External") return;
      const id = attribute(attributes, "Id");
      const target = attribute(attributes, "Target");
      if (!id || !target) return;
      const part = target.startsWith("/") ? target.slice(1) : path.posix.join(base, target);
      targets.set(id, { target: path.posix.normalize(part), type: attribute(attributes, "Type") ?? "" });
    },
  });
  return targets;
}

interface Book {
  sheets: { name: string; part: string }[];
  sharedStringsPart: string | null;
  stylesPart: string | null;
  date1904: boolean;
}

async function readBook(archive: XlsxArchive): Promise<Book> {
  const rels = await relationships(archive, "xl/_rels/workbook.xml.rels", "xl");
  const sheets: Book["sheets"] = [];
  let date1904 = false;
  await parseXml(await requiredPart(archive, "xl/workbook.xml"), {
    open(name, attributes) {
      if (name === "workbookPr") date1904 = ["1", "true"].includes(attribute(attributes, "date1904") ?? "");
      if (name !== "sheet") return;
      const part = rels.get(attribute(attributes, "id") ?? "")?.target;
      if (part) sheets.push({ name: attribute(attributes, "name") ?? "", part });
    },
  });
  const partOf = (kind: string) => [...rels.values()].find((rel) => rel.type.endsWith(`/${kind}`))?.target ?? null;
  return { sheets, sharedStringsPart: partOf("sharedStrings"), stylesPart: partOf("styles"), date1904 };
}

/** Collects the text of `<t>` elements, leaving out phonetic runs (`<rPh>`), as exceljs does. */
function textCollector() {
  let parts: string[] = [];
  let inText = false;
  let phonetic = 0;
  return {
    open: (name: string) => {
      if (name === "rPh") phonetic += 1;
      else if (name === "t" && phonetic === 0) inText = true;
    },
    close: (name: string) => {
      if (name === "rPh") phonetic -= 1;
      else if (name === "t") inText = false;
    },
    text: (text: string) => {
      if (inText) parts.push(text);
    },
    take: (): string => {
      const text = parts.join("").replace(/_x([0-9A-F]{4})_/g, (_, code: string) => String.fromCharCode(parseInt(code, 16)));
      parts = [];
      return text;
    },
  };
}

const tooManyCells = () => notLikeOurTemplate(`表格超过 ${IMPORT_MAX_CELLS.toLocaleString("zh-CN")} 个单元格`);

async function readSharedStrings(archive: XlsxArchive, part: string | null): Promise<string[]> {
  const strings: string[] = [];
  const bytes = part ? await archive.inflate(part) : null;
  if (!bytes) return strings;
  const text = textCollector();
  await parseXml(bytes, {
    open(name) {
      text.open(name);
      if (name === "si" && strings.length >= IMPORT_MAX_CELLS) throw tooManyCells();
    },
    close(name) {
      text.close(name);
      if (name === "si") strings.push(text.take());
    },
    text: text.text,
  });
  return strings;
}

/** Number formats Excel builds in that show dates or times. */
const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

/** exceljs's rule (utils.isDateFmt): date letters outside quotes and brackets. */
const isDateFormat = (code: string) => /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""));

/** For each cell style index, whether it shows numbers as dates. */
async function readDateStyles(archive: XlsxArchive, part: string | null): Promise<boolean[]> {
  const dateStyles: boolean[] = [];
  const bytes = part ? await archive.inflate(part) : null;
  if (!bytes) return dateStyles;
  const customDates = new Set<number>();
  let inCellXfs = false;
  await parseXml(bytes, {
    open(name, attributes) {
      const id = Number(attribute(attributes, "numFmtId") ?? 0);
      if (name === "numFmt" && isDateFormat(attribute(attributes, "formatCode") ?? "")) customDates.add(id);
      else if (name === "cellXfs") inCellXfs = true;
      else if (name === "xf" && inCellXfs) {
        if (dateStyles.length >= IMPORT_MAX_CELLS) throw tooManyCells();
        dateStyles.push(BUILT_IN_DATE_FORMATS.has(id) || customDates.has(id));
      }
    },
    close(name) {
      if (name === "cellXfs") inCellXfs = false;
    },
  });
  return dateStyles;
}

/** "B12" → 2; beyond Excel's last column (XFD), Infinity. */
function columnNumber(reference: string): number {
  const letters = /^\$?([A-Z]{1,3})\$?\d/.exec(reference)?.[1];
  if (!letters) return NaN;
  let number = 0;
  for (const letter of letters) number = number * 26 + letter.charCodeAt(0) - 64;
  return number > 16_384 ? Infinity : number;
}

function excelDate(serial: number, date1904: boolean): string {
  // exceljs's utils.excelToDate, then the date part as the import shows it.
  const date = new Date(Math.round((serial - 25_569 + (date1904 ? 1462 : 0)) * 86_400_000));
  return Number.isNaN(date.getTime()) ? String(serial) : date.toISOString().slice(0, 10);
}

interface SheetContext {
  strings: readonly string[];
  dateStyles: readonly boolean[];
  date1904: boolean;
  columns: number;
  /** Rows and cells seen so far in every sheet read. */
  counted: { rows: number; cells: number };
}

async function readSheet(bytes: Buffer, context: SheetContext): Promise<SheetCells> {
  const rows: SheetCells = new Map();
  const inline = textCollector();
  let rowNumber = 0;
  let column = 0;
  let cell: { type: string; style: number; value: string[]; formula: boolean; inValue: boolean; keep: boolean } | null = null;

  const finish = () => {
    if (!cell?.keep) return;
    const raw = cell.value.join("");
    const inlineText = inline.take();
    let text = "";
    if (cell.formula || cell.type === "e") text = "";
    else if (cell.type === "s") text = context.strings[Number.parseInt(raw, 10)] ?? "";
    else if (cell.type === "inlineStr") text = inlineText;
    else if (cell.type === "str") text = raw;
    else if (cell.type === "b") text = raw === "1" || raw === "true" ? "true" : "false";
    else if (cell.type === "d") text = raw.slice(0, 10);
    else if (raw.trim() !== "") {
      const number = Number.parseFloat(raw);
      text = Number.isNaN(number) ? raw : context.dateStyles[cell.style] ? excelDate(number, context.date1904) : String(number);
    }
    const formula = cell.formula || cell.type === "e";
    if (text === "" && !formula) return;
    let row = rows.get(rowNumber);
    if (!row) rows.set(rowNumber, (row = new Map<number, CellValue>()));
    row.set(column, { text, formula });
  };

  await parseXml(bytes, {
    open(name, attributes) {
      if (name === "row") {
        if (++context.counted.rows > IMPORT_MAX_ROWS) throw notLikeOurTemplate(`表格超过 ${IMPORT_MAX_ROWS.toLocaleString("zh-CN")} 行`);
        const number = Number(attribute(attributes, "r") ?? rowNumber + 1);
        if (!Number.isSafeInteger(number) || number < 1) throw new UserFacingError(DAMAGED);
        rowNumber = number;
        column = 0;
      } else if (name === "c") {
        if (++context.counted.cells > IMPORT_MAX_CELLS) throw tooManyCells();
        const reference = attribute(attributes, "r");
        column = reference === undefined ? column + 1 : columnNumber(reference);
        if (Number.isNaN(column)) throw new UserFacingError(DAMAGED);
        cell = {
          type: attribute(attributes, "t") ?? "n",
          style: Number(attribute(attributes, "s") ?? 0),
          value: [],
          formula: false,
          inValue: false,
          keep: column <= context.columns,
        };
      } else if (cell) {
        if (name === "f") cell.formula = true;
        else if (name === "v") cell.inValue = true;
        inline.open(name);
      }
    },
    close(name) {
      if (name === "c") {
        finish();
        cell = null;
      } else if (cell) {
        if (name === "v") cell.inValue = false;
        inline.close(name);
      }
    },
    text(text) {
      if (!cell?.keep) return;
      if (cell.inValue) cell.value.push(text);
      else inline.text(text);
    },
  });
  return rows;
}

/** The chosen sheets' cells by sheet name; a file that is not an .xlsx, is damaged or exceeds a bound is refused in Chinese. */
export async function readXlsxCells(bytes: Buffer, options: ReadOptions): Promise<Map<string, SheetCells>> {
  const archive = await openXlsxArchive(bytes);
  if (!archive.has("[Content_Types].xml") || !archive.has("xl/workbook.xml")) throw new UserFacingError(NOT_XLSX);
  const book = await readBook(archive);
  const wanted = new Set(options.sheets(book.sheets.map((sheet) => sheet.name)));
  const strings = await readSharedStrings(archive, book.sharedStringsPart);
  const dateStyles = await readDateStyles(archive, book.stylesPart);
  const context: SheetContext = { strings, dateStyles, date1904: book.date1904, columns: options.columns, counted: { rows: 0, cells: 0 } };
  const result = new Map<string, SheetCells>();
  for (const sheet of book.sheets) {
    if (!wanted.has(sheet.name) || result.has(sheet.name)) continue;
    result.set(sheet.name, await readSheet(await requiredPart(archive, sheet.part), context));
  }
  return result;
}
