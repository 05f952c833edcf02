import { describe, expect, it } from "vitest";
import {
  accountDelaySeconds,
  activeLock,
  afterFailure,
  counterExpired,
  currentFailures,
  LOCK_MINUTES,
  MAX_CONSECUTIVE_FAILURES,
  MAX_FAILURES_PER_ACCOUNT,
  MAX_FAILURES_PER_ADDRESS,
  REFUSAL_MESSAGES,
  refusalBeforeCheck,
} from "@/lib/auth/sign-in-policy";

const now = new Date("2026-11-25T02:00:00Z");
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

describe("sign-in limits (defaults)", () => {
  it("are 5 failures per account and address, a 15-minute lock, 10 per account and 30 per address", () => {
    expect([MAX_CONSECUTIVE_FAILURES, LOCK_MINUTES, MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS]).toEqual([5, 15, 10, 30]);
  });

  it("lock on the fifth failure from one address, and say so in Chinese", () => {
    expect(afterFailure({ pair: 4, address: 4 })).toEqual({ refusal: "invalid", action: "auth.signin_failed" });
    expect(afterFailure({ pair: 5, address: 5 })).toEqual({ refusal: "locked", action: "auth.lockout" });
    // Checked in parallel with the fifth: counted, and told of the lock, not of the password.
    expect(afterFailure({ pair: 7, address: 7 })).toEqual({ refusal: "locked", action: "auth.locked" });
    expect(REFUSAL_MESSAGES.locked).toBe("连续 5 次密码错误，该账号已在当前网络地址锁定 15 分钟，请稍后再试或联系管理员。");
  });

  it("stop an address after 30 failures on any accounts, without saying whether the last password was wrong", () => {
    expect(refusalBeforeCheck({ address: 29, lock: null })).toBeNull();
    expect(refusalBeforeCheck({ address: 30, lock: null })).toBe("rate_limited");
    expect(afterFailure({ pair: 1, address: 30 })).toEqual({ refusal: "invalid", action: "auth.signin_failed" });
    expect(afterFailure({ pair: 1, address: 31 })).toEqual({ refusal: "rate_limited", action: "auth.rate_limited" });
  });

  it("refuse a locked account × address before the password is checked", () => {
    expect(refusalBeforeCheck({ address: 0, lock: new Date(now.getTime() + 60_000) })).toBe("locked");
  });

  it("slow down a much-guessed account from 10 failures on: 1 s, doubling, at most 16 s — never a refusal", () => {
    expect([0, 9, 10, 11, 12, 13, 14, 15, 40].map(accountDelaySeconds)).toEqual([0, 0, 1, 2, 4, 8, 16, 16, 16]);
  });

  it("forget a counter once its 15-minute window is over, and a lock once it has ended", () => {
    expect(currentFailures({ failures: 4, since: minutesAgo(14), lockedUntil: null }, now)).toBe(4);
    expect(currentFailures({ failures: 4, since: minutesAgo(15), lockedUntil: null }, now)).toBe(0);
    expect(currentFailures(null, now)).toBe(0);
    const locked = { failures: 5, since: minutesAgo(20), lockedUntil: new Date(now.getTime() + 1000) };
    expect(counterExpired(locked, now)).toBe(false);
    expect(activeLock(locked, now)).toEqual(locked.lockedUntil);
    const ended = { ...locked, lockedUntil: now };
    expect(counterExpired(ended, now)).toBe(true);
    expect(activeLock(ended, now)).toBeNull();
  });
});
