/**
 * Requests refused before any page, route handler or server action sees them, each with a 4xx and
 * a Chinese message instead of Next's own 500 or bare English answer: an address that does not
 * decode (NUL, invalid UTF-8, a stray `%`), a method the address does not take, and a server action
 * posted in a shape React never sends. Pure and free of Next imports: proxy.ts calls it for pages,
 * routes and actions, and scripts/serve.ts calls it first, for what Next refuses before the proxy
 * runs (TRACE, an undecodable path segment).
 */
import { hasXmlInvalid } from "./text";

export interface Refusal {
  status: 400 | 405 | 409 | 415;
  message: string;
  /** The methods the address takes (for a 405's `Allow` header). */
  allow?: readonly string[];
}

type HeaderBag = Headers | Record<string, string | string[] | undefined>;

/** Pages take GET and HEAD, and POST for server actions (React posts them to the page's address). */
const PAGE_METHODS = ["GET", "HEAD", "POST"] as const;
/** Route handlers only read; Next answers OPTIONS itself. */
const API_METHODS = ["GET", "HEAD", "OPTIONS"] as const;
/** next-auth's sign-in, sign-out and CSRF endpoints also take POST. */
const API_POST_PREFIX = "/api/auth/";
const API_POST_METHODS = ["GET", "HEAD", "OPTIONS", "POST"] as const;
/** Next's build output and images. */
const ASSET_METHODS = ["GET", "HEAD"] as const;

/** The methods an address takes, by area (tests/unit/request-checks.test.ts holds every route file to it). */
export function allowedMethods(pathname: string): readonly string[] {
  if (pathname.startsWith(API_POST_PREFIX)) return API_POST_METHODS;
  if (pathname === "/api" || pathname.startsWith("/api/")) return API_METHODS;
  if (pathname.startsWith("/_next/")) return ASSET_METHODS;
  return PAGE_METHODS;
}

/** A Next server action id: 42 hexadecimal digits (next/dist/shared/lib/server-reference-info). */
const ACTION_ID = /^[0-9a-f]{42}$/i;

export const MESSAGES = {
  badAddress: "请求地址无效：含有无法解码的字符或控制字符，请检查链接后重试。",
  badMethod: "此地址不支持该请求方法。",
  badActionId: "提交无效：操作标识格式不正确，请刷新页面后重试。",
  badActionType: "提交无效：表单只接受 multipart/form-data 格式，请在页面上重新提交。",
  badActionBody: "提交无效：表单内容不完整或格式不正确，请刷新页面后重新提交。",
  staleAction: "提交无效：页面已过期（系统已更新），请刷新页面后重新提交。",
  badClientRequest: "请求格式无效，服务器无法处理。",
} as const;

function header(headers: HeaderBag, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The path and query of a request target, as sent (`/tasks?q=%FF`) or as an absolute URL. */
function target(url: string): { pathname: string; query: string } {
  const relative = url.startsWith("/") ? url : url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, "");
  const withoutFragment = relative.split("#", 1)[0]!;
  const mark = withoutFragment.indexOf("?");
  return mark === -1
    ? { pathname: withoutFragment || "/", query: "" }
    : { pathname: withoutFragment.slice(0, mark) || "/", query: withoutFragment.slice(mark + 1) };
}

/** Percent-decodes one component; null when it is not UTF-8 or holds a character text never may. */
function decoded(component: string): string | null {
  try {
    const text = decodeURIComponent(component);
    return hasXmlInvalid(text) ? null : text;
  } catch {
    return null;
  }
}

function addressDecodes(pathname: string, query: string): boolean {
  if (decoded(pathname) === null) return false;
  if (!query) return true;
  return query.split("&").every((pair) => pair.split("=").every((part) => decoded(part.replace(/\+/g, " ")) !== null));
}

/** `multipart/form-data` with a boundary, or null. */
export function multipartBoundary(contentType: string | undefined): string | null {
  if (!contentType || !/^multipart\/form-data\s*(;|$)/i.test(contentType)) return null;
  const boundary = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return boundary ? (boundary[1] ?? boundary[2]!) : null;
}

