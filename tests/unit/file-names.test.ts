import { describe, expect, it } from "vitest";
import { evidenceFileName } from "@/lib/evidence/file-names";

const PDF = "application/pdf";
const JPEG = "image/jpeg";
const PNG = "image/png";
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

describe("the name a 佐证材料 is shown and downloaded under", () => {
  it("keeps an ordinary name, and an extension of the checked type in any case", () => {
    expect(evidenceFileName("现场照片说明.pdf", PDF)).toBe("现场照片说明.pdf");
    expect(evidenceFileName("报告.PDF", PDF)).toBe("报告.PDF");
    expect(evidenceFileName("照片.jpeg", JPEG)).toBe("照片.jpeg");
    expect(evidenceFileName("照片.JPG", JPEG)).toBe("照片.JPG");
    expect(evidenceFileName("2026年第三季度 工作汇报.docx", DOCX)).toBe("2026年第三季度 工作汇报.docx");
  });

  it("always ends in an extension of the type its bytes were checked to be, keeping the whole name", () => {
    expect(evidenceFileName("合同.exe", PDF)).toBe("合同.exe.pdf");
    expect(evidenceFileName("照片.png", JPEG)).toBe("照片.png.jpg");
    expect(evidenceFileName("扫描件", PNG)).toBe("扫描件.png");
    expect(evidenceFileName("2024.06 汇报", PDF)).toBe("2024.06 汇报.pdf");
    expect(evidenceFileName("合同.pdf.exe", PDF)).toBe("合同.pdf.exe.pdf");
  });

  it("drops bidirectional controls, so a name cannot display as another", () => {
    // "report\u202Egpj.exe" displays as "reportexe.jpg".
    expect(evidenceFileName("report\u202Egpj.exe", JPEG)).toBe("reportgpj.exe.jpg");
    expect(evidenceFileName("\u2067合同\u2069\u200F.pdf", PDF)).toBe("合同.pdf");
    expect(evidenceFileName("a\u061Cb\u200Ec\u202Ad.pdf", PDF)).toBe("abcd.pdf");
  });

  it("drops control characters, characters XML refuses and characters Windows refuses in a name", () => {
    expect(evidenceFileName("说\u0000明\u0007\u001f\u007f\u0085.pdf", PDF)).toBe("说明.pdf");
    expect(evidenceFileName("换\n行\r\t.pdf", PDF)).toBe("换行.pdf");
    expect(evidenceFileName("a\uFFFEb\uFFFF.pdf", PDF)).toBe("ab.pdf");
    expect(evidenceFileName('问"题"<1>|2*3?:.pdf', PDF)).toBe("问题123.pdf");
  });

  it("keeps no folder, and does not start or end with a dot or a space", () => {
    expect(evidenceFileName("C:\\Users\\张三\\Desktop\\说明.pdf", PDF)).toBe("说明.pdf");
    expect(evidenceFileName("../../etc/passwd", PDF)).toBe("passwd.pdf");
    expect(evidenceFileName("  .隐藏.pdf  ", PDF)).toBe("隐藏.pdf");
    expect(evidenceFileName("说明. . .", PDF)).toBe("说明.pdf");
  });

  it("names a file with nothing left of its name 佐证材料", () => {
    expect(evidenceFileName("", PDF)).toBe("佐证材料.pdf");
    expect(evidenceFileName("\u202E\u0001", PNG)).toBe("佐证材料.png");
    expect(evidenceFileName(".pdf", PDF)).toBe("pdf.pdf");
  });

  it("is at most 120 characters, its extension kept and no character cut in half", () => {
    const long = evidenceFileName(`${"长".repeat(200)}.pdf`, PDF);
    expect(long).toBe(`${"长".repeat(116)}.pdf`);
    const emoji = evidenceFileName(`${"😀".repeat(130)}.pdf`, PDF);
    expect(Array.from(emoji)).toHaveLength(120);
    expect(emoji.endsWith("😀.pdf")).toBe(true);
  });

  it("composes characters the same way whatever system sent the name", () => {
    // macOS sends "é" decomposed (e + U+0301).
    expect(evidenceFileName("re\u0301sume\u0301.pdf", PDF)).toBe("r\u00e9sum\u00e9.pdf");
  });
});
