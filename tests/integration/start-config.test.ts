/**
 * `npm start` with a wrong setting: scripts/start.ts refuses before it opens the database, builds
 * or serves, and says which variable is wrong. The database it is given is unreachable, so even a
 * start that skipped the check would stop at the migrations, long before any build.
 */
import { describe, expect, it } from "vitest";
import { runStartScript } from "../support/start-script";

describe("npm start with a wrong setting", () => {
  it("refuses to start, naming every wrong variable, before touching the database", async () => {
    const { code, output, stderr } = await runStartScript({
      DATABASE_URL: "postgresql://meili@127.0.0.1:1/unreachable",
      SESSION_IDLE_SECONDS: "30m",
      EVIDENCE_STORE: "s3",
    });
    expect(code).toBe(1);
    expect(stderr).toContain('SESSION_IDLE_SECONDS must be a whole number of seconds above 0 (default 1800), not "30m"');
    expect(stderr).toContain("EVIDENCE_S3_BUCKET is required when EVIDENCE_STORE=s3");
    expect(output).not.toContain("using DATABASE_URL");
  });
});
