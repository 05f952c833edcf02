/**
 * `npm start` failing for a reason the operator can fix: one paragraph saying what went wrong and
 * what to do (the variable or command), exit code 1, never a stack trace, and nothing left running.
 */
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type DatabaseServer } from "../../scripts/lib/database-server";
import { freePort } from "../../scripts/lib/test-database";
import { projectCopy, runStartScript, type ProjectCopy } from "../support/start-script";

/** A program holding `port` on every address, as another server would. */
async function occupy(port: number): Promise<net.Server> {
  const holder = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => holder.listen(port, "0.0.0.0", resolve));
  return holder;
}

const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;
const UNREACHABLE = "postgresql://meili@127.0.0.1:1/unreachable";

describe("npm start failing for a reason the operator can fix", () => {
  let copy: ProjectCopy;
  let embedded: DatabaseServer;
  beforeAll(async () => {
    copy = projectCopy();
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(copy.dir, "pg-for-password-test"),
      port: await freePort(),
      database: "postgres",
    });
  });
  afterAll(async () => {
    await embedded?.stop();
    copy?.remove();
  });

  it("says the app's port is taken and how to choose another, before touching the database", async () => {
    const port = await freePort();
    const holder = await occupy(port);
    try {
      const { code, output, stderr } = await runStartScript({ PORT: String(port), DATABASE_URL: UNREACHABLE });
      expect(code).toBe(1);
      expect(stderr).toContain(`[start] Port ${port} is already in use by another program, so the app cannot listen on it.`);
      expect(stderr).toContain("PORT=");
      expect(output).not.toContain("using DATABASE_URL");
      expect(output).not.toMatch(STACK_LINE);
    } finally {
      holder.close();
    }
  });

  it("says the embedded PostgreSQL's port is taken and names EMBEDDED_PG_PORT and DATABASE_URL", async () => {
    const pgPort = await freePort();
    const holder = await occupy(pgPort);
    try {
      const { code, output, stderr } = await runStartScript(
        { DATABASE_URL: undefined, PORT: String(await freePort()), EMBEDDED_PG_PORT: String(pgPort) },
        copy.dir,
      );
      expect(code).toBe(1);
      expect(stderr).toContain(`[start] Port ${pgPort}, where the embedded PostgreSQL listens, is taken by another program.`);
      expect(stderr).toContain("set EMBEDDED_PG_PORT to a free port, or DATABASE_URL to your own PostgreSQL server");
      expect(output).not.toMatch(STACK_LINE);
    } finally {
      holder.close();
    }
  });

  it("says DATABASE_URL's server cannot be reached and what to check", async () => {
    const { code, output, stderr } = await runStartScript({ PORT: String(await freePort()), DATABASE_URL: UNREACHABLE });
    expect(code).toBe(1);
    expect(stderr).toContain("[start] Cannot reach the PostgreSQL server in DATABASE_URL (127.0.0.1:1): connection refused.");
    expect(stderr).toContain("unset DATABASE_URL to use the embedded PostgreSQL");
    expect(output).not.toMatch(STACK_LINE);
  });

  it("says DATABASE_URL's password is wrong and where to correct it", async () => {
    const url = new URL(embedded.url);
    url.password = "wrong-password";
    const { code, output, stderr } = await runStartScript({ PORT: String(await freePort()), DATABASE_URL: url.toString() });
    expect(code).toBe(1);
    expect(stderr).toContain(
      `[start] PostgreSQL at 127.0.0.1:${url.port} refused the password of user "postgres". Correct the user or password in DATABASE_URL`,
    );
    expect(output).not.toContain("wrong-password");
    expect(output).not.toMatch(STACK_LINE);
  });
});
