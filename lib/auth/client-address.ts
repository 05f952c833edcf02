/**
 * Who is on the other end of a request. The client is the connection's peer (the TCP socket's
 * remote address), unless that peer is one of the configured reverse proxies (TRUSTED_PROXIES):
 * then X-Forwarded-For is read from the right, through trusted proxies only, as Express does (its
 * `proxy-addr`). A header from anyone else is ignored, so nobody can choose the address the sign-in
 * limits count and the audit log records.
 *
 * scripts/serve.ts, in front of Next, resolves it once per request and passes it on in one private
 * header, overwriting whatever a client sent under that name; the app reads only that header, since
 * route handlers never see the socket. No "server-only": serve.ts imports this outside Next.
 */
import type { IncomingHttpHeaders } from "node:http";
import ipaddr from "ipaddr.js";
import proxyAddr from "proxy-addr";

/** The header scripts/serve.ts sets on every request: the resolved client address. */
export const CLIENT_ADDRESS_HEADER = "x-meili-client-address";

/** What a proxy says about the original request; believed only from a trusted proxy. */
const FORWARDING_HEADERS = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip", "forwarded"];

/** An address in one spelling: `::ffff:10.0.0.1` is 10.0.0.1, IPv6 in its RFC 5952 form. */
export function normaliseAddress(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  // ipaddr.js 1.9 has toRFC5952String() (the short form) but its types do not list it.
  return parsed.kind() === "ipv6" ? (parsed as ipaddr.IPv6 & { toRFC5952String(): string }).toRFC5952String() : parsed.toString();
}

export interface PeerRequest {
  socket: { remoteAddress?: string | undefined };
  headers: IncomingHttpHeaders;
}

export type ProxyTrust = (address: string, hop: number) => boolean;

/** The trust test for a list of addresses and CIDR ranges (validated by lib/core/env.ts). */
export function trustProxies(list: readonly string[]): ProxyTrust {
  return proxyAddr.compile([...list]);
}

/**
 * The client address of `request`: its peer, or, behind trusted proxies, the nearest address in
 * X-Forwarded-For that is not itself a trusted proxy. Anything that is not an IP address (a proxy
 * passing on garbage) counts as unknown rather than being recorded.
 */
export function resolveClientAddress(request: PeerRequest, trust: ProxyTrust): string {
  const peer = request.socket.remoteAddress;
  if (!peer) return "unknown";
  // proxy-addr reads only the socket and the headers; it is typed for a whole IncomingMessage.
  const address = proxyAddr(request as Parameters<typeof proxyAddr>[0], trust);
  return ipaddr.isValid(address) ? normaliseAddress(address) : "unknown";
}

/**
 * Rewrites a request's headers before Next sees it: the private client-address header set to the
 * resolved address, and the forwarding headers dropped unless the peer is a trusted proxy (Next
 * reads X-Forwarded-Host and -Proto itself, and fills X-Forwarded-For with the peer when absent).
 */
export function applyClientAddress(request: PeerRequest, trust: ProxyTrust): string {
  const address = resolveClientAddress(request, trust);
  const peer = request.socket.remoteAddress;
  if (!peer || !trust(peer, 0)) for (const name of FORWARDING_HEADERS) delete request.headers[name];
  request.headers[CLIENT_ADDRESS_HEADER] = address;
  return address;
}

/** The client address scripts/serve.ts resolved for this request ("unknown" without it). */
export function clientAddress(headers: Headers | IncomingHttpHeaders | Record<string, string | string[] | undefined> | undefined): string {
  const value = headers instanceof Headers ? headers.get(CLIENT_ADDRESS_HEADER) : headers?.[CLIENT_ADDRESS_HEADER];
  const address = (Array.isArray(value) ? value[0] : value)?.trim();
  return address ? address.slice(0, 64) : "unknown";
}