const isTextPlain = (contentType: string | undefined) => !!contentType && /^text\/plain\s*(;|$)/i.test(contentType);

/**
 * Why a request is refused from its method, target and headers alone, or null. `url` is the
 * request target as received (Node's `request.url`) or the absolute URL (a web `Request`).
 */
export function malformedRequest(method: string, url: string, headers: HeaderBag): Refusal | null {
  const { pathname, query } = target(url);
  if (!addressDecodes(pathname, query)) return { status: 400, message: MESSAGES.badAddress };
  const allow = allowedMethods(pathname);
  if (!allow.includes(method.toUpperCase())) return { status: 405, message: MESSAGES.badMethod, allow };
  if (method.toUpperCase() !== "POST" || allow !== PAGE_METHODS) return null;

  // A POST to a page is a server action: React sends a fetch action (Next-Action header) as
  // multipart/form-data, or as text/plain when it carries no form; a form posted without
  // JavaScript as multipart/form-data. Next takes no other shape (its url-encoded branch only
  // bails out), and a body it cannot decode ends in a 500.
  const contentType = header(headers, "content-type");
  const actionId = header(headers, "next-action");
  if (actionId !== undefined && !ACTION_ID.test(actionId)) return { status: 400, message: MESSAGES.badActionId };
  if (multipartBoundary(contentType) !== null) return null;
  if (actionId !== undefined && isTextPlain(contentType)) return null;
  return { status: 415, message: MESSAGES.badActionType };
}

const utf8 = new TextDecoder("utf-8", { fatal: true });
/** latin1 maps every byte to one character, so offsets in the text are offsets in the bytes. */
const latin1 = new TextDecoder("latin1");
/** How much of a multipart body's end is read for its last part (React's root: the previous form state and references). */
const TAIL_BYTES = 1024 * 1024;

/**
 * Why the body of a server action (a POST to a page that passed `malformedRequest`) is refused,
 * or null. React's reply is a JSON array of the arguments (text/plain), or a multipart form holding
 * that array in the part named "0" (written last unless the action was passed promises or
 * streams) beside the parts it refers to; any other body makes Next's decoder throw, or wait for
 * a part that never comes, and Next answers a 500.
 */
export function malformedActionBody(headers: HeaderBag, body: Uint8Array, tailBytes = TAIL_BYTES): Refusal | null {
  const contentType = header(headers, "content-type");
  const refused = { status: 400, message: MESSAGES.badActionBody } as const;
  if (isTextPlain(contentType)) {
    // Nothing but the root to refer to.
    return replyReferences(body)?.every((part) => part === 0) ? null : refused;
  }
  const boundary = multipartBoundary(contentType);
  if (boundary === null) return null;
  const opening = `--${boundary}\r\n`;
  const delimiter = `\r\n--${boundary}\r\n`;
  const closing = `\r\n--${boundary}--`;
  if (latin1.decode(body.subarray(0, opening.length)) !== opening) return refused;
  const offset = Math.max(0, body.length - tailBytes);
  const tail = latin1.decode(body.subarray(offset));
  const end = tail.lastIndexOf(closing);
  if (end === -1 || tail.slice(end + closing.length).trim() !== "") return refused;
  if (header(headers, "next-action") === undefined) return null;
  // Walk back from the last part to the one named "0".
  let partEnd = end;
  while (partEnd > 0) {
    const previous = tail.lastIndexOf(delimiter, partEnd - 1);
    if (previous === -1 && offset > 0) return malformedActionBody(headers, body, body.length);
    const partStart = previous === -1 ? opening.length : previous + delimiter.length;
    const part = tail.slice(partStart, partEnd);
    const split = part.indexOf("\r\n\r\n");
    if (split === -1) return refused;
    if (PART_NAME.exec(part.slice(0, split))?.[1] === "0") {
      const references = replyReferences(body.subarray(offset + partStart + split + 4, offset + partEnd));
      if (!references) return refused;
      const outlined = references.filter((id) => id !== 0);
      if (!outlined.length) return null;
      const names = partNames(latin1.decode(body), boundary);
      return outlined.every((id) => names.has(String(id))) ? null : refused;
    }
    partEnd = previous;
  }
  return refused;
}

