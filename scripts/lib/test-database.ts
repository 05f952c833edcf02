/**
 * Throw-away PostgreSQL databases for the test suite, never the developer's data.
 *
 * With DATABASE_URL set, databases named `meili_test_*` are created on that server and dropped
 * afterwards. Without it, a fresh embedded PostgreSQL is started in a temporary folder on a free
 * port and deleted at the end, so `npm test` needs nothing installed.
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "./database-server";

export const TEST_DATABASE_PREFIX = "meili_test_";

export interface TestDatabaseServer {
  /** URL of `database` on this server. */
  urlFor(database: string): string;
  createDatabase(label: string): Promise<string>;
  dropDatabase(url: string): Promise<void>;
  stop(): Promise<void>;
}

export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Refuses anything that does not look like a database this harness created. */
export function assertTestDatabase(url: string): void {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!name.startsWith(TEST_DATABASE_PREFIX)) {
    throw new Error(`Refusing to run tests against "${name}": test databases are named ${TEST_DATABASE_PREFIX}*`);
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Server URL (any database) given by the harness to child processes through TEST_PG_SERVER_URL. */
export async function openTestDatabaseServer(log: (line: string) => void = () => {}): Promise<TestDatabaseServer> {
  const given = process.env.TEST_PG_SERVER_URL ?? process.env.DATABASE_URL;
  if (given) return serverAt(given, async () => {});

  const dir = mkdtempSync(path.join(os.tmpdir(), "meili-test-pg-"));
  // mkdtemp makes the folder private; as root, PostgreSQL runs as the `postgres` user and must enter it.
  chmodSync(dir, 0o755);
  const port = await freePort();
  log(`starting a throw-away embedded PostgreSQL on port ${port}`);
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(dir, "data"), port, database: "postgres" });
  return serverAt(embedded.url, async () => {
    await embedded.stop();
    rmSync(dir, { recursive: true, force: true });
  });
}

function serverAt(serverUrl: string, stopServer: () => Promise<void>): TestDatabaseServer {
  const adminUrl = withDatabase(serverUrl, "postgres");
  async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }
  return {
    urlFor: (database) => withDatabase(serverUrl, database),
    async createDatabase(label) {
      const suffix = `${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
      const name = `${TEST_DATABASE_PREFIX}${label}_${suffix}`.toLowerCase().replace(/[^a-z0-9_]/g, "_");
      await admin((client) => client.query(`CREATE DATABASE "${name}"`));
      return withDatabase(serverUrl, name);
    },
    async dropDatabase(url) {
      assertTestDatabase(url);
      const name = decodeURIComponent(new URL(url).pathname.slice(1));
      await admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
    stop: stopServer,
  };
}
