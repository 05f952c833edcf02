import { create as contentDisposition } from "content-disposition";
import { fileTypeFromBuffer } from "file-type";
import { route } from "@/lib/core/route";
import { AppError } from "@/lib/core/errors";
import { z } from "@/lib/core/zod";
import { unitCodeSchema, yearSchema } from "@/lib/core/schemas";
import { readBytes } from "@/lib/evidence/evidence";
import { selfEvidenceFor } from "@/lib/results-assessment/assessments";

export const dynamic = "force-dynamic";

const NO_SUCH_FILE = "文件不存在或无权查看";
const SelfEvidencePathSchema = z.object({
  year: yearSchema(NO_SUCH_FILE),
  unit: unitCodeSchema(NO_SUCH_FILE),
  code: z.string().regex(/^[A-Z][A-Z0-9_]{1,31}$/, NO_SUCH_FILE),
});

/** Downloads the document a unit attached to one item of its self-assessment, for those who may see its sheet. */
export const GET = route({ auth: "assessment:sheet", params: SelfEvidencePathSchema }, async ({ params, user }) => {
  const file = await selfEvidenceFor(params.year, params.unit, params.code, user);
  if (!file) throw new AppError("NOT_FOUND", NO_SUCH_FILE);
  const bytes = await readBytes(file.sha256);
  const type = await fileTypeFromBuffer(bytes);
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": type?.mime ?? "application/octet-stream",
      "Content-Length": String(bytes.length),
      "Content-Disposition": contentDisposition(file.fileName),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
});