const PART_NAME = /^content-disposition:\s*form-data;\s*name="([^"]*)"\s*$/im;

function partNames(text: string, boundary: string): Set<string> {
  const names = new Set<string>();
  for (const part of text.split(`--${boundary}\r\n`)) {
    const name = PART_NAME.exec(part.slice(0, part.indexOf("\r\n\r\n")))?.[1];
    if (name !== undefined) names.add(name);
  }
  return names;
}

/**
 * React's reply strings that stand for a value of their own (react-server-dom's parseModelString):
 * "$$…" an escaped string, $undefined, $Infinity, $-0/$-Infinity, $NaN, $D a date, $n a bigint,
 * $T a temporary reference, $K the form fields with its prefix. Every other "$…" string refers to
 * another part by its hexadecimal id.
 */
const SELF_CONTAINED = new Set(["$", "u", "I", "-", "N", "D", "n", "T", "K"]);
const MAX_DEPTH = 64;

/** The ids of the parts a JSON reply refers to, or null when it is no array or holds an unreadable reference. */
function replyReferences(bytes: Uint8Array): number[] | null {
  let root: unknown;
  try {
    root = JSON.parse(utf8.decode(bytes));
  } catch {
    return null;
  }
  if (!Array.isArray(root)) return null;
  const references: number[] = [];
  const visit = (value: unknown, depth: number): boolean => {
    if (depth > MAX_DEPTH) return false;
    if (typeof value === "string") {
      if (!value.startsWith("$") || SELF_CONTAINED.has(value[1] ?? "")) return true;
      const id = /^\$[^0-9a-f]?([0-9a-f]+)(?::|$)/.exec(value)?.[1];
      if (id === undefined) return false;
      references.push(parseInt(id, 16));
      return true;
    }
    if (Array.isArray(value)) return value.every((item) => visit(item, depth + 1));
    if (value && typeof value === "object") return Object.values(value).every((item) => visit(item, depth + 1));
    return true;
  };
  return visit(root, 0) ? references : null;
}

/** The refusal as an HTTP answer: the API's JSON error body under /api, a small Chinese page elsewhere. */
export function refusalAnswer(refusal: Refusal, url: string): { status: number; headers: Record<string, string>; body: string } {
  const { pathname } = target(url);
  const headers: Record<string, string> = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
  };
  if (refusal.allow) headers.Allow = refusal.allow.join(", ");
  if (pathname === "/api" || pathname.startsWith("/api/")) {
    headers["Content-Type"] = "application/json; charset=utf-8";
    // The body every API error has (lib/core/responses.ts jsonError).
    return { status: refusal.status, headers, body: JSON.stringify({ error: { status: refusal.status, message: refusal.message } }) };
  }
  headers["Content-Type"] = "text/html; charset=utf-8";
  const body = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>请求无效 - 美丽江西建设推进管理平台</title></head><body><h1>请求无效（${refusal.status}）</h1><p>${refusal.message}</p><p><a href="/">返回首页</a></p></body></html>`;
  return { status: refusal.status, headers, body };
}

/**
 * Next's own refusal of a server action it cannot find, which it words in English plain text: 409
 * for an id of another build (a page loaded before an update), 400 for a form posted without
 * JavaScript naming no action of this build.
 */
export function unknownActionRefusal(status: number): Refusal {
  return status === 409 ? { status: 409, message: MESSAGES.staleAction } : { status: 400, message: MESSAGES.badActionBody };
}

const REASONS: Record<number, string> = { 400: "Bad Request", 405: "Method Not Allowed", 409: "Conflict", 415: "Unsupported Media Type" };

/** The refusal as raw HTTP/1.1, for a socket Node's HTTP parser gave up on (or a CONNECT) before any response object exists. */
export function rawRefusal(refusal: Refusal): string {
  const { status, headers, body } = refusalAnswer(refusal, "/");
  const lines = Object.entries({ ...headers, "Content-Length": String(new TextEncoder().encode(body).length), Connection: "close" });
  return `HTTP/1.1 ${status} ${REASONS[status]}\r\n${lines.map(([name, value]) => `${name}: ${value}`).join("\r\n")}\r\n\r\n${body}`;
}
