/**
 * Where to go after signing in (or out) when the place comes from input — `callbackUrl` on the
 * sign-in page, next-auth's redirect callback: only a path on this site. Browsers are generous in
 * what they read as another host: `//evil`, `/\evil` and `\\evil` are all `https://evil/`; tabs and
 * newlines are dropped anywhere (`/<TAB>/evil`); `https:evil` and `javascript:` are schemes. And a
 * server that decodes the path once more turns `/%2F%2Fevil` or `/%5Cevil` into the same. So rather
 * than list the bad spellings, a target is taken only when it is plainly a path: printable ASCII
 * with no backslash, one leading slash, and no slash or backslash after it even once decoded;
 * anything else falls back to `/` (which sends each role to its home).
 */

/** Origin of the fictitious site paths are resolved against, to see where a browser would go. */
const BASE = "http://site.invalid";
const MAX_LENGTH = 2000;

/** Printable ASCII except the backslash: no controls, spaces, or look-alike Unicode slashes. */
const PLAIN = /^[\x21-\x5b\x5d-\x7e]*$/;

/** A path as a browser would resolve it on this site; null for anything that may leave it. */
function sameSitePath(value: string): string | null {
  if (value.length > MAX_LENGTH || !PLAIN.test(value)) return null;
  if (!value.startsWith("/") || value.startsWith("//")) return null;
  // Decoding (as a later server might, more than once) must not make a host or a control appear.
  let decoded = value.split(/[?#]/)[0]!;
  for (let round = 0; round < 3; round += 1) {
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      return null;
    }
    if (/^[/\\]{2}/.test(next) || /[\\\x00-\x1f\x7f]/.test(next)) return null;
    if (next === decoded) break;
    decoded = next;
  }
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE || url.pathname.startsWith("//")) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** `value` when it is a path on this site, else `fallback` (by default the home page). */
export function safeRedirectPath(value: unknown, fallback = "/"): string {
  const candidate = Array.isArray(value) ? (value as unknown[])[0] : value;
  return (typeof candidate === "string" && sameSitePath(candidate)) || fallback;
}

/**
 * For next-auth's redirect callback, which hands over absolute URLs too: a URL of this site's own
 * origin is reduced to its path and judged like any other; any other origin leads home.
 */
export function safeRedirectUrl(url: string, baseUrl: string): string {
  const origin = new URL(baseUrl).origin;
  let path: unknown = url;
  if (!url.startsWith("/")) {
    try {
      const parsed = new URL(url);
      path = parsed.origin === origin ? `${parsed.pathname}${parsed.search}${parsed.hash}` : null;
    } catch {
      path = null;
    }
  }
  return `${origin}${safeRedirectPath(path)}`;
}
