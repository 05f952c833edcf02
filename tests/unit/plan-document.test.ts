import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { normalizeWhitespace, parseDeadline, parsePlanDocument } from "@/lib/plan/plan-document";
import { PROVINCIAL_UNITS } from "@/prisma/seed-data/units";
import { EXPECTED_CONTENT_SNIPPETS, EXPECTED_SECTIONS, EXPECTED_TASKS } from "../fixtures/plan-expected";

const DOCUMENT = readFileSync(new URL("../../prisma/seed-data/source-ganfa-2024-8.txt", import.meta.url), "utf8");
const UNIT_NAMES = PROVINCIAL_UNITS.map((unit) => unit.shortName);
const plan = parsePlanDocument(DOCUMENT, UNIT_NAMES);

describe("normalizeWhitespace", () => {
  it("drops spaces the PDF put inside Chinese text, full-width ones included", () => {
    expect(normalizeWhitespace("美丽江西 全民共建 行动")).toBe("美丽江西全民共建行动");
    expect(normalizeWhitespace("省自然 资源厅\u3000")).toBe("省自然资源厅");
    expect(normalizeWhitespace("管网 5000 千米")).toBe("管网5000千米");
  });
  it("keeps one space between two Latin words or numbers", () => {
    expect(normalizeWhitespace("PM 2.5")).toBe("PM 2.5");
    expect(normalizeWhitespace("A  \t B")).toBe("A B");
  });
});

describe("parseDeadline", () => {
  it("keeps the wording and dates it to the end of the year", () => {
    expect(parseDeadline("2027年底前")).toEqual({ text: "2027年底前", date: "2027-12-31" });
    expect(parseDeadline("2035 年底 前")).toEqual({ text: "2035年底前", date: "2035-12-31" });
    expect(parseDeadline("2026年底")).toEqual({ text: "2026年底", date: "2026-12-31" });
  });
  it("refuses a deadline without a year", () => {
    expect(() => parseDeadline("长期坚持")).toThrow(/no year/);
  });
});

describe("the annex of 赣发〔2024〕8号", () => {
  it("has the five sections, with the variant character repaired", () => {
    expect(plan.sections).toEqual(EXPECTED_SECTIONS);
  });

  it("has tasks 1–60 with section, title and deadline as typed from the document", () => {
    expect(
      plan.tasks.map(({ number, sectionNumber, title, deadlineText, deadlineDate }) => ({
        number,
        sectionNumber,
        title,
        deadlineText,
        deadlineDate,
      })),
    ).toEqual(EXPECTED_TASKS.map(({ units: _units, ...task }) => task));
  });

  it("lists each task's provincial units in the document's order", () => {
    expect(plan.tasks.map((task) => [task.number, task.unitShortNames])).toEqual(EXPECTED_TASKS.map((task) => [task.number, task.units]));
  });

  it("joins the row the PDF split in two (task 35) and repairs the unit without 省 (task 42)", () => {
    expect(plan.tasks[34]!.content.startsWith("全面加强沿长江江西段生态保育")).toBe(true);
    expect(plan.tasks[41]!.unitShortNames[0]).toBe("省自然资源厅");
  });

  it.each(EXPECTED_CONTENT_SNIPPETS)("task %i's content reads “%s”", (number, snippet) => {
    expect(plan.tasks[number - 1]!.content).toContain(snippet);
  });

  it("keeps no markup, tabs or spaces between Chinese characters in any content", () => {
    for (const task of plan.tasks) {
      expect(task.content, `task ${task.number}`).not.toMatch(/<\/?p>|\t|[\u4e00-\u9fff，。] | [\u4e00-\u9fff，。“]/);
    }
  });

  it("reads the note on task 1: every city carries every task", () => {
    expect(plan.citiesCarryEveryTask).toBe(true);
    expect(plan.tasks.flatMap((task) => task.unitShortNames).some((name) => name.includes("设区市"))).toBe(false);
  });

  it("names all 36 provincial units, no more", () => {
    expect(new Set(plan.tasks.flatMap((task) => task.unitShortNames))).toEqual(new Set(UNIT_NAMES));
    expect(UNIT_NAMES).toHaveLength(36);
  });
});

describe("a damaged or changed document", () => {
  it("names the task when a unit is unknown", () => {
    const changed = DOCUMENT.replace("省能源局、省发改委、省水利厅", "省能源局、省外星局、省水利厅");
    expect(() => parsePlanDocument(changed, UNIT_NAMES)).toThrow('Task 3: unknown responsible unit "省外星局"');
  });
  it("refuses a table with a task missing", () => {
    const lines = DOCUMENT.split("\n").filter((line) => !line.startsWith("17\t"));
    expect(() => parsePlanDocument(lines.join("\n"), UNIT_NAMES)).toThrow(/Expected 60 tasks, found 59/);
  });
  it("refuses a text without the annex", () => {
    expect(() => parsePlanDocument("关于全面推进美丽江西建设的实施意见", UNIT_NAMES)).toThrow(/no annex/);
  });
});
