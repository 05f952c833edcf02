/**
 * Limits on signing in (等保 2.0 level 3): an account locks for 15 minutes after 5 consecutive
 * failures; at most 10 attempts per account and 30 per address in any 15 minutes (the SIGNIN_*
 * settings). Pure once configured.
 */
import { env } from "@/lib/core/env";

const config = env();
export const MAX_CONSECUTIVE_FAILURES = config.SIGNIN_MAX_FAILURES;
export const LOCK_MINUTES = config.SIGNIN_LOCK_MINUTES;
export const RATE_WINDOW_MINUTES = 15;
export const MAX_ATTEMPTS_PER_ACCOUNT = config.SIGNIN_MAX_PER_ACCOUNT;
export const MAX_ATTEMPTS_PER_ADDRESS = config.SIGNIN_MAX_PER_ADDRESS;
/** How many previous passwords may not be used again. */
export const PASSWORD_HISTORY = 5;

export type SignInRefusal = "invalid" | "locked" | "rate_limited";

export const REFUSAL_MESSAGES: Record<SignInRefusal, string> = {
  invalid: "用户名或密码错误，或账号已停用。",
  locked: `连续 ${MAX_CONSECUTIVE_FAILURES} 次密码错误，账号已锁定 ${LOCK_MINUTES} 分钟，请稍后再试或联系管理员。`,
  rate_limited: `登录尝试过于频繁，请 ${RATE_WINDOW_MINUTES} 分钟后再试。`,
};

export function rateLimited(attempts: { byAccount: number; byAddress: number }): boolean {
  return attempts.byAccount >= MAX_ATTEMPTS_PER_ACCOUNT || attempts.byAddress >= MAX_ATTEMPTS_PER_ADDRESS;
}

/** After a failure: the new failure count, and the lock's end when this failure reaches the limit. */
export function afterFailure(consecutiveFailures: number, now: Date): { failures: number; lockedUntil: Date | null } {
  const failures = consecutiveFailures + 1;
  if (failures < MAX_CONSECUTIVE_FAILURES) return { failures, lockedUntil: null };
  return { failures: 0, lockedUntil: new Date(now.getTime() + LOCK_MINUTES * 60_000) };
}

/** The first address of X-Forwarded-For (set by the reverse proxy), else X-Real-IP, else "direct". */
export function clientAddress(headers: Record<string, string | string[] | undefined> | Headers | undefined): string {
  const get = (name: string) => {
    if (!headers) return undefined;
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const forwarded = get("x-forwarded-for")?.split(",")[0]?.trim();
  return (forwarded || get("x-real-ip")?.trim() || "direct").slice(0, 64);
}
