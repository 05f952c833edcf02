import { create as contentDisposition } from "content-disposition";
import { route } from "@/lib/core/route";
import { AppError } from "@/lib/core/errors";
import { sealedFileForDownload } from "@/lib/unit-reports/unit-reports";
import { NO_SUCH_UNIT_REPORT, UnitReportPathSchema } from "@/lib/unit-reports/paths";

export const dynamic = "force-dynamic";

/** The report's signed and sealed scan (PDF), for those who may read the report; never rendered inline. */
export const GET = route({ auth: "report:read", params: UnitReportPathSchema }, async ({ params, user }) => {
  const file = await sealedFileForDownload(user, params.year, params.unit);
  if (!file) throw new AppError("NOT_FOUND", NO_SUCH_UNIT_REPORT);
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(file.bytes.length),
      "Content-Disposition": contentDisposition(file.fileName),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
});
