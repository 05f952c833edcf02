/**
 * The automatic notices' thresholds as the admin saves them (系统设置 → 自动提醒规则): a bad value is
 * refused in Chinese by the form's schema, a save is read back by the daily jobs' reader, a save on
 * a stale version is refused naming who changed it, and the setting is put back afterwards so that
 * every other test runs on the defaults.
 */
import { afterAll, describe, expect, it } from "vitest";
import { StaleWriteError } from "@/lib/core/errors";
import { getNoticeRules, NOTICE_RULES_KEY, saveNoticeRules } from "@/lib/notices/notice-settings";
import { DEFAULT_NOTICE_RULES } from "@/lib/notices/notice-rules";
import { noticeRulesFormSchema } from "@/lib/notices/schemas";
import { seededPrisma } from "../support/database";

const db = seededPrisma();
const before = await db.setting.findUnique({ where: { key: NOTICE_RULES_KEY } });

afterAll(async () => {
  if (before) await db.setting.update({ where: { key: NOTICE_RULES_KEY }, data: { value: before.value ?? {} } });
  else await db.setting.deleteMany({ where: { key: NOTICE_RULES_KEY } });
});

describe("自动提醒规则", () => {
  it("refuses wrong values in Chinese, field by field", () => {
    const parsed = noticeRulesFormSchema.safeParse({
      version: "0",
      dueDays: "7，三",
      reviewWaitDays: "0",
      escalateAfterDays: "2.5",
      milestoneDueDays: "400",
      digestAt: "25:00",
    });
    expect(parsed.success).toBe(false);
    const messages = Object.fromEntries(parsed.error!.issues.map((issue) => [String(issue.path[0]), issue.message]));
    expect(messages).toEqual({
      dueDays: "到期前提醒的天数应为 1–10 个 0–60 的整数，用逗号分隔，如 7,3,1",
      reviewWaitDays: "待审核提醒天数不能小于 1 天",
      escalateAfterDays: "逐级提醒天数须为整数天数",
      milestoneDueDays: "节点到期提醒天数不能超过 366 天",
      digestAt: "每日汇总时间应为 HH:MM，如 07:30",
    });
  });

  it("saves at the loaded version, is what the jobs read, and refuses a stale save", async () => {
    const admin = await db.user.findUniqueOrThrow({ where: { username: "admin" }, select: { id: true } });
    const current = await getNoticeRules();
    const input = noticeRulesFormSchema.parse({
      version: String(current.version),
      dueDays: "5、2",
      reviewWaitDays: "4",
      escalateAfterDays: "2",
      milestoneDueDays: "10",
      digestAt: "08:15",
    });
    await saveNoticeRules(input, admin.id);
    const saved = await getNoticeRules();
    expect(saved).toEqual({
      dueDays: [5, 2],
      reviewWaitDays: 4,
      escalateAfterDays: 2,
      milestoneDueDays: 10,
      digestAt: "08:15",
      version: current.version + 1,
    });
    await expect(saveNoticeRules({ ...input, escalateAfterDays: 9 }, admin.id)).rejects.toThrow(StaleWriteError);
    expect((await getNoticeRules()).escalateAfterDays).toBe(2);
    const audit = await db.auditLog.findFirst({ where: { entity: "Setting", entityId: NOTICE_RULES_KEY }, orderBy: { id: "desc" } });
    expect(audit?.after).toMatchObject({ escalateAfterDays: 2, digestAt: "08:15" });
    expect(DEFAULT_NOTICE_RULES.escalateAfterDays).toBe(3);
  });
});
