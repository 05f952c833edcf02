/**
 * The frozen progress evaluation as a Word document in the GB/T 9704 layout of the annual report
 * (lib/annual/annual-docx.ts), signed by 江西省生态环境厅 on the day it was frozen.
 */
import { Packer, type Paragraph, type Table } from "docx";
import { blank, body, heading, officialDocument, signOffBlock, table, titleParagraph } from "@/lib/annual/annual-docx";
import { DEFAULT_ISSUER } from "@/lib/annual/annual-text";
import { formatChineseDate } from "@/lib/core/dates";
import { EVALUATION_RULES_TEXT, type EvaluationContent } from "./evaluation-content";
import {
  evaluationSummary,
  evaluationTitle,
  INDICATOR_HEADERS,
  indicatorRow,
  SECTION_HEADERS,
  sectionRow,
  UNIT_HEADERS,
  unitRow,
} from "./evaluation-text";

export async function evaluationDocx(content: EvaluationContent, frozenOn: string): Promise<Buffer> {
  const title = evaluationTitle(content.year);
  const children: (Paragraph | Table)[] = [
    titleParagraph(title),
    blank(),
    heading("一、总体情况", 1),
    body(evaluationSummary(content)),
    body(EVALUATION_RULES_TEXT),
    heading("二、目标指标", 1),
    table(INDICATOR_HEADERS, content.indicators.map(indicatorRow), [34, 12, 18, 22, 14]),
    heading("三、重点任务和举措节点（按篇章）", 1),
    table(SECTION_HEADERS, content.sections.map(sectionRow), [34, 10, 12, 12, 18, 14]),
    heading("四、省直有关单位", 1),
    table(UNIT_HEADERS, content.units.filter((unit) => unit.kind === "PROVINCIAL").map(unitRow), [36, 14, 14, 14, 22]),
    heading("五、设区市", 1),
    table(UNIT_HEADERS, content.units.filter((unit) => unit.kind === "CITY").map(unitRow), [36, 14, 14, 14, 22]),
    blank(),
    ...signOffBlock(DEFAULT_ISSUER, formatChineseDate(frozenOn)),
  ];
  return Packer.toBuffer(officialDocument(title, children));
}
