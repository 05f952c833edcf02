/**
 * What a delivery says, in Chinese: the e-mail (subject, plain text and simple HTML) and the
 * webhook's JSON, for one notice or for a person's daily digest. Pure: the relay loads the rows,
 * this words them.
 */
import { formatChinaTime, formatChineseDate } from "@/lib/core/dates";

export interface NoticeContent {
  id: number;
  kind: string;
  title: string;
  body: string;
  href: string | null;
  urgent: boolean;
  createdAt: Date;
}

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

/** The JSON a webhook call carries (README, "Notices"). */
export interface WebhookPayload {
  /** The notice's id; for a digest the delivery's. */
  id: number;
  kind: string;
  title: string;
  body: string;
  href: string | null;
  to: string;
  urgent: boolean;
  createdAt: string;
  /** A digest's notices. */
  notices?: { id: number; kind: string; title: string; href: string | null }[];
}

const SUBJECT_PREFIX = "【美丽江西】";
const FOOTER = "本邮件由美丽江西建设推进管理平台自动发送，请勿直接回复。";

/** A link of the app made absolute with the public base address (which may carry a path of its own). */
export function absoluteUrl(baseUrl: string, href: string | null): string | null {
  if (!href) return null;
  if (/^https?:\/\//i.test(href)) return href;
  return `${baseUrl.replace(/\/+$/, "")}${href.startsWith("/") ? href : `/${href}`}`;
}

export function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&#39;");
}

const htmlParagraphs = (text: string) =>
  text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replaceAll("\n", "<br>")}</p>`)
    .join("\n");

const htmlLink = (url: string, label: string) => `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`;

function htmlDocument(title: string, body: string): string {
  return [
    "<!doctype html>",
    '<html lang="zh-CN"><head><meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title></head>`,
    '<body style="font-family: sans-serif; line-height: 1.6; color: #1e293b">',
    body,
    `<hr><p style="font-size: 12px; color: #64748b">${escapeHtml(FOOTER)}</p>`,
    "</body></html>",
  ].join("\n");
}

/** The e-mail of one notice to `recipient` (the name it is addressed to). */
export function noticeMail(notice: NoticeContent, recipient: string, baseUrl: string): MailContent {
  const url = absoluteUrl(baseUrl, notice.href);
  const settings = absoluteUrl(baseUrl, "/account/notices")!;
  const subject = `${SUBJECT_PREFIX}${notice.title}`;
  const sent = `通知时间：${formatChinaTime(notice.createdAt)}`;
  const text = [
    `${recipient}：`,
    notice.body,
    ...(url ? [`办理入口：${url}`] : []),
    sent,
    `——\n${FOOTER}\n调整接收方式或免打扰时段：${settings}`,
  ].join("\n\n");
  const html = htmlDocument(
    subject,
    [
      `<p>${escapeHtml(recipient)}：</p>`,
      htmlParagraphs(notice.body),
      ...(url ? [`<p>办理入口：${htmlLink(url, url)}</p>`] : []),
      `<p>${escapeHtml(sent)}</p>`,
      `<p style="font-size: 12px">${htmlLink(settings, "调整接收方式或免打扰时段")}</p>`,
    ].join("\n"),
  );
  return { subject, text, html };
}

/** "2026年12月2日待办汇总（3 条）". */
export function digestTitle(day: string, count: number): string {
  return `${formatChineseDate(day)}待办汇总（${count} 条）`;
}

/** The plain-text list of a digest's notices, numbered, each with its link. */
export function digestText(notices: readonly NoticeContent[], baseUrl: string): string {
  return notices
    .map((notice, index) => {
      const url = absoluteUrl(baseUrl, notice.href);
      return [`${index + 1}. ${notice.title}`, `   ${notice.body.replaceAll("\n", "\n   ")}`, ...(url ? [`   办理入口：${url}`] : [])].join(
        "\n",
      );
    })
    .join("\n\n");
}

/** The e-mail of a person's daily digest: every notice of the day in one message. */
export function digestMail(day: string, notices: readonly NoticeContent[], recipient: string, baseUrl: string): MailContent {
  const title = digestTitle(day, notices.length);
  const subject = `${SUBJECT_PREFIX}${title}`;
  const inbox = absoluteUrl(baseUrl, "/notices")!;
  const settings = absoluteUrl(baseUrl, "/account/notices")!;
  const intro = `以下是${formatChineseDate(day)}发给您的 ${notices.length} 条通知：`;
  const text = [
    `${recipient}：`,
    intro,
    digestText(notices, baseUrl),
    `全部通知：${inbox}`,
    `——\n${FOOTER}\n调整接收方式或免打扰时段：${settings}`,
  ].join("\n\n");
  const items = notices
    .map((notice) => {
      const url = absoluteUrl(baseUrl, notice.href);
      const title = url ? htmlLink(url, notice.title) : escapeHtml(notice.title);
      return `<li><strong>${title}</strong><br>${escapeHtml(notice.body).replaceAll("\n", "<br>")}</li>`;
    })
    .join("\n");
  const html = htmlDocument(
    subject,
    [
      `<p>${escapeHtml(recipient)}：</p>`,
      `<p>${escapeHtml(intro)}</p>`,
      `<ol>\n${items}\n</ol>`,
      `<p>全部通知：${htmlLink(inbox, inbox)}</p>`,
      `<p style="font-size: 12px">${htmlLink(settings, "调整接收方式或免打扰时段")}</p>`,
    ].join("\n"),
  );
  return { subject, text, html };
}

export function noticePayload(notice: NoticeContent, to: string, baseUrl: string): WebhookPayload {
  return {
    id: notice.id,
    kind: notice.kind,
    title: notice.title,
    body: notice.body,
    href: absoluteUrl(baseUrl, notice.href),
    to,
    urgent: notice.urgent,
    createdAt: notice.createdAt.toISOString(),
  };
}

export function digestPayload(
  delivery: { id: number; createdAt: Date },
  day: string,
  notices: readonly NoticeContent[],
  to: string,
  baseUrl: string,
): WebhookPayload {
  return {
    id: delivery.id,
    kind: "digest",
    title: digestTitle(day, notices.length),
    body: digestText(notices, baseUrl),
    href: absoluteUrl(baseUrl, "/notices"),
    to,
    urgent: false,
    createdAt: delivery.createdAt.toISOString(),
    notices: notices.map((notice) => ({ id: notice.id, kind: notice.kind, title: notice.title, href: absoluteUrl(baseUrl, notice.href) })),
  };
}
