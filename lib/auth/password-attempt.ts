import "server-only";
/**
 * One password check under the limits of lib/auth/sign-in-policy.ts, for signing in and for the
 * current password of a password change alike: refused before any hashing when the address is
 * over its limit or the account is locked for it; delayed when the account is much guessed;
 * counted when wrong (one upsert); on success decided again with the counters locked, so it can
 * never slip past a lock engaged meanwhile by attempts checked in parallel.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/core/db";
import { clearStreak, countFailure, lockCountersForSuccess, pruneCounters, readCounters, type AttemptCounters } from "./sign-in-failures";
import { accountDelaySeconds, activeLock, afterFailure, currentFailures, refusalBeforeCheck, type SignInRefusal } from "./sign-in-policy";

type Tx = Prisma.TransactionClient;

export interface PasswordAttempt {
  /** As typed (at most 64 characters): unknown usernames are counted and locked like real ones. */
  username: string;
  address: string;
  now: Date;
  /** How the account delay is waited (tests pass one that does not sleep). */
  wait: (milliseconds: number) => Promise<void>;
}

/** What an attempt came to, for its audit row: the action and the facts it records. */
export interface AttemptRecord {
  success: boolean;
  action: "auth.signin" | "auth.signin_failed" | "auth.lockout" | "auth.locked" | "auth.rate_limited";
  facts: Record<string, string | number | null>;
}

export type AttemptResult<T> = { ok: true; value: T } | { ok: false; refusal: SignInRefusal };

export const sleep = (milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds));

function refusalFacts(counters: AttemptCounters, now: Date) {
  return {
    failuresFromAddress: currentFailures(counters.address, now),
    lockedUntil: activeLock(counters.pair, now)?.toISOString() ?? null,
  };
}

/**
 * Runs `verify` (the password check; `reason` says why it failed, for the audit) under the limits.
 * `record` writes the attempt's rows in the same transaction as its counting; `onSuccess` runs in
 * the transaction that decides a success (the session, the new password).
 */
export async function checkPasswordUnderLimits<T>(
  attempt: PasswordAttempt,
  verify: () => Promise<{ ok: true } | { ok: false; reason: string }>,
  record: (tx: Tx, outcome: AttemptRecord) => Promise<void>,
  onSuccess: (tx: Tx) => Promise<T>,
): Promise<AttemptResult<T>> {
  const { username, address, now } = attempt;
  const counters = await readCounters(username, address);
  const early = refusalBeforeCheck({ address: currentFailures(counters.address, now), lock: activeLock(counters.pair, now) });
  if (early) {
    const action = early === "locked" ? "auth.locked" : "auth.rate_limited";
    await db.$transaction((tx) => record(tx, { success: false, action, facts: refusalFacts(counters, now) }));
    return { ok: false, refusal: early };
  }

  const delaySeconds = accountDelaySeconds(currentFailures(counters.account, now));
  if (delaySeconds) await attempt.wait(delaySeconds * 1000);
  const checked = await verify();

  if (!checked.ok) {
    return db.$transaction(async (tx) => {
      const counts = await countFailure(tx, username, address, now);
      const outcome = afterFailure(counts);
      await record(tx, {
        success: false,
        action: outcome.action,
        facts: {
          reason: checked.reason,
          failuresForAccountFromAddress: counts.pair,
          failuresFromAddress: counts.address,
          failuresForAccount: counts.account,
          lockedUntil: counts.lockedUntil?.toISOString() ?? null,
          delaySeconds,
        },
      });
      return { ok: false as const, refusal: outcome.refusal };
    });
  }

  const result = await db.$transaction(async (tx): Promise<AttemptResult<T>> => {
    const held = await lockCountersForSuccess(tx, username, address);
    const late = refusalBeforeCheck({ address: currentFailures(held.address, now), lock: activeLock(held.pair, now) });
    if (late) {
      await record(tx, { success: false, action: late === "locked" ? "auth.locked" : "auth.rate_limited", facts: refusalFacts(held, now) });
      return { ok: false, refusal: late };
    }
    await clearStreak(tx, username, address);
    const value = await onSuccess(tx);
    await record(tx, { success: true, action: "auth.signin", facts: { delaySeconds } });
    return { ok: true, value };
  });
  if (result.ok) await pruneCounters(now).catch((error: unknown) => console.error("could not prune sign-in failure counters", error));
  return result;
}
