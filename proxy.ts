/**
 * Sends anonymous visitors to sign-in and slides the idle timeout of signed-in ones. This is a
 * convenience, not the security boundary: every page, action and route handler checks the user
 * itself (lib/auth/session.ts).
 */
import { NextResponse, type NextRequest } from "next/server";
import { encode, getToken } from "next-auth/jwt";
import { SESSION_ABSOLUTE_SECONDS, SESSION_IDLE_SECONDS, sessionExpired } from "@/lib/auth/session-policy";

const PUBLIC_PAGES = ["/login", "/forbidden"];
const SESSION_SLIDE_INTERVAL_SECONDS = 60;

function usesSecureCookie(request: NextRequest): boolean {
  return (process.env.NEXTAUTH_URL ?? request.nextUrl.origin).startsWith("https://");
}

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const secret = process.env.NEXTAUTH_SECRET;
  const secureCookie = usesSecureCookie(request);
  const cookieName = secureCookie ? "__Secure-next-auth.session-token" : "next-auth.session-token";
  const token = await getToken({ req: request, secret, secureCookie });
  const now = Math.floor(Date.now() / 1000);
  const live = token && !sessionExpired(token, now) ? token : null;

  if (!live) {
    if (PUBLIC_PAGES.includes(pathname)) return NextResponse.next();
    const login = new URL("/login", request.url);
    login.searchParams.set("callbackUrl", `${pathname}${search}`);
    if (token) login.searchParams.set("expired", "1");
    const response = NextResponse.redirect(login);
    if (token) response.cookies.delete(cookieName);
    return response;
  }

  const response = NextResponse.next();
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
  // API routes answer with JSON 401/403 themselves; static files need no session.
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
