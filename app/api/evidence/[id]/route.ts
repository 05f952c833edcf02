import { create as contentDisposition } from "content-disposition";
import { route } from "@/lib/core/route";
import { AppError } from "@/lib/core/errors";
import { z } from "@/lib/core/zod";
import { idSchema, pathNumber } from "@/lib/core/schemas";
import { evidenceForDownload } from "@/lib/evidence/evidence";

export const dynamic = "force-dynamic";

const NO_SUCH_FILE = "文件不存在或无权查看";
const EvidencePathSchema = z.object({ id: pathNumber(idSchema(NO_SUCH_FILE), NO_SUCH_FILE) });

/** Downloads one 佐证材料, for those who may read its report; never rendered inline. */
export const GET = route({ auth: "report:read", params: EvidencePathSchema }, async ({ params, user }) => {
  const file = await evidenceForDownload(params.id, user);
  if (!file) throw new AppError("NOT_FOUND", NO_SUCH_FILE);
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": file.mediaType,
      "Content-Length": String(file.bytes.length),
      // RFC 6266: an ASCII fallback, then the name itself in RFC 5987 encoding.
      "Content-Disposition": contentDisposition(file.fileName),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
});
