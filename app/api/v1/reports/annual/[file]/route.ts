import { withPermission } from "@/lib/core/route";
import { jsonError } from "@/lib/core/responses";
import { compileAnnualReport } from "@/lib/annual/annual-report";
import { annualReportDocx, DOCX_MEDIA_TYPE } from "@/lib/annual/annual-docx";

export const dynamic = "force-dynamic";

/** GET /api/v1/reports/annual/2026.docx — the year's report in Word (reviewer and leader). */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  return withPermission("annual:read", async () => {
    const match = /^(\d{4})\.docx$/.exec((await params).file);
    const year = match ? Number(match[1]) : NaN;
    if (!match || year < 2024 || year > 2035) return jsonError(404, "年度报告不存在：年份应为 2024–2035，格式如 2026.docx");
    const buffer = await annualReportDocx(await compileAnnualReport(year));
    return new Response(new Uint8Array(buffer), {
      headers: {
        "Content-Type": DOCX_MEDIA_TYPE,
        "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(`美丽江西建设${year}年度工作情况报告.docx`)}`,
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
      },
    });
  }, "annual-report.docx");
}
