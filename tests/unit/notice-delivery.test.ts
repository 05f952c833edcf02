import { describe, expect, it } from "vitest";
import { afterFailure, quietHoursOf, quietUntil, retryDelayMs, retrySpanMs, type RetryPolicy } from "@/lib/notices/delivery-rules";
import { absoluteUrl, digestMail, noticeMail, noticePayload } from "@/lib/notices/message";
import { signatureOf, verifySignature } from "@/lib/notices/webhook-signature";
import { dailyAt } from "@/lib/jobs/scheduled-jobs";
import { parseEnv } from "@/lib/core/env";

const china = (clock: string, day = "2026-12-02") => new Date(`${day}T${clock}:00+08:00`);

describe("the webhook's signature", () => {
  it("is the hex HMAC-SHA256 of the raw body with the shared secret, prefixed sha256=", () => {
    // RFC 4231-style known answer (the widely published "quick brown fox" vector).
    expect(signatureOf("The quick brown fox jumps over the lazy dog", "key")).toBe(
      "sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8",
    );
  });

  it("verifies only the same bytes with the same secret", () => {
    const body = JSON.stringify({ id: 7, title: "进展报告被退回" });
    const header = signatureOf(body, "s3cret-s3cret-s3cret");
    expect(verifySignature(body, "s3cret-s3cret-s3cret", header)).toBe(true);
    expect(verifySignature(`${body} `, "s3cret-s3cret-s3cret", header)).toBe(false);
    expect(verifySignature(body, "another-secret-0000", header)).toBe(false);
    expect(verifySignature(body, "s3cret-s3cret-s3cret", null)).toBe(false);
    expect(verifySignature(body, "s3cret-s3cret-s3cret", "sha256=00")).toBe(false);
  });
});

describe("quiet hours (China time)", () => {
  const night = { start: "22:00", end: "07:00" };

  it("hold a notice from the start minute to the end minute, across midnight", () => {
    expect(quietUntil(china("21:59"), night)).toBeNull();
    expect(quietUntil(china("22:00"), night)).toEqual(china("07:00", "2026-12-03"));
    expect(quietUntil(china("23:30"), night)).toEqual(china("07:00", "2026-12-03"));
    expect(quietUntil(china("03:15"), night)).toEqual(china("07:00"));
    expect(quietUntil(new Date("2026-12-02T06:59:59+08:00"), night)).toEqual(china("07:00"));
    expect(quietUntil(china("07:00"), night)).toBeNull();
  });

  it("within one day, and none when start equals end or nothing is set", () => {
    const lunch = { start: "12:00", end: "13:30" };
    expect(quietUntil(china("11:59"), lunch)).toBeNull();
    expect(quietUntil(china("12:45"), lunch)).toEqual(china("13:30"));
    expect(quietUntil(china("13:30"), lunch)).toBeNull();
    expect(quietUntil(china("03:00"), { start: "08:00", end: "08:00" })).toBeNull();
    expect(quietUntil(china("03:00"), null)).toBeNull();
  });

  it("are the person's own when both ends are set, else the unit's", () => {
    const unit = { quietStart: "22:00", quietEnd: "07:00" };
    expect(quietHoursOf({ quietStart: "23:00", quietEnd: "06:00" }, unit)).toEqual({ start: "23:00", end: "06:00" });
    expect(quietHoursOf({ quietStart: null, quietEnd: null }, unit)).toEqual({ start: "22:00", end: "07:00" });
    expect(quietHoursOf(null, null)).toBeNull();
  });
});

