import { create as contentDisposition } from "content-disposition";
import { route } from "@/lib/core/route";
import { AppError } from "@/lib/core/errors";
import { DOCX_MEDIA_TYPE } from "@/lib/annual/annual-docx";
import { getEscalation, noticeFactsOf } from "@/lib/escalation/escalations";
import { escalationDocx } from "@/lib/escalation/escalation-docx";
import { noticeText } from "@/lib/escalation/escalation-text";
import { STEP_LABELS } from "@/lib/escalation/rules";
import { EscalationPathSchema, NO_SUCH_ESCALATION } from "@/lib/escalation/schemas";

export const dynamic = "force-dynamic";

/**
 * The Word notice of a 函告, 通报 or 挂牌督办 step (GB/T 9704), for whoever may see the step: the
 * reviewer and leaders, and the unit's own staff and 单位负责人. 催办 and 约谈 issue no document (404).
 */
export const GET = route({ auth: "report:read", params: EscalationPathSchema, exported: "escalation.docx" }, async ({ params, user }) => {
  const step = await getEscalation(user, params.id);
  if (!step) throw new AppError("NOT_FOUND", NO_SUCH_ESCALATION);
  if (!step.documentNumber) throw new AppError("NOT_FOUND", `${STEP_LABELS[step.step]}不印发文书，只有函告、通报和挂牌督办有 Word 文件`);
  const buffer = await escalationDocx(noticeText(noticeFactsOf(step)), step.documentNumber);
  return new Response(new Uint8Array(buffer), {
    headers: {
      "Content-Type": DOCX_MEDIA_TYPE,
      "Content-Disposition": contentDisposition(`${step.documentNumber} ${step.unit.shortName}.docx`),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
});
