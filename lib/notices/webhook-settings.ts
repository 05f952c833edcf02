import "server-only";
import { db } from "@/lib/core/db";
import { UserFacingError } from "@/lib/core/errors";
import { lastAudited, updateVersioned } from "@/lib/core/versioned-update";
import { recordAudit } from "@/lib/audit/audit";
import type { WebhookSettingInput } from "./schemas";

/**
 * The messaging gateway (赣政通 or an SMS gateway) notices are posted to: its address, the secret
 * the calls are signed with, and whether it is on — one admin-set Setting, versioned and audited.
 * The secret is read by the relay only: pages learn whether one is set, the audit log whether it
 * changed, and nothing logs it.
 */

const KEY = "noticeWebhook";

interface Stored {
  url: string | null;
  secret: string | null;
  enabled: boolean;
}

/** What the settings page shows: never the secret. */
export interface WebhookSetting {
  url: string | null;
  enabled: boolean;
  secretSet: boolean;
  /** 0 while nothing was saved. */
  version: number;
}

function storedOf(value: unknown): Stored {
  const record = value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  return {
    url: typeof record.url === "string" && record.url ? record.url : null,
    secret: typeof record.secret === "string" && record.secret ? record.secret : null,
    enabled: record.enabled === true,
  };
}

export async function getWebhookSetting(): Promise<WebhookSetting> {
  const row = await db.setting.findUnique({ where: { key: KEY }, select: { value: true, version: true } });
  const stored = storedOf(row?.value);
  return { url: stored.url, enabled: stored.enabled, secretSet: stored.secret !== null, version: row?.version ?? 0 };
}

/** For the relay: where to post and with which secret, or null while the gateway is off or incomplete. */
export async function webhookTarget(): Promise<{ url: string; secret: string } | null> {
  const row = await db.setting.findUnique({ where: { key: KEY }, select: { value: true } });
  const stored = storedOf(row?.value);
  return stored.enabled && stored.url && stored.secret ? { url: stored.url, secret: stored.secret } : null;
}

/** The audit's view of the setting: the secret only as set or not, and whether this write replaced it. */
const audited = (stored: Stored, secretChanged: boolean) => ({
  webhookUrl: stored.url,
  webhookOn: stored.enabled,
  webhookSecret: stored.secret ? (secretChanged ? "已更换" : "已设置") : "未设置",
});

/** Saves the gateway as the version the admin loaded; an empty secret keeps the one set before. */
export async function saveWebhookSetting(input: WebhookSettingInput, actorId: number): Promise<void> {
  await db.$transaction(async (tx) => {
    const row = await tx.setting.findUnique({ where: { key: KEY }, select: { value: true } });
    const before = storedOf(row?.value);
    const next: Stored = { url: input.url ?? null, secret: input.secret ?? before.secret, enabled: input.enabled };
    if (next.enabled && !next.url) throw new UserFacingError("启用消息推送前请填写推送地址", { url: ["请填写推送地址"] });
    if (next.enabled && !next.secret) throw new UserFacingError("启用消息推送前请设置共享密钥", { secretPassword: ["请设置共享密钥"] });
    const value = { url: next.url, secret: next.secret, enabled: next.enabled };
    await updateVersioned(
      tx,
      "setting",
      { where: { key: KEY }, version: input.version, create: { key: KEY, value } },
      { value, updatedAt: new Date() },
      {
        lastChange: lastAudited("Setting", KEY),
        message: ({ who, when }) => `保存未成功：${who} 已于 ${when} 修改了消息推送设置，请刷新后再试。`,
      },
    );
    await recordAudit(tx, {
      actorId,
      action: "setting.update",
      entity: "Setting",
      entityId: KEY,
      before: audited(before, false),
      after: audited(next, input.secret !== undefined),
    });
  });
}
