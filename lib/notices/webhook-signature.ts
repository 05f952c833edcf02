/**
 * The signature of a webhook call: `X-Meili-Signature: sha256=<hex HMAC-SHA256 of the raw body>`
 * with the secret the admin shared with the gateway, the way GitHub signs its webhooks. The gateway
 * computes the same over the bytes it received and compares in constant time (verifySignature).
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "X-Meili-Signature";
export const DELIVERY_HEADER = "X-Meili-Delivery";

export function signatureOf(rawBody: string | Buffer, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(rawBody).digest("hex")}`;
}

/** True when `header` is the signature of `rawBody` with `secret`. */
export function verifySignature(rawBody: string | Buffer, secret: string, header: string | null | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signatureOf(rawBody, secret));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
