/** The reviewer's decision on one report or indicator value, or a ticked batch of them. */
import { z } from "@/lib/core/zod";
import { idSchema, recordRefSchema, recordRefsSchema, textSchema } from "@/lib/core/schemas";

/** Accept or return; returning needs a comment the unit can act on. */
export const decisionFields = {
  decision: z.enum(["accept", "return"], { message: "请选择通过或退回" }),
  comment: textSchema("审核意见").max(2000, "审核意见不能超过 2000 字").optional().default(""),
};

export function requireReturnComment(value: { decision: "accept" | "return"; comment: string }, ctx: z.RefinementCtx) {
  if (value.decision === "return" && !value.comment) {
    ctx.addIssue({ code: "custom", path: ["comment"], message: "退回时请填写审核意见" });
  }
}

export const reviewSchema = z
  .object({
    reports: recordRefsSchema("请至少选择一份报告"),
    ...decisionFields,
    /** A report page to come back to; only this app's own report pages, never an outside address. */
    returnTo: z
      .string()
      .regex(/^\/reports\/\d{1,9}$/, "返回地址无效")
      .optional(),
  })
  .superRefine(requireReturnComment);
export type ReviewInput = z.output<typeof reviewSchema>;

/** The 牵头单位's decision: pass on to 省生态环境厅, or return with a comment. */
export const leadReviewSchema = z
  .object({
    reports: recordRefsSchema("请至少选择一份报告"),
    decision: z.enum(["pass", "return"], { message: "请选择转报或退回" }),
    comment: decisionFields.comment,
  })
  .superRefine((value, ctx) => {
    if (value.decision === "return" && !value.comment) ctx.addIssue({ code: "custom", path: ["comment"], message: "退回时请填写审核意见" });
  });
export type LeadReviewInput = z.output<typeof leadReviewSchema>;

/** Unlocking accepted data needs a reason the unit can act on. */
export const unlockSchema = z.object({
  report: recordRefSchema,
  reason: textSchema("解锁原因").min(1, "请填写解锁原因").max(2000, "解锁原因不能超过 2000 字"),
});
export type UnlockInput = z.output<typeof unlockSchema>;

export const reviewObservationSchema = z
  .object({ observations: recordRefsSchema("请至少选择一条数据"), ...decisionFields })
  .superRefine(requireReturnComment);
export type ReviewObservationInput = z.output<typeof reviewObservationSchema>;

/** Which of two values for one indicator, area and period stands; keeping or replacing needs no reason, but one is kept if given. */
export const conflictDecisionSchema = z.object({
  conflictId: idSchema("数值冲突编号无效"),
  decision: z.enum(["keep", "replace"], { message: "请选择保留现行数值或采用报告数值" }),
  reason: textSchema("处理说明").max(500, "处理说明不能超过 500 字").optional().default(""),
});
export type ConflictDecisionInput = z.output<typeof conflictDecisionSchema>;
