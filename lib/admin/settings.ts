import "server-only";
import { db } from "@/lib/core/db";
import { DEFAULT_WINDOW_DAYS } from "@/lib/core/quarters";
import type { WindowSettingInput } from "@/lib/admin/schemas";
import { recordAudit } from "@/lib/audit/audit";
import { StaleWriteError } from "@/lib/core/errors";

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
    const row = await tx.setting.findUnique({ where: { key: WINDOW_KEY } });
    const current = row ? row.version : 0;
    if (current !== input.version) {
      throw new StaleWriteError("保存未成功：该设置已被其他管理员修改，请刷新后再试。");
    }
    const before = row ? row.value : DEFAULT_WINDOW_DAYS;
    if (row) {
      await tx.setting.update({
        where: { key: WINDOW_KEY },
        data: { value: input.windowDays, version: { increment: 1 }, updatedAt: new Date() },
      });
    } else {
      await tx.setting.create({ data: { key: WINDOW_KEY, value: input.windowDays } });
    }
    await recordAudit(tx, {
      actorId,
      action: "setting.update",
      entity: "Setting",
      entityId: WINDOW_KEY,
      before: { windowDays: before },
      after: { windowDays: input.windowDays },
    });
  });
}
