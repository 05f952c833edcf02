import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { buildIsCurrent } from "../../scripts/lib/build-fingerprint";
import { freePort } from "../../scripts/lib/test-database";
import { projectCopy, startScript } from "../support/start-script";
import { PASSWORD } from "./accounts";

// `next start` run directly on this run's build (not through `npm start`, which checks first):
// instrumentation.ts's register() refuses a wrong setting and the process ends instead of serving.
test("the production server started with a wrong setting exits, naming the variable, and never serves", async () => {
  const port = await freePort();
  const server = spawn(
    process.execPath,
    [path.resolve("node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      env: { ...process.env, NODE_ENV: "production", SESSION_IDLE_SECONDS: "30m", STATUS_SNAPSHOT_SCHEDULE: "off" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stderr = "";
  server.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  server.stdout.resume();
  const exitCode = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => server.kill("SIGKILL"), 25_000);
    server.once("exit", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
  expect(exitCode).toBe(1);
  expect(stderr).toContain('SESSION_IDLE_SECONDS must be a whole number of seconds above 0 (default 1800), not "30m"');
  await expect(fetch(`http://127.0.0.1:${port}/login`)).rejects.toThrow();
});

// `npm start` itself, in a copy of the project folder with its own .data (embedded PostgreSQL on a
// free port), on this run's build: the app process is killed as a crash would, and comes back.
test("the app process killed under npm start comes back, with the embedded database up throughout", async ({ page }) => {
  test.setTimeout(300_000);
  expect(buildIsCurrent(), "the sources changed after this run's build; npm start would build again").toBe(true);
  const copy = projectCopy();
  const port = await freePort();
  const pgPort = await freePort();
  const start = startScript({ DATABASE_URL: undefined, PORT: String(port), EMBEDDED_PG_PORT: String(pgPort) }, copy.dir);
  const database = new pg.Client({ host: "127.0.0.1", port: pgPort, user: "postgres", database: "meili" });
  let connected = false;
  try {
    const [, firstPid] = await start.waitFor(/\[start\] 美丽江西 app: http:\/\/localhost:\d+ \(pid (\d+)\)/, 240_000);
    const dataDir = path.join(copy.dir, ".data/postgres");
    const postmaster = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    database.password = readFileSync(`${dataDir}.password`, "utf8").trim();
    await database.connect();
    connected = true;
    const before = (await database.query("SELECT pg_backend_pid() AS backend, pg_postmaster_start_time() AS started")).rows;
    await page.goto(`http://localhost:${port}/login`);
    await expect(page.getByRole("button", { name: "登录" })).toBeVisible();

    process.kill(Number(firstPid), "SIGKILL");
    await start.waitFor(/\[start\] the app exited with signal SIGKILL — restarting \(1\/5\)/, 10_000);
    const [, secondPid] = await start.waitFor(/\[start\] 美丽江西 app serving again: http:\/\/localhost:\d+ \(pid (\d+)\)/, 120_000);
    expect(secondPid).not.toBe(firstPid);

    // The same PostgreSQL (same postmaster, started once) and the same session on it, still open.
    expect(() => process.kill(postmaster, 0)).not.toThrow();
    expect((await database.query("SELECT pg_backend_pid() AS backend, pg_postmaster_start_time() AS started")).rows).toEqual(before);
    await page.goto(`http://localhost:${port}/login`);
    await page.getByLabel("用户名").fill("leader");
    await page.getByLabel("密码").fill(PASSWORD);
    await page.getByRole("button", { name: "登录" }).click();
    // The first sign-in of a fresh server hashes and compiles on a busy machine: give it time.
    await expect(page).not.toHaveURL(/\/login/, { timeout: 30_000 });
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await database.end();
    connected = false;

    // Ctrl-C's SIGTERM still stops the app, then the database.
    start.child.kill("SIGTERM");
    expect((await start.exited).code).toBe(0);
    expect(start.output()).toContain("[start] stopped");
    expect(() => process.kill(postmaster, 0)).toThrow();
    await expect(fetch(`http://127.0.0.1:${port}/login`)).rejects.toThrow();
  } finally {
    if (connected) await database.end();
    if (start.child.exitCode === null) {
      start.child.kill("SIGTERM");
      await start.exited;
    }
    copy.remove();
  }
});
