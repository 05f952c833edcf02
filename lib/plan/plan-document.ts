/**
 * Reads the annex (附件：重点任务清单) of 赣发〔2024〕8号 from the text extracted from its PDF.
 *
 * The extraction damaged the table in known ways, each repaired here rather than in the data:
 * stray spaces inside names and words, HTML paragraph tags around some cells, a row split in two
 * (its first half carries no number), a section title with a traditional character, one unit
 * written without its 省 prefix, and the cities clause on task 1 that applies to every task.
 * Anything else unexpected (an unknown unit, a missing or repeated task number) is an error that
 * names the task, so a changed document cannot be seeded wrongly without anyone noticing.
 */

export interface ParsedSection {
  number: number;
  title: string;
}

export interface ParsedTask {
  number: number;
  sectionNumber: number;
  title: string;
  content: string;
  deadlineText: string;
  /** ISO date, the last day of the deadline year. */
  deadlineDate: string;
  /** Provincial units in the document's order. */
  unitShortNames: string[];
}

export interface ParsedPlan {
  sections: ParsedSection[];
  tasks: ParsedTask[];
  /** True when the annex says every task is also carried out by each 设区市. */
  citiesCarryEveryTask: boolean;
}

export const ANNEX_HEADING = "附件：重点任务清单";
export const EXPECTED_SECTION_COUNT = 5;
export const EXPECTED_TASK_COUNT = 60;

const CITIES_NOTE = "以下均需各设区市委、市人民政府落实";
const CITIES_CLAUSE = /[，,、]?各设区市委、市人民政府(（[^）]*）|\([^)]*\))?/g;
const CHINESE_NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
/** Traditional forms the extraction let through, mapped to the simplified form the document uses. */
const VARIANT_CHARACTERS: Record<string, string> = { 進: "进" };
const UNIT_SEPARATORS = /[、，,；;]/;

/**
 * Removes every whitespace character (full-width included) except a single space between two
 * ASCII letters or digits, where it separates words ("EOD 模式" → "EOD模式", "A B" stays).
 */
export function normalizeWhitespace(text: string): string {
  return text.replace(/\s+/g, (match, offset: number, whole: string) => {
    const before = whole[offset - 1] ?? "";
    const after = whole[offset + match.length] ?? "";
    return /[A-Za-z0-9]/.test(before) && /[A-Za-z0-9]/.test(after) ? " " : "";
  });
}

function cleanCell(text: string): string {
  const withoutTags = text.replace(/<\/?[a-z][^>]*>/gi, "");
  const simplified = [...withoutTags].map((char) => VARIANT_CHARACTERS[char] ?? char).join("");
  return normalizeWhitespace(simplified);
}

/** "2027年底前" → { text: "2027年底前", date: "2027-12-31" }. */
export function parseDeadline(text: string): { text: string; date: string } {
  const cleaned = cleanCell(text);
  const match = /(\d{4})年/.exec(cleaned);
  if (!match) throw new Error(`Deadline "${text}" names no year`);
  return { text: cleaned, date: `${match[1]}-12-31` };
}

function sectionNumberOf(numeral: string): number {
  const index = CHINESE_NUMERALS.indexOf(numeral);
  if (index < 0) throw new Error(`Unknown section numeral "${numeral}"`);
  return index + 1;
}

function resolveUnits(cell: string, knownUnits: ReadonlySet<string>, taskNumber: number): string[] {
  const withoutCities = cleanCell(cell).replace(CITIES_CLAUSE, "");
  const names: string[] = [];
  for (const raw of withoutCities.split(UNIT_SEPARATORS)) {
    if (!raw) continue;
    const name = knownUnits.has(raw) ? raw : knownUnits.has(`省${raw}`) ? `省${raw}` : undefined;
    if (!name) throw new Error(`Task ${taskNumber}: unknown responsible unit "${raw}"`);
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

interface RowFragment {
  content: string;
  units: string;
}

/** Parses the annex out of the whole document's text. */
export function parsePlanDocument(text: string, provincialUnitNames: readonly string[]): ParsedPlan {
  const start = text.indexOf(ANNEX_HEADING);
  if (start < 0) throw new Error(`The document has no annex heading "${ANNEX_HEADING}"`);
  const knownUnits = new Set(provincialUnitNames);
  const sections: ParsedSection[] = [];
  const tasks: ParsedTask[] = [];
  let citiesCarryEveryTask = false;
  let pending: RowFragment | undefined;

  for (const line of text.slice(start).split(/\r?\n/)) {
    const cells = line.split("\t").map(cleanCell);
    const [first = "", title = "", content = "", deadline = "", units = ""] = cells;
    const rest = cells.slice(1).filter(Boolean);
    if (/^-+$/.test(first)) continue; // table rule drawn with dashes

    const heading = /^([一二三四五六七八九十])、(.+)$/.exec(first);
    if (heading && rest.length === 0) {
      sections.push({ number: sectionNumberOf(heading[1]!), title: heading[2]! });
      continue;
    }

    if (/^\d+$/.test(first)) {
      const number = Number(first);
      const section = sections.at(-1);
      if (!section) throw new Error(`Task ${number} appears before any section heading`);
      if (line.includes(CITIES_NOTE)) citiesCarryEveryTask = true;
      const fragment = pending;
      pending = undefined;
      const fullContent = `${fragment?.content ?? ""}${content}`;
      const unitCell = fragment ? `${fragment.units}、${units}` : units;
      if (!title || !fullContent || !deadline) throw new Error(`Task ${number}: a column is empty`);
      const parsedDeadline = parseDeadline(deadline);
      tasks.push({
        number,
        sectionNumber: section.number,
        title,
        content: fullContent,
        deadlineText: parsedDeadline.text,
        deadlineDate: parsedDeadline.date,
        unitShortNames: resolveUnits(unitCell, knownUnits, number),
      });
      continue;
    }

    // A row without a number but with content is the first half of a row the PDF split in two.
    if (first === "" && content) {
      if (pending) throw new Error(`Two unnumbered rows in a row before task ${tasks.length + 1}`);
      pending = { content, units };
    }
  }

  if (pending) throw new Error("The annex ends with an unnumbered row");
  validatePlan(sections, tasks);
  return { sections, tasks, citiesCarryEveryTask };
}

function validatePlan(sections: ParsedSection[], tasks: ParsedTask[]): void {
  if (sections.length !== EXPECTED_SECTION_COUNT) {
    throw new Error(`Expected ${EXPECTED_SECTION_COUNT} sections, found ${sections.length}`);
  }
  sections.forEach((section, index) => {
    if (section.number !== index + 1) throw new Error(`Section ${index + 1} is numbered ${section.number}`);
  });
  if (tasks.length !== EXPECTED_TASK_COUNT) {
    throw new Error(`Expected ${EXPECTED_TASK_COUNT} tasks, found ${tasks.length}`);
  }
  tasks.forEach((task, index) => {
    if (task.number !== index + 1) throw new Error(`Task ${index + 1} is numbered ${task.number}`);
    if (task.unitShortNames.length === 0) throw new Error(`Task ${task.number} has no responsible unit`);
  });
}
