/**
 * The annual report as a Word document laid out like a Chinese official document (GB/T 9704-2012):
 * A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; title in 小标宋 2号 (22 pt);
 * body in 仿宋_GB2312 3号 (16 pt) on a fixed 28.95 pt line (22 lines × about 28 characters);
 * headings 一、（黑体）（一）（楷体）1.（仿宋加粗）; page numbers "— n —" in 宋体 4号, right on odd
 * pages and left on even pages. Tables are real Word tables. Every line the reviewer typed is its
 * own paragraph. The sign-off (发文机关署名, 成文日期) follows the 附件说明 as 7.3.5.2 places it for a
 * document without a seal. WPS and Word open and edit it.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from "docx";
import type { AnnualReportData } from "@/lib/annual/annual-report";
import { paragraphs, signOffIndents, unitReportsAnnex } from "@/lib/annual/annual-text";
import { stripXmlInvalid } from "@/lib/core/text";

const mm = (value: number) => Math.round((value / 25.4) * 1440);
const FONT = {
  title: "方正小标宋简体",
  body: "仿宋_GB2312",
  heading1: "黑体",
  heading2: "楷体_GB2312",
  pageNumber: "宋体",
  latin: "Times New Roman",
};
const SIZE = { title: 44, body: 32, table: 24, pageNumber: 28 };
/** 22 lines in the 225 mm type area. */
const LINE = 579;
/** One character of the body font (3号, 16 pt) in twips. */
const CHARACTER = 320;
const INDENT = 2 * CHARACTER;

const font = (eastAsia: string) => ({ eastAsia, ascii: FONT.latin, hAnsi: FONT.latin, cs: FONT.latin });

/**
 * Every text of the document goes through here: characters XML refuses are dropped, since rows
 * saved before input refused them may hold U+FFFE or a control character, and one breaks the file.
 */
function run(text: string, options: { font?: string; size?: number; bold?: boolean } = {}) {
  return new TextRun({
    text: stripXmlInvalid(text),
    font: font(options.font ?? FONT.body),
    size: options.size ?? SIZE.body,
    bold: options.bold,
  });
}

export function body(text: string, indent = true): Paragraph {
  return new Paragraph({
    children: [run(text)],
    indent: indent ? { firstLine: INDENT } : undefined,
    spacing: { line: LINE, lineRule: LineRuleType.EXACT },
    alignment: AlignmentType.JUSTIFIED,
  });
}

/** A typed text as its paragraphs (one per line); an empty text still leaves its place in the document. */
export function bodyParagraphs(text: string): Paragraph[] {
  const lines = paragraphs(text);
  return (lines.length ? lines : [""]).map((line) => body(line));
}

/** 发文机关署名 and 成文日期, right-aligned with the indents of GB/T 9704 7.3.5.2 (in characters of the body font). */
export function signOffBlock(issuer: string, dateText: string): Paragraph[] {
  const indents = signOffIndents(issuer, dateText);
  const line = (text: string, indent: number) =>
    new Paragraph({
      children: [run(text)],
      alignment: AlignmentType.RIGHT,
      indent: { right: Math.round(indent * CHARACTER) },
      spacing: { line: LINE, lineRule: LineRuleType.EXACT },
      keepLines: true,
      keepNext: true,
    });
  return [line(issuer, indents.issuer), line(dateText, indents.date)];
}

export function heading(text: string, level: 1 | 2 | 3): Paragraph {
  const style = level === 1 ? { font: FONT.heading1 } : level === 2 ? { font: FONT.heading2 } : { font: FONT.body, bold: true };
  return new Paragraph({
    children: [run(text, style)],
    indent: { firstLine: INDENT },
    spacing: { line: LINE, lineRule: LineRuleType.EXACT },
    keepNext: true,
  });
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: "000000" };

/** A bordered table with a repeated header row, centred 4号 text (GB/T 9704 tables). */
export function table(headers: string[], rows: string[][], widths: number[]): Table {
  const cell = (text: string, bold = false, width = 0) =>
    new TableCell({
      width: { size: width, type: WidthType.PERCENTAGE },
      verticalAlign: VerticalAlign.CENTER,
      children: [
        new Paragraph({
          children: [run(text, { size: SIZE.table, bold })],
          alignment: AlignmentType.CENTER,
          spacing: { line: 360, lineRule: LineRuleType.AUTO },
        }),
      ],
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER },
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((header, index) => cell(header, true, widths[index] ?? 0)) }),
      ...rows.map((row) => new TableRow({ cantSplit: true, children: row.map((text, index) => cell(text, false, widths[index] ?? 0)) })),
    ],
  });
}

function pageNumberFooter(alignment: (typeof AlignmentType)[keyof typeof AlignmentType]): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment,
        indent: alignment === AlignmentType.RIGHT ? { right: 320 } : { left: 320 },
        children: [new TextRun({ children: ["— ", PageNumber.CURRENT, " —"], font: font(FONT.pageNumber), size: SIZE.pageNumber })],
      }),
    ],
  });
}

/** An empty line of the body's height. */
export const blank = () => new Paragraph({ children: [run("")], spacing: { line: LINE, lineRule: LineRuleType.EXACT } });

/** The document's title, centred in 小标宋 2号. */
export function titleParagraph(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { line: 700, lineRule: LineRuleType.EXACT },
    children: [run(text, { font: FONT.title, size: SIZE.title })],
  });
}

