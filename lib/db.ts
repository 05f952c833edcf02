import "server-only";
import { createPrismaClient, type AppPrismaClient } from "./prisma-client";

// One client per process; Next's dev server reloads modules, so it is kept on globalThis.
const globalForPrisma = globalThis as unknown as { prisma?: AppPrismaClient };

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm start`, which provides it.");
  return url;
}

export const db: AppPrismaClient = globalForPrisma.prisma ?? createPrismaClient(databaseUrl());
if (process.env.NODE_ENV !== "production") globalForPrisma.prisma = db;
