/**
 * The year's 成效考核 results as a 通报 in Word, in the GB/T 9704 layout of the annual report
 * (lib/annual/annual-docx.ts), signed by 江西省生态环境厅 on the day given (the last confirmation).
 */
import { Packer, type Paragraph, type Table } from "docx";
import { blank, body, heading, officialDocument, signOffBlock, table, titleParagraph } from "@/lib/annual/annual-docx";
import { DEFAULT_ISSUER } from "@/lib/annual/annual-text";
import { formatChineseDate } from "@/lib/core/dates";
import {
  assessmentSummary,
  assessmentTitle,
  ITEM_HEADERS,
  itemRow,
  RANKING_RULE_TEXT,
  REQUIREMENTS_TEXT,
  RESULT_HEADERS,
  resultRow,
  schemeRulesText,
  schemeTitle,
} from "./assessment-text";
import { resultsOfKind, type AssessmentResultsView, type UnitRef } from "./results-view";

const RESULT_WIDTHS = [18, 22, 14, 14, 16, 16];
const ITEM_WIDTHS = [18, 22, 14, 10, 36];

export async function assessmentDocx(view: AssessmentResultsView, issuedOn: string): Promise<Buffer> {
  const title = assessmentTitle(view.year);
  const resultsTable = (kind: UnitRef["kind"]): Paragraph | Table => {
    const rows = resultsOfKind(view, kind).map(resultRow);
    return rows.length ? table(RESULT_HEADERS, rows, RESULT_WIDTHS) : body("本年度无参加考核的单位。");
  };
  const children: (Paragraph | Table)[] = [
    titleParagraph(title),
    blank(),
    body("各设区市人民政府，省直有关单位：", false),
    heading("一、考核总体情况", 1),
    body(assessmentSummary(view)),
    body(RANKING_RULE_TEXT),
    heading("二、省直有关单位考核结果", 1),
    resultsTable("PROVINCIAL"),
    heading("三、设区市考核结果", 1),
    resultsTable("CITY"),
    heading("四、考核方案", 1),
    body(`本年度考核按照${schemeTitle(view.scheme)}进行。${schemeRulesText(view.scheme)}`),
    table(ITEM_HEADERS, view.scheme.items.map(itemRow), ITEM_WIDTHS),
    heading("五、有关要求", 1),
    ...REQUIREMENTS_TEXT.map((text) => body(text)),
    blank(),
    ...signOffBlock(DEFAULT_ISSUER, formatChineseDate(issuedOn)),
  ];
  return Packer.toBuffer(officialDocument(title, children));
}