/** A Word document in the GB/T 9704 page layout (A4, margins, fonts, page numbers) holding `children`. */
export function officialDocument(title: string, children: (Paragraph | Table)[]): Document {
  return new Document({
    creator: "美丽江西建设推进管理平台",
    title,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: { run: { font: font(FONT.body), size: SIZE.body }, paragraph: { spacing: { line: LINE, lineRule: LineRuleType.EXACT } } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), footer: mm(28) },
          },
        },
        footers: { default: pageNumberFooter(AlignmentType.RIGHT), even: pageNumberFooter(AlignmentType.LEFT) },
        children,
      },
    ],
  });
}

const CHINESE_NUMBERS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

export function annualReportDocument(report: AnnualReportData): Document {
  const children: (Paragraph | Table)[] = [];
  children.push(
    titleParagraph(`美丽江西建设${report.year}年度工作情况报告`),
    blank(),
    body("省委、省政府："),
    body(
      `根据《关于全面推进美丽江西建设的实施意见》（赣发〔2024〕8号）要求，现将${report.year}年度美丽江西建设重点任务推进情况报告如下（数据截至${report.asOf}，仅计审核通过的报告和数值）。`,
    ),
  );

  children.push(heading("一、总体情况", 1), ...bodyParagraphs(report.narrative.intro));
  children.push(
    body("各设区市重点任务推进情况如下表（按所承担任务的平均完成进度排列，未报送或未通过审核的任务按0计，进度相同的并列）。"),
    table(
      ["排名", "设区市", "承担任务（项）", "报送并通过审核（项）", "平均完成进度"],
      report.cities.map((city) => [
        city.rank,
        city.unit,
        String(city.assigned),
        `${city.reported}（${city.reportedShare}）`,
        `${city.averagePercent}%`,
      ]),
      [20, 18, 18, 24, 20],
    ),
  );

  children.push(heading("二、主要目标指标进展", 1));
  children.push(
    table(
      ["指标", "单位", "最新值", "目标", "判断"],
      report.indicators.map((indicator) => [
        indicator.name + (indicator.demo ? "（示例数据）" : ""),
        indicator.unit,
        indicator.latest,
        indicator.targets,
        indicator.verdictLabel,
      ]),
      [34, 12, 18, 22, 14],
    ),
  );

  children.push(heading("三、重点任务推进情况", 1));
  for (const section of report.sections) {
    children.push(heading(`（${CHINESE_NUMBERS[section.number - 1]}）${section.title}`, 2));
    section.tasks.forEach((task, index) => {
      children.push(heading(`${index + 1}. ${task.title}（任务${task.number}，${task.statusLabel}）`, 3));
      children.push(...bodyParagraphs(task.text));
    });
  }

  children.push(heading("四、存在的问题", 1), ...bodyParagraphs(report.narrative.problems));
  for (const section of report.sections.filter((candidate) => candidate.problems.length > 0)) {
    children.push(heading(`（${CHINESE_NUMBERS[section.number - 1]}）${section.title}`, 2));
    for (const item of section.problems) children.push(body(`${item.text}（${item.unit}）`));
  }

  children.push(heading("五、下一步工作安排", 1), ...bodyParagraphs(report.narrative.nextSteps));
  for (const section of report.sections.filter((candidate) => candidate.nextSteps.length > 0)) {
    children.push(heading(`（${CHINESE_NUMBERS[section.number - 1]}）${section.title}`, 2));
    for (const item of section.nextSteps) children.push(body(`${item.text}（${item.unit}）`));
  }

  children.push(
    blank(),
    body("附件：1. 未按时报送季度进展报告的单位", true),
    body("2. 催办与通报情况", true),
    body("3. 各单位年度工作情况报告", true),
  );
  children.push(blank(), ...signOffBlock(report.signOff.issuer, report.signOff.dateText));
  children.push(new Paragraph({ pageBreakBefore: true, children: [run("附件1", { font: FONT.heading1 })] }));
  children.push(
    new Paragraph({ alignment: AlignmentType.CENTER, children: [run("未按时报送季度进展报告的单位", { font: FONT.title, size: 36 })] }),
  );
  children.push(
    report.late.length === 0
      ? body("本年度各单位均按时报送。")
      : table(
          ["季度", "单位", "未按时报送（份）"],
          report.late.map((row) => [row.quarter, row.unit, String(row.missing)]),
          [25, 50, 25],
        ),
  );
  children.push(new Paragraph({ pageBreakBefore: true, children: [run("附件2", { font: FONT.heading1 })] }));
  children.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [run("催办与通报情况", { font: FONT.title, size: 36 })] }));
  children.push(
    report.reminders.length === 0
      ? body("本年度未发出催办或通报。")
      : table(
          ["时间", "单位", "季度", "方式", "内容"],
          report.reminders.map((row) => [row.at, row.unit, row.quarter, row.level, row.message]),
          [20, 18, 12, 10, 40],
        ),
  );

  children.push(new Paragraph({ pageBreakBefore: true, children: [run("附件3", { font: FONT.heading1 })] }));
  children.push(
    new Paragraph({ alignment: AlignmentType.CENTER, children: [run("各单位年度工作情况报告", { font: FONT.title, size: 36 })] }),
  );
  children.push(...unitReportsAnnex(report.unitReports).map((line) => body(line)));
  return officialDocument(`美丽江西建设${report.year}年度工作情况报告`, children);
}

export async function annualReportDocx(report: AnnualReportData): Promise<Buffer> {
  return Packer.toBuffer(annualReportDocument(report));
}

export const DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
