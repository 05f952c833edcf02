/**
 * How every process builds its PrismaClient: the `prisma-client` generator's output queried
 * through `@prisma/adapter-pg` (no native query engine). Password hashes are omitted from every
 * query unless one explicitly asks for them.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";

export function createPrismaClient(connectionString: string) {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) }),
    omit: { user: { passwordHash: true }, passwordHistory: { passwordHash: true } },
  });
}

export type AppPrismaClient = ReturnType<typeof createPrismaClient>;
