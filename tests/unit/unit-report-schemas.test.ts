import { describe, expect, it } from "vitest";
import { unitReportFormSchema } from "@/lib/unit-reports/schemas";

const form = (sealedFile: File) => ({
  year: "2026",
  version: "1",
  intent: "save",
  signatory: "南昌市人民政府",
  signedOn: "2026-12-02",
  sealedFile,
});

describe("the unit annual report form's sealed file", () => {
  it("reads an empty file input as no file, however the browser or server named it", () => {
    for (const name of ["", "blob"]) {
      const parsed = unitReportFormSchema.parse(form(new File([], name)));
      expect(parsed.sealedFile).toBeUndefined();
    }
  });

  it("keeps a chosen file for the server's PDF check", () => {
    const parsed = unitReportFormSchema.parse(form(new File(["%PDF-1.4"], "盖章件.pdf", { type: "application/pdf" })));
    expect(parsed.sealedFile?.name).toBe("盖章件.pdf");
  });
});
