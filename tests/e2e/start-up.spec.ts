import { spawn } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { freePort } from "../../scripts/lib/test-database";

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
