import { NextResponse } from "next/server";

/** JSON error body shared by every API route: `{ "error": { "status", "message" } }`, message in Chinese. */
export function jsonError(status: number, message: string): NextResponse {
  return NextResponse.json({ error: { status, message } }, { status });
}

/** The plan is a published document: public JSON, briefly cacheable. */
export function publicJson(body: unknown, maxAgeSeconds = 60): NextResponse {
  return NextResponse.json(body, { headers: { "Cache-Control": `public, max-age=${maxAgeSeconds}` } });
}

/** What a signed-in user or a token may read: never stored by a cache. */
export function privateJson(body: unknown): NextResponse {
  return NextResponse.json(body, { headers: { "Cache-Control": "private, no-store" } });
}
