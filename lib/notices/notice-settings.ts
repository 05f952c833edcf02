import "server-only";
import { db } from "@/lib/core/db";
import { noticeRulesOf, type NoticeRules } from "./notice-rules";

export const NOTICE_RULES_KEY = "noticeRules";

/** The automatic notices' thresholds (Setting `noticeRules`), each field its default while unset or invalid. */
export async function getNoticeRules(): Promise<NoticeRules & { version: number }> {
  const row = await db.setting.findUnique({ where: { key: NOTICE_RULES_KEY }, select: { value: true, version: true } });
  return { ...noticeRulesOf(row?.value ?? null), version: row?.version ?? 0 };
}
