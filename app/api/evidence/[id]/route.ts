import { authorize, AuthorizationError } from "@/lib/auth/session";
import { jsonError } from "@/lib/core/responses";
import { evidenceForDownload } from "@/lib/evidence/evidence";

export const dynamic = "force-dynamic";

/** Downloads one 佐证材料, for those who may read its report; never rendered inline. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  let user;
  try {
    user = await authorize("report:read");
  } catch (error) {
    if (error instanceof AuthorizationError) return jsonError(error.status, error.message);
    throw error;
  }
  const { id } = await params;
  const file = /^\d{1,9}$/.test(id) ? await evidenceForDownload(Number(id), user) : null;
  if (!file) return jsonError(404, "文件不存在或无权查看");
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": file.mediaType,
      "Content-Length": String(file.bytes.length),
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