describe("retries", () => {
  const production: RetryPolicy = { maxAttempts: 20, firstDelayMs: 30_000, maxDelayMs: 600_000 };

  it("wait twice as long after each failure, at most the cap", () => {
    expect([1, 2, 3, 4, 5, 6, 19].map((failed) => retryDelayMs(failed, production) / 1000)).toEqual([30, 60, 120, 240, 480, 600, 600]);
  });

  it("with the defaults span more than an hour, so a mail server down for an hour loses nothing", () => {
    const defaults = parseEnv({});
    const policy = {
      maxAttempts: defaults.NOTICE_MAX_ATTEMPTS,
      firstDelayMs: defaults.NOTICE_RETRY_SECONDS * 1000,
      maxDelayMs: defaults.NOTICE_RETRY_MAX_SECONDS * 1000,
    };
    expect(policy).toEqual(production);
    expect(retrySpanMs(policy) / 3_600_000).toBeGreaterThan(2.5);
  });

  it("retry until the last attempt, and give up at once on a permanent refusal", () => {
    const now = new Date("2026-12-02T02:00:00Z");
    expect(afterFailure(1, now, production, false)).toEqual({ status: "RETRYING", notBefore: new Date("2026-12-02T02:00:30Z") });
    expect(afterFailure(20, now, production, false)).toEqual({ status: "FAILED" });
    expect(afterFailure(1, now, production, true)).toEqual({ status: "FAILED" });
  });
});

describe("what a delivery says", () => {
  const notice = {
    id: 41,
    kind: "report.returned",
    title: "进展报告被退回：任务 5（2026年第三季度）",
    body: "意见：请补充佐证材料。\n请按意见修改后重新提交。",
    href: "/reports/9",
    urgent: true,
    createdAt: new Date("2026-12-02T01:02:03Z"),
  };

  it("links with the public address, which may carry a path of its own", () => {
    expect(absoluteUrl("https://meili.intranet/", "/reports/9")).toBe("https://meili.intranet/reports/9");
    expect(absoluteUrl("https://portal.intranet/meili", "/reports/9")).toBe("https://portal.intranet/meili/reports/9");
    expect(absoluteUrl("https://meili.intranet", null)).toBeNull();
  });

  it("is a Chinese e-mail addressed by name, with the link, in text and escaped HTML", () => {
    const mail = noticeMail({ ...notice, body: "意见：<b>补充</b>" }, "南昌市填报人", "https://meili.intranet");
    expect(mail.subject).toBe("【美丽江西】进展报告被退回：任务 5（2026年第三季度）");
    expect(mail.text).toContain("南昌市填报人：");
    expect(mail.text).toContain("办理入口：https://meili.intranet/reports/9");
    expect(mail.text).toContain("通知时间：2026/12/2 09:02:03");
    expect(mail.html).toContain("意见：&lt;b&gt;补充&lt;/b&gt;");
    expect(mail.html).toContain('<a href="https://meili.intranet/reports/9">');
  });

  it("lists every notice of a digest", () => {
    const mail = digestMail(
      "2026-12-02",
      [notice, { ...notice, id: 42, title: "第三季度报告即将到期", href: null }],
      "李四",
      "https://meili.intranet",
    );
    expect(mail.subject).toBe("【美丽江西】2026年12月2日待办汇总（2 条）");
    expect(mail.text).toMatch(/1\. 进展报告被退回[\s\S]*2\. 第三季度报告即将到期/);
    expect(mail.html.match(/<li>/g)).toHaveLength(2);
  });

  it("is the documented JSON for the webhook", () => {
    expect(noticePayload(notice, "13800000000", "https://meili.intranet")).toEqual({
      id: 41,
      kind: "report.returned",
      title: notice.title,
      body: notice.body,
      href: "https://meili.intranet/reports/9",
      to: "13800000000",
      urgent: true,
      createdAt: "2026-12-02T01:02:03.000Z",
    });
  });
});

describe("configuration", () => {
  it("takes an smtp:// or smtps:// mail server and never repeats it in a refusal", () => {
    expect(parseEnv({ SMTP_URL: "smtp://mail.intranet:25" }).SMTP_URL).toBe("smtp://mail.intranet:25");
    expect(parseEnv({}).MAIL_FROM).toBe("美丽江西建设推进管理平台 <noreply@meili.example.org>");
    let message = "";
    try {
      parseEnv({ SMTP_URL: "http://user:hunter2@mail.intranet" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/);
    expect(message).not.toContain("hunter2");
  });

  it("schedules a daily job at a China-time clock reading", () => {
    expect(dailyAt("00:05")).toBe("5 0 * * *");
    expect(dailyAt("07:30")).toBe("30 7 * * *");
    expect(() => dailyAt("7:30")).toThrow();
  });
});
