/**
 * How every process builds its PrismaClient: the `prisma-client` generator's output queried
 * through `@prisma/adapter-pg` (no native query engine). Password hashes are omitted from every
 * query unless one explicitly asks for them.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

export function createPrismaClient(connectionString: string) {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString, max: Number(process.env.DATABASE_POOL_SIZE ?? 20) }),
    omit: { user: { passwordHash: true }, passwordHistory: { passwordHash: true } },
    // Under a burst (the week before a deadline) a transaction may wait for a pooled connection
    // longer than Prisma's 2 s default; waiting is better than refusing a user's submission.
    transactionOptions: {
      maxWait: Number(process.env.DATABASE_TX_MAX_WAIT_MS ?? 20_000),
      timeout: Number(process.env.DATABASE_TX_TIMEOUT_MS ?? 30_000),
    },
  });
}

export type AppPrismaClient = ReturnType<typeof createPrismaClient>;
