/**
 * `npm start` with a wrong setting: scripts/start.ts refuses before it opens the database, builds
 * or serves, and says which variable is wrong. The database it is given is unreachable, so even a
 * start that skipped the check would stop at the migrations, long before any build.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

function runStart(extraEnv: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.resolve("node_modules/.bin/tsx"), ["scripts/start.ts"], {
      env: { ...process.env, DATABASE_URL: "postgresql://meili@127.0.0.1:1/unreachable", ...extraEnv },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 45_000);
    child.once("error", reject);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe("npm start with a wrong setting", () => {
  it("refuses to start, naming every wrong variable, before touching the database", async () => {
    const { code, stdout, stderr } = await runStart({ SESSION_IDLE_SECONDS: "30m", EVIDENCE_STORE: "s3" });
    expect(code).toBe(1);
    expect(stderr).toContain('SESSION_IDLE_SECONDS must be a whole number of seconds above 0 (default 1800), not "30m"');
    expect(stderr).toContain("EVIDENCE_S3_BUCKET is required when EVIDENCE_STORE=s3");
    expect(stdout).not.toContain("using DATABASE_URL");
  });
});
