/**
 * Refuses malformed requests (lib/core/request-checks.ts) with a Chinese 4xx before Next decodes
 * them, sends anonymous visitors to sign-in and slides the idle timeout of signed-in ones. The
 * sign-in part is a convenience, not the security boundary: every page, action and route handler
 * checks the user itself (lib/auth/session.ts).
 */
import { NextResponse, type NextRequest } from "next/server";
import { encode, getToken } from "next-auth/jwt";
import { SESSION_ABSOLUTE_SECONDS, SESSION_IDLE_SECONDS, sessionExpired } from "@/lib/auth/session-policy";
import { env } from "@/lib/core/env";
import { malformedActionBody, malformedRequest, refusalAnswer, type Refusal } from "@/lib/core/request-checks";

const PUBLIC_PAGES = ["/login", "/forbidden"];
const SESSION_SLIDE_INTERVAL_SECONDS = 60;

function usesSecureCookie(request: NextRequest): boolean {
  return (env().NEXTAUTH_URL ?? request.nextUrl.origin).startsWith("https://");
}

/**
 * A strict Content-Security-Policy: scripts only from this origin with this response's nonce
 * (Next adds it to its own scripts), nothing from any other origin, no framing. `development` is
 * the build's mode, not configuration: Next replaces this NODE_ENV literal when it builds, so a
 * production build never allows eval whatever the environment says at run time.
 */
export function contentSecurityPolicy(nonce: string, development = process.env.NODE_ENV !== "production"): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** The page goes on with the CSP on the request (for Next's nonce) and on the response. */
function withCsp(request: NextRequest): NextResponse {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = contentSecurityPolicy(nonce);
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

/** Why the request is refused, or null: its address, method and headers, then a server action's body. */
async function refusalOf(request: NextRequest): Promise<Refusal | null> {
  const refused = malformedRequest(request.method, request.url, request.headers);
  if (refused || request.method !== "POST" || request.nextUrl.pathname.startsWith("/api/")) return refused;
  const body = new Uint8Array(await request.clone().arrayBuffer());
  // A body cut off at Next's proxy buffer is too large, which the action's size limit answers.
  const length = Number(request.headers.get("content-length") ?? body.length);
  return length > body.length ? null : malformedActionBody(request.headers, body);
}

export async function proxy(request: NextRequest) {
  const refused = await refusalOf(request);
  if (refused) {
    const { status, headers, body } = refusalAnswer(refused, request.url);
    return new NextResponse(body, { status, headers });
  }
  const { pathname, search } = request.nextUrl;
  // Route handlers answer with JSON 401/403 themselves.
  if (pathname.startsWith("/api/")) return NextResponse.next();
  const secret = env().NEXTAUTH_SECRET;
  const secureCookie = usesSecureCookie(request);
  const cookieName = secureCookie ? "__Secure-next-auth.session-token" : "next-auth.session-token";
  const token = await getToken({ req: request, secret, secureCookie });
  const now = Math.floor(Date.now() / 1000);
  const live = token && !sessionExpired(token, now) ? token : null;

  if (!live) {
    if (PUBLIC_PAGES.includes(pathname)) return withCsp(request);
    // A form sent after the session ended: the action itself answers "未登录或会话已过期" as a
    // form state, so the form keeps what was typed and offers to sign in again in a new window.
    // (A redirect here would reach the form as a page it cannot read.)
    if (request.method === "POST" && request.headers.has("next-action")) return withCsp(request);
    const login = new URL("/login", request.url);
    login.searchParams.set("callbackUrl", `${pathname}${search}`);
    if (token) login.searchParams.set("expired", "1");
    const response = NextResponse.redirect(login);
    if (token) response.cookies.delete(cookieName);
    return response;
  }

  const response = withCsp(request);
  // Slide the idle timeout at most once a minute: fewer cookie writes, and a request still in
  // flight when the user signs out (a link prefetch) cannot write the session cookie back.
  if (now - Number(live.lastSeen ?? 0) < SESSION_SLIDE_INTERVAL_SECONDS) return response;
  const refreshed = await encode({ token: { ...live, lastSeen: now }, secret: secret!, maxAge: SESSION_ABSOLUTE_SECONDS });
  response.cookies.set(cookieName, refreshed, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: secureCookie,
    maxAge: SESSION_IDLE_SECONDS,
  });
  return response;
}

export const config = {
  // Static files need no check and no session.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
