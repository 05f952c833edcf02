import "server-only";
import { db } from "@/lib/core/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DEFAULT_WINDOW_DAYS } from "@/lib/core/quarters";
import type { SignInHelpInput, WindowSettingInput } from "@/lib/admin/schemas";
import { recordAudit } from "@/lib/audit/audit";
import { lastAudited, updateVersioned } from "@/lib/core/versioned-update";

const WINDOW_KEY = "reportingWindowDays";
const SIGN_IN_HELP_KEY = "signInHelpText";

/** What the sign-in page says until the admin sets its own text (no made-up phone number). */
export const DEFAULT_SIGN_IN_HELP = "忘记密码请联系本单位系统管理员或省生态环境厅信息中心重置密码。";

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

/** One setting written as the version the admin loaded (0: the default was showing), audited in the same transaction. */
/** One setting saved at the version the admin loaded (versioned, audited as setting.update). */
export async function saveSetting(
  key: string,
  value: Prisma.InputJsonValue,
  version: number,
  actorId: number,
  audit: (before: Prisma.JsonValue | undefined) => { before: Prisma.InputJsonValue; after: Prisma.InputJsonValue },
): Promise<void> {
  await db.$transaction(async (tx) => {
    const row = await tx.setting.findUnique({ where: { key }, select: { value: true } });
    await updateVersioned(
      tx,
      "setting",
      { where: { key }, version, create: { key, value } },
      { value, updatedAt: new Date() },
      {
        lastChange: lastAudited("Setting", key),
        message: ({ who, when }) => `保存未成功：${who} 已于 ${when} 修改了该设置，请刷新后再试。`,
      },
    );
    await recordAudit(tx, { actorId, action: "setting.update", entity: "Setting", entityId: key, ...audit(row?.value) });
  });
}

export async function setWindowDays(input: WindowSettingInput, actorId: number): Promise<void> {
  await saveSetting(WINDOW_KEY, input.windowDays, input.version, actorId, (before) => ({
    before: { windowDays: before ?? DEFAULT_WINDOW_DAYS },
    after: { windowDays: input.windowDays },
  }));
}

/** Whom to ask when a password is forgotten: shown on the sign-in page (admin-set). */
export async function getSignInHelp(): Promise<{ text: string; version: number }> {
  const row = await db.setting.findUnique({ where: { key: SIGN_IN_HELP_KEY }, select: { value: true, version: true } });
  if (!row || typeof row.value !== "string") return { text: DEFAULT_SIGN_IN_HELP, version: 0 };
  return { text: row.value, version: row.version };
}

/** The sign-in page's help text, or the default when the database cannot be read: signing in must still show the page. */
export async function signInHelpText(): Promise<string> {
  try {
    return (await getSignInHelp()).text;
  } catch (error) {
    console.error("could not read the sign-in help text", error);
    return DEFAULT_SIGN_IN_HELP;
  }
}

export async function setSignInHelp(input: SignInHelpInput, actorId: number): Promise<void> {
  await saveSetting(SIGN_IN_HELP_KEY, input.text, input.version, actorId, (before) => ({
    before: { signInHelp: typeof before === "string" ? before : DEFAULT_SIGN_IN_HELP },
    after: { signInHelp: input.text },
  }));
}
