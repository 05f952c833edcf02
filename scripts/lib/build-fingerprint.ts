/**
 * Decides whether the production build in .next is current: a hash of every source file's path,
 * size and modification time, stored next to the build. Cheap (stat only) and conservative.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const SOURCE_ROOTS = ["app", "components", "lib", "public", "prisma/schema.prisma"];
const SOURCE_FILES = ["next.config.ts", "package.json", "package-lock.json", "postcss.config.mjs", "tsconfig.json", "proxy.ts"];
const FINGERPRINT_FILE = ".next/source-fingerprint";

function walk(entry: string, out: string[]): void {
  if (!existsSync(entry)) return;
  const stat = statSync(entry);
  if (stat.isDirectory()) {
    for (const child of readdirSync(entry).sort()) walk(path.join(entry, child), out);
  } else {
    out.push(`${entry}:${stat.size}:${Math.floor(stat.mtimeMs)}`);
  }
}

export function sourceFingerprint(): string {
  const lines: string[] = [];
  for (const root of [...SOURCE_ROOTS, ...SOURCE_FILES]) walk(root, lines);
  return createHash("sha256").update(lines.join("\n")).digest("hex");
}

export function buildIsCurrent(): boolean {
  if (!existsSync(".next/BUILD_ID") || !existsSync(FINGERPRINT_FILE)) return false;
  return readFileSync(FINGERPRINT_FILE, "utf8").trim() === sourceFingerprint();
}

export function recordBuild(fingerprint: string): void {
  writeFileSync(FINGERPRINT_FILE, fingerprint);
}
