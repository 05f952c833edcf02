/**
 * A unit's annual written report as a Word document in the GB/T 9704 layout of the provincial
 * annual report (lib/annual/annual-docx.ts): the unit as 发文机关, addressed to 省生态环境厅, its
 * sections, then 署名 and 成文日期 (2026年12月2日).
 */
import { Packer, type Paragraph } from "docx";
import { blank, body, bodyParagraphs, heading, officialDocument, signOffBlock, titleParagraph } from "@/lib/annual/annual-docx";
import { formatChineseDate } from "@/lib/core/dates";
import { UNIT_REPORT_SECTIONS, unitReportTitle, type UnitReportSections } from "./unit-report-text";

export interface UnitReportDocument {
  unitName: string;
  year: number;
  sections: UnitReportSections;
  signatory: string;
  /** ISO date. */
  signedOn: string;
}

export async function unitReportDocx(report: UnitReportDocument): Promise<Buffer> {
  const title = unitReportTitle(report.unitName, report.year);
  const children: Paragraph[] = [
    titleParagraph(title),
    blank(),
    body("江西省生态环境厅：", false),
    body(
      `根据《关于全面推进美丽江西建设的实施意见》（赣发〔2024〕8号）要求，现将${report.unitName}${report.year}年度推进美丽江西建设工作情况报告如下。`,
    ),
  ];
  for (const { key, title: sectionTitle } of UNIT_REPORT_SECTIONS) {
    children.push(heading(sectionTitle, 1), ...bodyParagraphs(report.sections[key]));
  }
  children.push(blank(), ...signOffBlock(report.signatory, formatChineseDate(report.signedOn)));
  return Packer.toBuffer(officialDocument(title, children));
}
