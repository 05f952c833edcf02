import { route } from "@/lib/core/route";
import { compileAnnualReport } from "@/lib/annual/annual-report";
import { annualReportDocx, DOCX_MEDIA_TYPE } from "@/lib/annual/annual-docx";
import { AnnualReportFileSchema } from "@/lib/api/annual.contract";

export const dynamic = "force-dynamic";

/** GET /api/v1/reports/annual/2026.docx — the year's report in Word (reviewer and leader). */
export const GET = route({ auth: "annual:read", params: AnnualReportFileSchema, exported: "annual-report.docx" }, async ({ params }) => {
  const year = params.file;
  const buffer = await annualReportDocx(await compileAnnualReport(year));
  return new Response(new Uint8Array(buffer), {
    headers: {
      "Content-Type": DOCX_MEDIA_TYPE,
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(`美丽江西建设${year}年度工作情况报告.docx`)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
});
