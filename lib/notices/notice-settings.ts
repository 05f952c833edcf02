import "server-only";
import { db } from "@/lib/core/db";
import { saveSetting } from "@/lib/admin/settings";
import { noticeRulesOf, noticeRulesSchema, type NoticeRules } from "./notice-rules";
import type { NoticeRulesFormInput } from "./schemas";

export const NOTICE_RULES_KEY = "noticeRules";

/** The automatic notices' thresholds (Setting `noticeRules`), each field its default while unset or invalid. */
export async function getNoticeRules(): Promise<NoticeRules & { version: number }> {
  const row = await db.setting.findUnique({ where: { key: NOTICE_RULES_KEY }, select: { value: true, version: true } });
  return { ...noticeRulesOf(row?.value ?? null), version: row?.version ?? 0 };
}

/** Saves the thresholds at the version the admin loaded (versioned, audited). */
export async function saveNoticeRules(input: NoticeRulesFormInput, actorId: number): Promise<void> {
  const { version, ...fields } = input;
  const rules = noticeRulesSchema.parse(fields);
  await saveSetting(NOTICE_RULES_KEY, rules, version, actorId, (before) => ({
    before: noticeRulesOf(before ?? null),
    after: rules,
  }));
}
