/**
 * A 函告, 通报 or 挂牌督办 notice as a Word document in the GB/T 9704 layout of the annual report
 * (lib/annual/annual-docx.ts): the 版头 — 发文机关标志 江西省生态环境厅 in red, the 文号 and the red
 * separator line — then the title, 主送, body with its headings, contact line, 发文机关署名 and
 * 成文日期.
 */
import { AlignmentType, BorderStyle, LineRuleType, Packer, Paragraph, TextRun, type Table } from "docx";
import { blank, body, heading, officialDocument, signOffBlock, titleParagraph } from "@/lib/annual/annual-docx";
import { stripXmlInvalid } from "@/lib/core/text";
import type { NoticeText } from "./escalation-text";

const RED = "FF0000";
const latin = "Times New Roman";

/** 发文机关标志: red 小标宋, centred, above the 文号 (GB/T 9704 7.2.4). */
function issuerMark(issuer: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 400, after: 400, line: 1000, lineRule: LineRuleType.EXACT },
    children: [
      new TextRun({
        text: stripXmlInvalid(issuer),
        font: { eastAsia: "方正小标宋简体", ascii: latin, hAnsi: latin, cs: latin },
        size: 72,
        color: RED,
      }),
    ],
  });
}

/** 发文字号, centred under the mark, with the red separator line below it (7.2.5, 7.2.7). */
function numberLine(documentNumber: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 200 },
    border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 8 } },
    children: [
      new TextRun({
        text: stripXmlInvalid(documentNumber),
        font: { eastAsia: "仿宋_GB2312", ascii: latin, hAnsi: latin, cs: latin },
        size: 32,
      }),
    ],
  });
}

export async function escalationDocx(text: NoticeText, documentNumber: string): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    issuerMark(text.issuer),
    numberLine(documentNumber),
    blank(),
    titleParagraph(text.title),
    blank(),
    body(text.recipient, false),
    body(text.opening),
  ];
  for (const section of text.sections) {
    children.push(heading(section.heading, 1), ...section.paragraphs.map((line) => body(line)));
  }
  children.push(body(text.contact), blank(), ...signOffBlock(text.issuer, text.date));
  return Packer.toBuffer(officialDocument(text.title, children));
}
