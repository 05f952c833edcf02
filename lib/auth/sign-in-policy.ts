/**
 * Limits on signing in (等保 2.0 level 3, 登录失败处理), counting failures only — a successful
 * sign-in never counts against anyone. Usernames are unit codes, public, so no limit may let a
 * stranger shut a unit out; README ("Security and operations") gives the reasoning.
 *
 * - Account × address: 5 consecutive failures (SIGNIN_MAX_FAILURES) within 15 minutes lock the
 *   account for 15 minutes (SIGNIN_LOCK_MINUTES) — from that address only, the right password
 *   included. The real user at another address is not locked out.
 * - Address: 30 failures (SIGNIN_MAX_PER_ADDRESS) within 15 minutes, on any accounts, refuse that
 *   address for the rest of the window (a guesser spraying many accounts).
 * - Account, all addresses: from 10 failures (SIGNIN_MAX_PER_ACCOUNT) within 15 minutes, every
 *   further attempt on the account waits 1 s, doubling per failure up to 16 s, before its password
 *   is checked: a guesser using many addresses is slowed, the real user still gets in.
 *
 * Each counter's window starts at its first failure. Pure once configured; the counting itself is
 * lib/auth/sign-in-failures.ts.
 */
import { env } from "@/lib/core/env";

const config = env();
export const MAX_CONSECUTIVE_FAILURES = config.SIGNIN_MAX_FAILURES;
export const LOCK_MINUTES = config.SIGNIN_LOCK_MINUTES;
export const RATE_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_ACCOUNT = config.SIGNIN_MAX_PER_ACCOUNT;
export const MAX_FAILURES_PER_ADDRESS = config.SIGNIN_MAX_PER_ADDRESS;
/** The longest an attempt on a much-guessed account waits. */
export const MAX_ACCOUNT_DELAY_SECONDS = 16;
/** How many previous passwords may not be used again. */
export const PASSWORD_HISTORY = 5;

export type SignInRefusal = "invalid" | "locked" | "rate_limited";

export const REFUSAL_MESSAGES: Record<SignInRefusal, string> = {
  invalid: "用户名或密码错误，或账号已停用。",
  locked: `连续 ${MAX_CONSECUTIVE_FAILURES} 次密码错误，该账号已在当前网络地址锁定 ${LOCK_MINUTES} 分钟，请稍后再试或联系管理员。`,
  rate_limited: `当前网络地址登录失败次数过多，请 ${RATE_WINDOW_MINUTES} 分钟后再试。`,
};

/** The same limits on the current password when changing it (said of that form, not of sign-in). */
export const PASSWORD_CHANGE_REFUSALS: Record<SignInRefusal, string> = {
  invalid: "当前密码不正确",
  locked: `当前密码连续 ${MAX_CONSECUTIVE_FAILURES} 次输入错误，该账号已在当前网络地址锁定 ${LOCK_MINUTES} 分钟，请稍后再试。`,
  rate_limited: `当前网络地址密码错误次数过多，请 ${RATE_WINDOW_MINUTES} 分钟后再试。`,
};

/** A stored failure counter: failures since `since`; `lockedUntil` on account × address ones. */
export interface FailureCounter {
  failures: number;
  since: Date;
  lockedUntil: Date | null;
}

/** The start of the window a counter must have begun after to still count. */
export const windowStart = (now: Date) => new Date(now.getTime() - RATE_WINDOW_MINUTES * 60_000);
export const lockEnd = (now: Date) => new Date(now.getTime() + LOCK_MINUTES * 60_000);

/**
 * Whether a counter has run out and the next failure starts it again at 1: its lock has ended, or
 * it has no lock and its window is over. (The SQL of lib/auth/sign-in-failures.ts says the same.)
 */
export function counterExpired(counter: FailureCounter, now: Date): boolean {
  if (counter.lockedUntil) return counter.lockedUntil <= now;
  return counter.since <= windowStart(now);
}

/** The failures a counter holds now (0 for none or an expired one). */
export function currentFailures(counter: FailureCounter | null | undefined, now: Date): number {
  return counter && !counterExpired(counter, now) ? counter.failures : 0;
}

/** The end of an account × address lock in force now, or null. */
export function activeLock(counter: FailureCounter | null | undefined, now: Date): Date | null {
  return counter?.lockedUntil && counter.lockedUntil > now ? counter.lockedUntil : null;
}

/** Seconds an attempt on an account with this many recent failures (all addresses) waits first. */
export function accountDelaySeconds(accountFailures: number): number {
  if (accountFailures < MAX_FAILURES_PER_ACCOUNT) return 0;
  return Math.min(2 ** (accountFailures - MAX_FAILURES_PER_ACCOUNT), MAX_ACCOUNT_DELAY_SECONDS);
}

/** What the counters allow before a password is checked at all. */
export function refusalBeforeCheck(counts: { address: number; lock: Date | null }): Exclude<SignInRefusal, "invalid"> | null {
  if (counts.address >= MAX_FAILURES_PER_ADDRESS) return "rate_limited";
  if (counts.lock) return "locked";
  return null;
}

/**
 * The answer to a wrong password, from the counters as this failure left them: the failure that
 * reaches the limit engages the lock ("lockout"); one past it (attempts checked in parallel) finds
 * it engaged; past the address limit the answer says so and no longer that the password was wrong.
 */
export function afterFailure(counts: { pair: number; address: number }): {
  refusal: SignInRefusal;
  action: "auth.lockout" | "auth.locked" | "auth.rate_limited" | "auth.signin_failed";
} {
  if (counts.pair === MAX_CONSECUTIVE_FAILURES) return { refusal: "locked", action: "auth.lockout" };
  if (counts.pair > MAX_CONSECUTIVE_FAILURES) return { refusal: "locked", action: "auth.locked" };
  if (counts.address > MAX_FAILURES_PER_ADDRESS) return { refusal: "rate_limited", action: "auth.rate_limited" };
  return { refusal: "invalid", action: "auth.signin_failed" };
}
