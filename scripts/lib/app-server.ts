/** Builds (when needed) and runs the app's server (scripts/serve.ts in front of Next.js) as a child process. */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { env as appEnv, parseEnv } from "../../lib/core/env";
import { buildIsCurrent, recordBuild, sourceFingerprint } from "./build-fingerprint";
import { freePort } from "./test-database";

const require = createRequire(import.meta.url);
const NEXT_BIN = require.resolve("next/dist/bin/next");
const SERVE_SCRIPT = fileURLToPath(new URL("../serve.ts", import.meta.url));

/**
 * The secret that signs session cookies: NEXTAUTH_SECRET when set (required when several app
 * instances share sessions), else one generated once and kept in the git-ignored .data folder.
 */
export function authSecret(): string {
  const configured = appEnv().NEXTAUTH_SECRET;
  if (configured) return configured;
  const file = path.resolve(".data/nextauth-secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

export function buildIfNeeded(env: NodeJS.ProcessEnv, log: (line: string) => void): void {
  if (buildIsCurrent()) {
    log("production build is up to date");
    return;
  }
  log("building the production app (next build)…");
  const fingerprint = sourceFingerprint();
  const result = spawnSync(process.execPath, [NEXT_BIN, "build"], { stdio: "inherit", env });
  if (result.status !== 0) throw new Error("next build failed");
  recordBuild(fingerprint);
}

/**
 * The app through scripts/serve.ts, the Node server in front of Next that resolves each request's
 * client address from the connection (and TRUSTED_PROXIES), as `next start` or `next dev` would.
 */
export function startNextServer(env: NodeJS.ProcessEnv, port: number, mode: "start" | "dev" = "start"): ChildProcess {
  const args = ["--import", "tsx", SERVE_SCRIPT, mode, "--port", String(port), "--hostname", env.HOSTNAME ?? "0.0.0.0"];
  return spawn(process.execPath, args, { stdio: "inherit", env });
}

/** Resolves once the app serves its sign-in page; fails if it exits first or stays silent for 60 s. */
export async function waitUntilServing(app: ChildProcess, baseUrl: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error("the app server exited during start-up");
    try {
      const response = await fetch(`${baseUrl}/login`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the app did not answer at ${baseUrl} within 60 s`);
}

export interface LocalApp {
  app: ChildProcess;
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * The production app on a free loopback port against `databaseUrl`, built first if needed, for
 * benchmarks and load runs (never for users: the secret is a throw-away one).
 */
export async function startLocalApp(databaseUrl: string, extraEnv: Record<string, string> = {}): Promise<LocalApp> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production" as const,
    DATABASE_URL: databaseUrl,
    NEXTAUTH_URL: baseUrl,
    NEXTAUTH_SECRET: extraEnv.NEXTAUTH_SECRET ?? `local-run-${randomBytes(16).toString("hex")}`,
    NEXT_TELEMETRY_DISABLED: "1",
    HOSTNAME: "127.0.0.1",
    ...extraEnv,
  };
  // A wrong setting is refused here, naming it, rather than as a server that never answers.
  parseEnv(env);
  buildIfNeeded(env, () => {});
  const app = startNextServer(env, port);
  await waitUntilServing(app, baseUrl);
  return {
    app,
    baseUrl,
    stop: async () => {
      if (app.exitCode !== null) return;
      app.kill("SIGTERM");
      await new Promise((resolve) => app.once("exit", resolve));
    },
  };
}
