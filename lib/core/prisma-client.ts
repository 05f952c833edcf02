/**
 * How every process builds its PrismaClient: the `prisma-client` generator's output queried
 * through `@prisma/adapter-pg` (no native query engine). Password hashes are omitted from every
 * query unless one explicitly asks for them.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "@/lib/core/env";
import { PrismaClient } from "@/lib/generated/prisma/client";

export function createPrismaClient(connectionString: string) {
  const config = env();
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString, max: config.DATABASE_POOL_SIZE }),
    omit: { user: { passwordHash: true }, passwordHistory: { passwordHash: true } },
    // Longer than Prisma's 2 s default by default (lib/core/env.ts says why).
    transactionOptions: { maxWait: config.DATABASE_TX_MAX_WAIT_MS, timeout: config.DATABASE_TX_TIMEOUT_MS },
  });
}

export type AppPrismaClient = ReturnType<typeof createPrismaClient>;
