import "server-only";
import { env } from "./env";
import { createPrismaClient, type AppPrismaClient } from "./prisma-client";

// One client per process, created on first use so that `next build` can import the data layer
// without a database; Next's dev server reloads modules, so it is kept on globalThis.
const globalForPrisma = globalThis as unknown as { prisma?: AppPrismaClient };

function client(): AppPrismaClient {
  if (!globalForPrisma.prisma) {
    const url = env().DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm start`, which provides it.");
    globalForPrisma.prisma = createPrismaClient(url);
  }
  return globalForPrisma.prisma;
}

export const db: AppPrismaClient = new Proxy({} as AppPrismaClient, {
  get(_target, property) {
    const target = client();
    const value: unknown = Reflect.get(target, property, target);
    return typeof value === "function" ? (value.bind(target) as unknown) : value;
  },
});
