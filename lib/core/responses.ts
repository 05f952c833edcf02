import { NextResponse } from "next/server";

/** JSON error body shared by every API route: `{ "error": { "status", "message" } }`, message in Chinese. */
export function jsonError(status: number, message: string, details?: unknown): NextResponse {
  return NextResponse.json({ error: { status, message, ...(details ? { details } : {}) } }, { status });
}

/** The plan is a published document: public JSON, briefly cacheable. */
export function publicJson(body: unknown): NextResponse {
  return NextResponse.json(body, { headers: { "Cache-Control": "public, max-age=60" } });
}
