"use server";
import { revalidatePath } from "next/cache";
import { validatedAction } from "@/lib/core/action";
import {
  contactPreferenceSchema,
  markNoticesReadSchema,
  noticeRulesFormSchema,
  requeueDeliverySchema,
  unitNoticeDefaultSchema,
  webhookSettingSchema,
} from "./schemas";
import { markAllNoticesRead, markNoticesRead } from "./inbox";
import { saveContactPreference, saveUnitNoticeDefault } from "./contact";
import { saveWebhookSetting } from "./webhook-settings";
import { requeueDelivery } from "./delivery-log";
import { saveNoticeRules } from "./notice-settings";
import { z } from "@/lib/core/zod";

export const markNoticesReadAction = validatedAction("notice:read", markNoticesReadSchema, async (input, user) => {
  const count = await markNoticesRead(user.id, input.ids);
  revalidatePath("/", "layout");
  return count > 0 ? "已标为已读。" : "这些通知已是已读。";
});

export const markAllNoticesReadAction = validatedAction("notice:read", z.object({}), async (_input, user) => {
  const count = await markAllNoticesRead(user.id);
  revalidatePath("/", "layout");
  return count > 0 ? `已将 ${count} 条通知标为已读。` : "没有未读通知。";
});

export const contactPreferenceAction = validatedAction("notice:read", contactPreferenceSchema, async (input, user) => {
  await saveContactPreference(input, user.id);
  revalidatePath("/account/notices");
  return "已保存您的通知设置。";
});

export const unitNoticeDefaultAction = validatedAction("settings:manage", unitNoticeDefaultSchema, async (input, user) => {
  const unit = await saveUnitNoticeDefault(input, user.id);
  revalidatePath("/admin/notices/units");
  return `已保存${unit}的通知默认设置。`;
});

export const webhookSettingAction = validatedAction("settings:manage", webhookSettingSchema, async (input, user) => {
  await saveWebhookSetting(input, user.id);
  revalidatePath("/admin/settings");
  return input.enabled ? "已保存并启用消息推送。" : "已保存消息推送设置（未启用）。";
});

export const requeueDeliveryAction = validatedAction("settings:manage", requeueDeliverySchema, async (input, user) => {
  await requeueDelivery(input.id, user.id);
  revalidatePath("/admin/notices");
  return "已重新排队，稍后发送。";
});

export const noticeRulesAction = validatedAction("settings:manage", noticeRulesFormSchema, async (input, user) => {
  await saveNoticeRules(input, user.id);
  revalidatePath("/admin/settings");
  return "已保存自动提醒规则。";
});
