/** Inputs of notices: a person's contact details, a unit's defaults, the messaging gateway, the inbox and the delivery log. */
import { z } from "@/lib/core/zod";
import { idSchema, lineSchema, manyOf, unitCodeSchema, versionSchema } from "@/lib/core/schemas";
import { CLOCK_TIME } from "./delivery-rules";

export const DELIVERY_STATUSES = ["PENDING", "RETRYING", "SENT", "FAILED"] as const;
export type DeliveryStatusName = (typeof DELIVERY_STATUSES)[number];

export const DELIVERY_STATUS_LABELS: Record<DeliveryStatusName, string> = {
  PENDING: "待发送",
  RETRYING: "重试中",
  SENT: "已发送",
  FAILED: "失败",
};

export const CHANNEL_LABELS: Record<"EMAIL" | "WEBHOOK", string> = { EMAIL: "邮件", WEBHOOK: "消息推送" };

/** A ticked checkbox sends "on"; an unticked one sends nothing. */
const checkbox = z
  .enum(["on", "true"], { message: "选项无效" })
  .optional()
  .transform((value) => value !== undefined);

const clockTime = (label: string) =>
  z
    .string()
    .trim()
    .max(5, `${label}应为 24 小时制时间，如 22:00`)
    .optional()
    .default("")
    .refine((value) => value === "" || CLOCK_TIME.test(value), `${label}应为 24 小时制时间，如 22:00`)
    .transform((value) => value || null);

/** Quiet hours are both ends or neither. */
function refineQuietHours(value: { quietStart: string | null; quietEnd: string | null }, ctx: z.RefinementCtx) {
  if ((value.quietStart === null) === (value.quietEnd === null)) return;
  const missing = value.quietStart === null ? "quietStart" : "quietEnd";
  ctx.addIssue({ code: "custom", path: [missing], message: "免打扰时段须同时填写开始和结束时间，或都不填" });
}

/** 按单位默认 / 接收 / 不接收: the person's choice, or none (null) so the unit's default applies. */
const channelChoice = z
  .enum(["default", "on", "off"], { message: "请选择是否接收" })
  .default("default")
  .transform((value) => (value === "default" ? null : value === "on"));

const emailField = z
  .string()
  .trim()
  .max(254, "邮箱地址不能超过 254 个字符")
  .optional()
  .default("")
  .refine((value) => value === "" || z.email().safeParse(value).success, "邮箱地址格式不正确，如 zhangsan@example.gov.cn")
  .transform((value) => value || null);

export const contactPreferenceSchema = z
  .object({
    email: emailField,
    webhookAddress: lineSchema("消息推送账号")
      .max(100, "消息推送账号不能超过 100 个字符")
      .optional()
      .default("")
      .transform((value) => value || null),
    emailEnabled: channelChoice,
    webhookEnabled: channelChoice,
    quietStart: clockTime("免打扰开始时间"),
    quietEnd: clockTime("免打扰结束时间"),
    version: versionSchema,
  })
  .superRefine((value, ctx) => {
    if (value.emailEnabled === true && !value.email)
      ctx.addIssue({ code: "custom", path: ["email"], message: "接收邮件通知请填写邮箱地址" });
    if (value.webhookEnabled === true && !value.webhookAddress) {
      ctx.addIssue({ code: "custom", path: ["webhookAddress"], message: "接收消息推送请填写消息推送账号（赣政通账号或手机号）" });
    }
    refineQuietHours(value, ctx);
  });
export type ContactPreferenceInput = z.output<typeof contactPreferenceSchema>;

export const unitNoticeDefaultSchema = z
  .object({
    unitCode: unitCodeSchema(),
    emailEnabled: checkbox,
    webhookEnabled: checkbox,
    quietStart: clockTime("免打扰开始时间"),
    quietEnd: clockTime("免打扰结束时间"),
    version: versionSchema,
  })
  .superRefine(refineQuietHours);
export type UnitNoticeDefaultInput = z.output<typeof unitNoticeDefaultSchema>;

/**
 * The gateway's address, its shared secret (blank: keep the one set) and on/off. The secret's field
 * is named like a password so that a refused form never carries it back (submittedValues drops them).
 */
export const webhookSettingSchema = z
  .object({
    url: z
      .string()
      .trim()
      .max(500, "推送地址不能超过 500 个字符")
      .optional()
      .default("")
      .refine(
        (value) => value === "" || z.url({ protocol: /^https?$/ }).safeParse(value).success,
        "推送地址应为 http:// 或 https:// 开头的网址",
      )
      .transform((value) => value || undefined),
    secretPassword: z
      .string()
      .optional()
      .default("")
      .refine((value) => value === "" || /^[\x21-\x7e]{16,200}$/.test(value), "共享密钥须为 16–200 个字符（字母、数字或符号，不含空格）")
      .transform((value) => value || undefined),
    enabled: checkbox,
    version: versionSchema,
  })
  .transform(({ secretPassword, ...rest }) => ({ ...rest, secret: secretPassword }));
export type WebhookSettingInput = z.output<typeof webhookSettingSchema>;

export const markNoticesReadSchema = z.object({ ids: manyOf(idSchema("通知无效")) });

export const requeueDeliverySchema = z.object({ id: idSchema("发送记录无效") });

const pageField = z.coerce.number({ message: "页码无效" }).int("页码无效").min(1, "页码无效").max(10_000, "页码无效").default(1);

export const inboxQuerySchema = z.object({ page: pageField });

export const deliveryQuerySchema = z.object({
  status: z.enum(DELIVERY_STATUSES, { message: "发送状态无效" }).optional(),
  page: pageField,
});
export type DeliveryQuery = z.output<typeof deliveryQuerySchema>;

const wholeDays = (label: string, min: number) =>
  z.coerce
    .number({ message: `${label}须为整数天数` })
    .int(`${label}须为整数天数`)
    .min(min, `${label}不能小于 ${min} 天`)
    .max(366, `${label}不能超过 366 天`);

/** The automatic notices' thresholds as the admin edits them (系统设置 → 自动提醒规则). */
export const noticeRulesFormSchema = z.object({
  version: versionSchema,
  dueDays: z
    .string({ message: "请填写到期前提醒的天数" })
    .trim()
    .regex(/^\d{1,2}([,，、\s]+\d{1,2}){0,9}$/, "到期前提醒的天数应为 1–10 个 0–60 的整数，用逗号分隔，如 7,3,1")
    .transform((text) => text.split(/[,，、\s]+/).map(Number))
    .refine((list) => list.every((day) => day <= 60), "到期前提醒的天数不能超过 60 天"),
  reviewWaitDays: wholeDays("待审核提醒天数", 1),
  escalateAfterDays: wholeDays("逐级提醒天数", 1),
  milestoneDueDays: wholeDays("节点到期提醒天数", 0),
  digestAt: z.string({ message: "请填写每日汇总时间" }).trim().regex(CLOCK_TIME, "每日汇总时间应为 HH:MM，如 07:30"),
});
export type NoticeRulesFormInput = z.output<typeof noticeRulesFormSchema>;
