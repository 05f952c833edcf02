import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import type { MailContent, WebhookPayload } from "./message";
import { DELIVERY_HEADER, SIGNATURE_HEADER, signatureOf } from "./webhook-signature";

/**
 * The two ways out: an e-mail through the SMTP server (nodemailer), a signed POST to the messaging
 * gateway. Each answers with what the other side said, shortened for the delivery log, and whether
 * trying again could help; neither throws.
 */

export interface SendResult {
  ok: boolean;
  /** The SMTP reply or the HTTP status and body, or why there was none. */
  response: string;
  /** Trying again cannot help (no such mailbox, the gateway refused the request as such). */
  permanent: boolean;
}

const RESPONSE_LIMIT = 500;
const shorten = (text: string) => (text.length > RESPONSE_LIMIT ? `${text.slice(0, RESPONSE_LIMIT)}…` : text);

/** Replies that name the recipient as the problem (RFC 5321: 550 no such mailbox, 551 not local, 553 bad name). */
const PERMANENT_SMTP = new Set([550, 551, 553]);

// A mail server that accepts the connection and then says nothing must not hold a relay run.
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

const transporters = new Map<string, Transporter>();

/**
 * The transport of SMTP_URL, with the timeouts above unless the URL sets its own: nodemailer reads
 * its options from the URL's query (smtp://mail.intranet:25?tls.rejectUnauthorized=false), and
 * keeps nothing else given beside a URL.
 */
function transporterFor(smtpUrl: string): Transporter {
  let transporter = transporters.get(smtpUrl);
  if (!transporter) {
    const url = new URL(smtpUrl);
    for (const [name, value] of Object.entries(SMTP_TIMEOUTS)) if (!url.searchParams.has(name)) url.searchParams.set(name, String(value));
    transporter = nodemailer.createTransport(url.toString());
    transporters.set(smtpUrl, transporter);
  }
  return transporter;
}

export interface OutgoingMail extends MailContent {
  from: string;
  to: { name: string; address: string };
  /** Lets the receiving side tell one delivery from another (and a repeat from a new one). */
  deliveryId: number;
}

export async function sendMail(smtpUrl: string, mail: OutgoingMail): Promise<SendResult> {
  try {
    const info = (await transporterFor(smtpUrl).sendMail({
      from: mail.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: { [DELIVERY_HEADER]: String(mail.deliveryId) },
    })) as { response?: string };
    return { ok: true, response: shorten(info.response ?? "已投递"), permanent: false };
  } catch (error) {
    const { response, responseCode, code, message } = error as {
      response?: string;
      responseCode?: number;
      code?: string;
      message?: string;
    };
    return {
      ok: false,
      response: shorten(response ?? ([code, message].filter(Boolean).join(" ") || "发送失败")),
      permanent: typeof responseCode === "number" && PERMANENT_SMTP.has(responseCode),
    };
  }
}

export interface OutgoingCall {
  url: string;
  secret: string;
  deliveryId: number;
  payload: WebhookPayload;
  timeoutMs: number;
}

/** One POST of the payload, signed; 2xx is delivered. A 4xx other than 408 and 429 is the request's own fault: not retried. */
export async function postWebhook(call: OutgoingCall): Promise<SendResult> {
  const body = JSON.stringify(call.payload);
  const signal = AbortSignal.timeout(call.timeoutMs);
  try {
    const answer = await fetch(call.url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        [SIGNATURE_HEADER]: signatureOf(body, call.secret),
        [DELIVERY_HEADER]: String(call.deliveryId),
      },
      body,
      redirect: "manual",
      signal,
    });
    const text = (await answer.text().catch(() => "")).trim();
    const ok = answer.status >= 200 && answer.status < 300;
    const refused = answer.status >= 400 && answer.status < 500 && answer.status !== 408 && answer.status !== 429;
    return { ok, response: shorten(`HTTP ${answer.status}${text ? ` ${text}` : ""}`), permanent: !ok && refused };
  } catch (error) {
    if (signal.aborted) return { ok: false, response: `超时：${Math.round(call.timeoutMs / 1000)} 秒内没有答复`, permanent: false };
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = cause ? [cause.code, cause.message].filter(Boolean).join(" ") : String((error as Error).message ?? error);
    return { ok: false, response: shorten(`连接失败：${reason}`), permanent: false };
  }
}
