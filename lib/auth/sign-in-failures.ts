import "server-only";
/**
 * The failure counters of lib/auth/sign-in-policy.ts in the "SignInFailureCount" table: one row
 * per account (address ""), per address (username "") and per account × address. A failure adds
 * to all three in one upsert that returns the new counts, so failures checked in parallel are all
 * counted and exactly one of them engages the lock. Rows are always locked in key order (address
 * row first, its username being ""), so two attempts never wait on each other in a cycle.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/core/db";
import { lockEnd, MAX_CONSECUTIVE_FAILURES, windowStart, type FailureCounter } from "./sign-in-policy";

type Tx = Prisma.TransactionClient;

/** The counters an attempt on `username` from `address` is judged by (null: no failures). */
export interface AttemptCounters {
  account: FailureCounter | null;
  address: FailureCounter | null;
  pair: FailureCounter | null;
}

interface CounterRow extends FailureCounter {
  username: string;
  address: string;
}

function byScope(rows: CounterRow[], username: string, address: string): AttemptCounters {
  const find = (user: string, from: string) => rows.find((row) => row.username === user && row.address === from) ?? null;
  return { account: find(username, ""), address: find("", address), pair: find(username, address) };
}

const counterSelect = { username: true, address: true, failures: true, since: true, lockedUntil: true } as const;

/** The counters as they stand (no lock): the cheap check made before any password is hashed. */
export async function readCounters(username: string, address: string): Promise<AttemptCounters> {
  const rows = await db.signInFailureCount.findMany({
    where: {
      OR: [
        { username, address: "" },
        { username: "", address },
        { username, address },
      ],
    },
    select: counterSelect,
  });
  return byScope(rows, username, address);
}

/**
 * The address and account × address counters, locked until the transaction ends: a successful
 * sign-in decides on them while no failure can be added, as if the attempts ran one by one.
 */
export async function lockCountersForSuccess(tx: Tx, username: string, address: string): Promise<AttemptCounters> {
  const rows = await tx.$queryRaw<CounterRow[]>`
    SELECT "username", "address", "failures", "since", "lockedUntil" FROM "SignInFailureCount"
    WHERE ("username", "address") IN (('', ${address}), (${username}, ${address}))
    ORDER BY "username", "address"
    FOR UPDATE`;
  return byScope(rows, username, address);
}

/**
 * Adds one failure to the three counters and returns what they hold now. A counter whose window is
 * over (or whose lock has ended) starts again at 1; the account × address counter engages the lock
 * on the failure that reaches SIGNIN_MAX_FAILURES and keeps it until it ends.
 */
export async function countFailure(
  tx: Tx,
  username: string,
  address: string,
  now: Date,
): Promise<{ account: number; address: number; pair: number; lockedUntil: Date | null }> {
  const start = windowStart(now);
  const lockAt = lockEnd(now);
  const firstLock = MAX_CONSECUTIVE_FAILURES <= 1 ? lockAt : null;
  // VALUES in key order: ('', address), (username, ''), (username, address).
  const rows = await tx.$queryRaw<CounterRow[]>`
    INSERT INTO "SignInFailureCount" AS c ("username", "address", "failures", "since", "lockedUntil")
    VALUES ('', ${address}, 1, ${now}, NULL), (${username}, '', 1, ${now}, NULL), (${username}, ${address}, 1, ${now}, ${firstLock})
    ON CONFLICT ("username", "address") DO UPDATE SET
      "failures" = CASE WHEN c."lockedUntil" <= ${now} OR (c."lockedUntil" IS NULL AND c."since" <= ${start}) THEN 1 ELSE c."failures" + 1 END,
      "since" = CASE WHEN c."lockedUntil" <= ${now} OR (c."lockedUntil" IS NULL AND c."since" <= ${start}) THEN ${now} ELSE c."since" END,
      "lockedUntil" = CASE
        WHEN c."username" = '' OR c."address" = '' THEN NULL
        WHEN c."lockedUntil" <= ${now} OR (c."lockedUntil" IS NULL AND c."since" <= ${start}) THEN EXCLUDED."lockedUntil"
        WHEN c."lockedUntil" IS NOT NULL THEN c."lockedUntil"
        WHEN c."failures" + 1 >= ${MAX_CONSECUTIVE_FAILURES} THEN ${lockAt}
        ELSE NULL
      END
    RETURNING "username", "address", "failures", "since", "lockedUntil"`;
  const counters = byScope(rows, username, address);
  return {
    account: counters.account?.failures ?? 0,
    address: counters.address?.failures ?? 0,
    pair: counters.pair?.failures ?? 0,
    lockedUntil: counters.pair?.lockedUntil ?? null,
  };
}

/** A successful sign-in ends the account × address streak. */
export async function clearStreak(tx: Tx, username: string, address: string): Promise<void> {
  await tx.signInFailureCount.deleteMany({ where: { username, address } });
}

/**
 * Drops up to 100 counters that no longer count (window over, no lock in force), skipping rows
 * another attempt holds: cheap enough to run after every successful sign-in.
 */
export async function pruneCounters(now: Date): Promise<void> {
  await db.$executeRaw`
    DELETE FROM "SignInFailureCount" WHERE ("username", "address") IN (
      SELECT "username", "address" FROM "SignInFailureCount"
      WHERE "since" <= ${windowStart(now)} AND ("lockedUntil" IS NULL OR "lockedUntil" <= ${now})
      LIMIT 100 FOR UPDATE SKIP LOCKED)`;
}
