import "server-only";
import { db } from "@/lib/core/db";
import { DEFAULT_WINDOW_DAYS } from "@/lib/core/quarters";
import type { WindowSettingInput } from "@/lib/admin/schemas";
import { recordAudit } from "@/lib/audit/audit";
import { lastAudited, updateVersioned } from "@/lib/core/versioned-update";

const WINDOW_KEY = "reportingWindowDays";

export interface WindowSetting {
  windowDays: number;
  /** 0 while the default applies. */
  version: number;
  updatedAt: Date | null;
}

/** Days after a quarter's end during which its report is on time (admin-set, default 10). */
export async function getWindowSetting(): Promise<WindowSetting> {
  const row = await db.setting.findUnique({ where: { key: WINDOW_KEY } });
  if (!row || typeof row.value !== "number") return { windowDays: DEFAULT_WINDOW_DAYS, version: 0, updatedAt: null };
  return { windowDays: row.value, version: row.version, updatedAt: row.updatedAt };
}

export async function setWindowDays(input: WindowSettingInput, actorId: number): Promise<void> {
  await db.$transaction(async (tx) => {
    const row = await tx.setting.findUnique({ where: { key: WINDOW_KEY }, select: { value: true } });
    await updateVersioned(
      tx,
      "setting",
      { where: { key: WINDOW_KEY }, version: input.version, create: { key: WINDOW_KEY, value: input.windowDays } },
      { value: input.windowDays, updatedAt: new Date() },
      {
        lastChange: lastAudited("Setting", WINDOW_KEY),
        message: ({ who, when }) => `保存未成功：${who} 已于 ${when} 修改了该设置，请刷新后再试。`,
      },
    );
    await recordAudit(tx, {
      actorId,
      action: "setting.update",
      entity: "Setting",
      entityId: WINDOW_KEY,
      before: { windowDays: row ? row.value : DEFAULT_WINDOW_DAYS },
      after: { windowDays: input.windowDays },
    });
  });
}
