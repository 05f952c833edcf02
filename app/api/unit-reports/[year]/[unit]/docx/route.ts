import { create as contentDisposition } from "content-disposition";
import { route } from "@/lib/core/route";
import { AppError } from "@/lib/core/errors";
import { DOCX_MEDIA_TYPE } from "@/lib/annual/annual-docx";
import { readUnitReport } from "@/lib/unit-reports/unit-reports";
import { unitReportDocx } from "@/lib/unit-reports/unit-report-docx";
import { unitReportTitle } from "@/lib/unit-reports/unit-report-text";
import { NO_SUCH_UNIT_REPORT, UnitReportPathSchema } from "@/lib/unit-reports/paths";

export const dynamic = "force-dynamic";

/** A unit's annual report in Word (GB/T 9704), for those who may read it. */
export const GET = route({ auth: "report:read", params: UnitReportPathSchema, exported: "unit-report.docx" }, async ({ params, user }) => {
  const view = await readUnitReport(user, params.year, params.unit);
  if (!view) throw new AppError("NOT_FOUND", NO_SUCH_UNIT_REPORT);
  const buffer = await unitReportDocx({
    unitName: view.unit.name,
    year: view.year,
    sections: view.sections,
    signatory: view.signatory,
    signedOn: view.signedOn,
  });
  return new Response(new Uint8Array(buffer), {
    headers: {
      "Content-Type": DOCX_MEDIA_TYPE,
      "Content-Disposition": contentDisposition(`${unitReportTitle(view.unit.name, view.year)}.docx`),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
});
