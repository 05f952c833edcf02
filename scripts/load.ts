/**
 * `npm run load [-- --users 300]`: the production topology on loopback under a deadline-day load,
 * every setting at its default. Debian's nginx (/usr/sbin/nginx, installed with apt-get when
 * missing) in front of two app instances (one NEXTAUTH_SECRET; TRUSTED_PROXIES=127.0.0.1, so the
 * X-Forwarded-For nginx sets is honoured) on one PostgreSQL: a throw-away embedded server, which the
 * fault phase stops. One staff account per virtual user, each bound to the unit of a distinct task ×
 * unit pair; each user connects to nginx from its own loopback address (127.0.1.1, 127.0.1.2, …),
 * as staff of many offices behind the intranet's proxy would.
 *
 * 1. sign-in: the users sign in spread over a minute (next-auth credentials, as a browser does);
 * 2. submit: all submit this quarter's report at once (the real server action, React's encoding);
 * 3. fault: all submit last quarter's report at once and PostgreSQL is stopped for 3 s once 50 are
 *    acknowledged; a failed answer is retried with the same idempotency key, as the form's 重试 is.
 *
 * Prints p50/p95/p99 of each phase, refusals (rate-limited, locked, other 4xx, 5xx: must be 0), the
 * exactly-once check of each submitting phase (acknowledged = stored = revisions = audit rows, no
 * duplicates), how many client addresses the app recorded, and each instance's peak memory.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { Agent } from "undici";
import { hashPassword } from "../lib/auth/password";
import { addQuarters, chinaToday, formatQuarter, quarterOfDate, type Quarter } from "../lib/core/quarters";
import { DEMO_PASSWORD } from "../prisma/seed-data/demo-accounts";
import { startLocalApp, type LocalApp } from "./lib/app-server";
import { countRows } from "./lib/count-rows";
import { startEmbeddedPostgres } from "./lib/database-server";
import { signIn } from "./lib/http-sign-in";
import { percentile } from "./lib/percentile";
import { migrateDatabase, seedDatabase } from "./lib/setup-database";
import { freePort } from "./lib/test-database";

const argument = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const users = Number(argument("--users") ?? 300) || 300;
const INSTANCES = 2;
const SIGN_IN_SPREAD_MS = 60_000;
const OUTAGE_MS = 3000;
/** The fault strikes once this many of the fault phase's submissions are acknowledged. */
const STRIKE_AFTER = Math.min(50, Math.floor(users / 4));
const NGINX = "/usr/sbin/nginx";
const log = (line: string) => console.log(`[load] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const thisQuarter = quarterOfDate(chinaToday());
const lastQuarter = addQuarters(thisQuarter, -1);

// ---- PostgreSQL: a throw-away embedded server this script may stop ----------------------------

async function throwAwayDatabase() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "meili-load-pg-"));
  // mkdtemp makes the folder private; as root, PostgreSQL runs as the `postgres` user and must enter it.
  chmodSync(dir, 0o755);
  const options = { dataDir: path.join(dir, "data"), port: await freePort(), database: "meili_load" };
  let server = await startEmbeddedPostgres(options);
  return {
    url: server.url,
    /** Stops PostgreSQL for `downMs`, then starts it again on the same data. */
    restart: async (downMs: number) => {
      await server.stop();
      await sleep(downMs);
      server = await startEmbeddedPostgres(options);
    },
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One staff account per user, each on the unit of its own task × unit pair that owes this quarter. */
async function createLoadUsers(url: string, count: number) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const pairs = (
      await client.query<{ number: number; unitId: number }>(
        `SELECT t.number, tu."unitId" FROM "TaskUnit" tu JOIN "Task" t ON t.id = tu."taskId"
         WHERE t."deadlineDate" >= make_date($1, $2 * 3 - 2, 1) ORDER BY tu."unitId", t.number`,
        [thisQuarter.year, thisQuarter.quarter],
      )
    ).rows;
    if (pairs.length < count) throw new Error(`only ${pairs.length} task × unit pairs owe a ${formatQuarter(thisQuarter)} report`);
    // Spread users over units: take pairs round-robin by unit.
    const byUnit = new Map<number, typeof pairs>();
    for (const pair of pairs) byUnit.set(pair.unitId, [...(byUnit.get(pair.unitId) ?? []), pair]);
    const chosen: typeof pairs = [];
    while (chosen.length < count) for (const list of byUnit.values()) if (list.length && chosen.length < count) chosen.push(list.shift()!);
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const username = (index: number) => `load${String(index).padStart(4, "0")}`;
    for (const [index, pair] of chosen.entries()) {
      await client.query(
        `INSERT INTO "User" (username, "displayName", "passwordHash", role, "unitId", "updatedAt") VALUES ($1, $2, $3, 'STAFF', $4, now())`,
        [username(index), `压测用户${index}`, passwordHash, pair.unitId],
      );
    }
    return chosen.map((pair, index) => ({
      username: username(index),
      task: pair.number,
      // 127.0.1.1 … 127.0.1.254, 127.0.2.1 …: all of 127.0.0.0/8 is loopback on Linux.
      address: `127.0.${1 + Math.floor(index / 254)}.${1 + (index % 254)}`,
    }));
  } finally {
    await client.end();
  }
}

// ---- nginx ---------------------------------------------------------------------------------------

/** Debian's nginx, installed with apt-get (through sudo when not root) when it is missing. */
function findOrInstallNginx(): string {
  if (existsSync(NGINX)) return NGINX;
  const asRoot = process.getuid?.() === 0;
  const sudo = asRoot ? [] : spawnSync("sudo", ["-n", "true"]).status === 0 ? ["sudo", "-n"] : null;
  const yourself = "Install it yourself (as root: apt-get install nginx-light), then run npm run load again.";
  if (!sudo) throw new Error(`nginx is not installed (${NGINX}) and this user may not install packages without a password. ${yourself}`);
  const apt = (...args: string[]) => {
    const [command, ...rest] = [...sudo, "apt-get", ...args] as [string, ...string[]];
    return spawnSync(command, rest, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } }).status === 0;
  };
  for (const name of ["nginx-light", "nginx"]) {
    log(`nginx is not installed: apt-get install -y ${name}`);
    if ((apt("install", "-y", name) || (apt("update") && apt("install", "-y", name))) && existsSync(NGINX)) return NGINX;
  }
  throw new Error(`Installing nginx with apt-get failed (its output is above). ${yourself}`);
}

/**
 * nginx as the intranet's reverse proxy in front of `upstreams`, with its config, pid, logs and
 * temporary files in a folder of its own, on a high loopback port: it runs as any user.
 */
async function startNginx(binary: string, port: number, upstreams: string[]) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "meili-load-nginx-"));
  // As root, nginx's workers run as an unprivileged user and must enter the folder for temp files.
  chmodSync(dir, 0o755);
  const built = spawnSync(binary, ["-V"], { encoding: "utf8" }).stderr;
  // A temp path for each module this build has; left unset it would be created under /var/lib/nginx.
  const tempPaths = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]
    .filter((module) => !built.includes(`--without-http_${module}_module`))
    .map((module) => `  ${module}_temp_path ${dir}/${module};`)
    .join("\n");
  const config = `daemon off;
worker_processes auto;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
${tempPaths}
  # Evidence files up to 20 MB go up in one multipart request: the app's own body limit, 21 MB.
  client_max_body_size 21m;
  upstream meili {
${upstreams.map((upstream) => `    server ${upstream};`).join("\n")}
    keepalive 64;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://meili;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_read_timeout 300s;
    }
  }
}
`;
  writeFileSync(path.join(dir, "nginx.conf"), config);
  const nginx = spawn(binary, ["-p", dir, "-c", path.join(dir, "nginx.conf"), "-e", path.join(dir, "error.log")], { stdio: "inherit" });
  let exited = false;
  const stopped = new Promise<void>((resolve) => nginx.once("exit", () => ((exited = true), resolve())));
  const errors = () => (existsSync(path.join(dir, "error.log")) ? readFileSync(path.join(dir, "error.log"), "utf8").trim() : "");
  for (let waited = 0; ; waited += 100) {
    const answer = await fetch(`http://127.0.0.1:${port}/login`).catch(() => null);
    if (answer?.ok) break;
    if (exited || waited > 20_000) {
      nginx.kill("SIGKILL");
      throw new Error(`nginx did not start: ${errors() || "no log"}`);
    }
    await sleep(100);
  }
  return {
    errors,
    stop: async () => {
      // SIGQUIT: graceful shutdown, open requests are finished.
      if (!exited) nginx.kill("SIGQUIT");
      await stopped;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ---- Virtual users -------------------------------------------------------------------------------

function actionId(name: string): string {
  const manifest = JSON.parse(readFileSync(path.resolve(".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string }>;
  };
  const entry = Object.entries(manifest.node).find(([, value]) => value.exportedName === name);
  if (!entry) throw new Error(`server action ${name} not found in the build manifest`);
  return entry[0];
}

/** Posts the report form to the server action exactly as React's client does. */
async function submit(
  baseUrl: string,
  init: RequestInit,
  cookie: string,
  action: string,
  task: number,
  quarter: Quarter,
  requestId: string,
): Promise<{ ok: boolean; status: number; detail: string }> {
  const { encodeReply } = createRequire(import.meta.url)("next/dist/compiled/react-server-dom-webpack/client.node.js") as {
    encodeReply: (value: unknown) => Promise<FormData | string>;
  };
  const form = new FormData();
  for (const [key, value] of Object.entries({
    taskNumber: String(task),
    quarter: formatQuarter(quarter),
    version: "0",
    intent: "submit",
    requestId,
    progressState: "ON_TRACK",
    percent: "30",
    progress: "压测：本季度按计划推进。",
    problems: "",
    nextSteps: "",
  })) {
    form.append(key, value);
  }
  const body = await encodeReply([{ ok: false, message: "", fieldErrors: {}, values: {} }, form]);
  const response = await fetch(`${baseUrl}/progress/${task}/${formatQuarter(quarter)}`, {
    ...init,
    method: "POST",
    redirect: "manual",
    headers: { Accept: "text/x-component", "Next-Action": action, Origin: baseUrl, Cookie: cookie },
    body,
  });
  const text = await response.text();
  const redirected = response.headers.get("x-action-redirect") ?? "";
  // A refused save answers the form's state, whose message is what the user would read.
  const message = /"message":"((?:[^"\\]|\\.)+)"/.exec(text)?.[1];
  return {
    ok: response.status < 400 && redirected.includes("/reports/"),
    status: response.status,
    detail: `${response.status} ${redirected || message || text.replace(/\s+/g, " ").slice(0, 160)}`,
  };
}

/** What kind of refusal a failed request was, for the count that must stay 0. */
function refusalKind(failure: string): string {
  if (/rate|过多|频繁|429/i.test(failure)) return "rate-limited";
  if (/lock|锁定/i.test(failure)) return "locked";
  if (/\b5\d\d\b/.test(failure)) return "5xx";
  if (/\b4\d\d\b/.test(failure)) return "other 4xx";
  if (/fetch failed|ECONN|socket|terminated/i.test(failure)) return "connection";
  return "not saved";
}

class Phase {
  times: number[] = [];
  refusals = new Map<string, number>();
  firstRefusal = "";
  retried = 0;
  outageAnswers = new Map<string, number>();
  wallMs = 0;
  acknowledged = 0;
  constructor(readonly name: string) {}
  refuse(failure: string) {
    const kind = refusalKind(failure);
    this.refusals.set(kind, (this.refusals.get(kind) ?? 0) + 1);
    this.firstRefusal ||= failure.replace(/load\d+/, "user");
  }
  get refused() {
    return [...this.refusals.values()].reduce((sum, count) => sum + count, 0);
  }
  /** Runs `attempt` until `ok`; with `retries`, a failure (the outage) is tried again after 0.5 s. */
  async measure<T>(
    attempt: () => Promise<T>,
    ok: (value: T) => boolean,
    describe: (value: T) => string,
    retries = 0,
  ): Promise<T | undefined> {
    const started = performance.now();
    for (let round = 0; ; round += 1) {
      let failure: string;
      try {
        const value = await attempt();
        if (ok(value)) {
          this.times.push(performance.now() - started);
          return value;
        }
        failure = describe(value);
      } catch (error) {
        failure =
          error instanceof Error ? `${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ""}` : String(error);
      }
      if (round >= retries) {
        this.refuse(failure);
        return undefined;
      }
      this.retried += 1;
      const key = failure.replace(/load\d+/, "user").slice(0, 80);
      this.outageAnswers.set(key, (this.outageAnswers.get(key) ?? 0) + 1);
      await sleep(500);
    }
  }
  print() {
    const ms = (p: number) => `${percentile(this.times, p).toFixed(0)} ms`;
    console.log(
      `  ${this.name.padEnd(8)} p50 ${ms(50)}, p95 ${ms(95)}, p99 ${ms(99)}  (${this.times.length} done in ${(this.wallMs / 1000).toFixed(1)} s)`,
    );
    const kinds = ["rate-limited", "locked", "other 4xx", "5xx", "connection", "not saved"];
    console.log(
      `           refusals ${this.refused} (${kinds.map((kind) => `${kind} ${this.refusals.get(kind) ?? 0}`).join(", ")})${this.firstRefusal ? `; first: ${this.firstRefusal}` : ""}`,
    );
    if (this.retried) {
      console.log(`           answers retried while PostgreSQL was down: ${this.retried}`);
      for (const [answer, count] of this.outageAnswers) console.log(`             ${count} × ${answer}`);
    }
  }
}

/** The database after a submitting phase: each acknowledged submission stored exactly once. */
async function exactlyOnce(client: pg.Client, quarter: Quarter, acknowledged: number) {
  const params = [quarter.year, quarter.quarter];
  const ofQuarter = `JOIN "ProgressReport" r ON r.id = x."reportId" WHERE r.year = $1 AND r.quarter = $2`;
  const stored = await countRows(
    client,
    `SELECT count(*) FROM "ProgressReport" WHERE year = $1 AND quarter = $2 AND status = 'SUBMITTED'`,
    params,
  );
  const revisions = await countRows(client, `SELECT count(*) FROM "ReportRevision" x ${ofQuarter} AND x.action = 'report.submit'`, params);
  const audited = await countRows(
    client,
    `SELECT count(*) FROM (SELECT "entityId"::int AS "reportId" FROM "AuditLog" WHERE entity = 'ProgressReport' AND action = 'report.submit') x ${ofQuarter}`,
    params,
  );
  const duplicates = await countRows(
    client,
    `SELECT count(*) FROM (SELECT 1 FROM "ProgressReport" WHERE year = $1 AND quarter = $2 GROUP BY "taskId", "unitId" HAVING count(*) > 1) d`,
    params,
  );
  const ok = stored === acknowledged && revisions === acknowledged && audited === acknowledged && duplicates === 0;
  console.log(
    `           ${formatQuarter(quarter)} in the database: ${stored} submitted reports, ${revisions} revisions, ${audited} audit rows, ` +
      `${duplicates} duplicates for ${acknowledged} acknowledged — exactly once: ${ok ? "yes" : "NO"}`,
  );
  return ok;
}

function peakRssMb(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return NaN;
  }
}

// ---- The run -------------------------------------------------------------------------------------

const nginxBinary = findOrInstallNginx();
log(`nginx: ${nginxBinary} (${spawnSync(nginxBinary, ["-v"], { encoding: "utf8" }).stderr.trim()})`);
const database = await throwAwayDatabase();
const instances: LocalApp[] = [];
let nginx: Awaited<ReturnType<typeof startNginx>> | undefined;
let failed = false;
try {
  await migrateDatabase(database.url);
  await seedDatabase(database.url, { demo: true });
  const plan = await createLoadUsers(database.url, users);
  const nginxPort = await freePort();
  const baseUrl = `http://127.0.0.1:${nginxPort}`;
  const shared = { NEXTAUTH_SECRET: `load-${randomBytes(16).toString("hex")}`, NEXTAUTH_URL: baseUrl, TRUSTED_PROXIES: "127.0.0.1" };
  for (let index = 0; index < INSTANCES; index += 1) instances.push(await startLocalApp(database.url, shared));
  nginx = await startNginx(
    nginxBinary,
    nginxPort,
    instances.map((instance) => new URL(instance.baseUrl).host),
  );
  log(`${users} staff → nginx ${baseUrl} → ${instances.map((instance) => instance.baseUrl).join(", ")} → one PostgreSQL`);
  const action = actionId("saveReportAction");
  const agents = plan.map(({ address }) => new Agent({ localAddress: address }));
  const from = (index: number) => ({ dispatcher: agents[index] }) as RequestInit;

  const signingIn = new Phase("sign-in");
  const cookies: (string | undefined)[] = [];
  log(`phase 1: ${users} staff sign in over ${SIGN_IN_SPREAD_MS / 1000} s, each from its own address`);
  let clock = performance.now();
  await Promise.all(
    plan.map(async ({ username }, index) => {
      await sleep((index * SIGN_IN_SPREAD_MS) / users);
      cookies[index] = await signingIn.measure(
        () => signIn(baseUrl, username, from(index)),
        () => true,
        () => "",
      );
    }),
  );
  signingIn.wallMs = performance.now() - clock;

  const submitPhase = async (phase: Phase, quarter: Quarter, retries: number) => {
    clock = performance.now();
    await Promise.all(
      plan.map(async ({ task }, index) => {
        const cookie = cookies[index];
        if (!cookie) return;
        const requestId = randomUUID();
        const result = await phase.measure(
          () => submit(baseUrl, from(index), cookie, action, task, quarter, requestId),
          (answer) => answer.ok,
          (answer) => answer.detail,
          retries,
        );
        if (result) phase.acknowledged += 1;
      }),
    );
    phase.wallMs = performance.now() - clock;
  };

  const submitting = new Phase("submit");
  log(`phase 2: all submit their ${formatQuarter(thisQuarter)} report at once`);
  await submitPhase(submitting, thisQuarter, 0);

  const fault = new Phase("fault");
  log(`phase 3: all submit their ${formatQuarter(lastQuarter)} report at once; PostgreSQL stops for ${OUTAGE_MS / 1000} s mid-way`);
  await Promise.all([
    submitPhase(fault, lastQuarter, 40),
    (async () => {
      while (fault.acknowledged < STRIKE_AFTER) await sleep(20);
      log(`stopping PostgreSQL for ${OUTAGE_MS / 1000} s (${fault.acknowledged} submissions acknowledged so far)`);
      await database.restart(OUTAGE_MS);
      log("PostgreSQL is back");
    })(),
  ]);

  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  console.log(`\n[load] ${users} staff through nginx, ${INSTANCES} app instances, one PostgreSQL; every limit at its default`);
  signingIn.print();
  const addresses = await countRows(client, `SELECT count(DISTINCT address) FROM "SignInAttempt" WHERE success AND username LIKE 'load%'`);
  const proxyAddress = await countRows(
    client,
    `SELECT count(*) FROM "SignInAttempt" WHERE username LIKE 'load%' AND address = '127.0.0.1'`,
  );
  console.log(
    `           client addresses the app recorded: ${addresses} distinct (${proxyAddress} attempts recorded as nginx's own 127.0.0.1)`,
  );
  submitting.print();
  const submitOnce = await exactlyOnce(client, thisQuarter, submitting.acknowledged);
  fault.print();
  const faultOnce = await exactlyOnce(client, lastQuarter, fault.acknowledged);
  await client.end();
  for (const [index, instance] of instances.entries()) {
    console.log(
      `  instance ${index + 1} (${instance.baseUrl}) peak resident memory: ${peakRssMb(instance.app.pid).toFixed(0)} MB (target ≤ 1024 MB)`,
    );
  }
  const nginxErrors = nginx
    .errors()
    .split("\n")
    .filter((line) => /\[(error|crit|alert|emerg)\]/.test(line));
  console.log(`  nginx errors logged: ${nginxErrors.length}${nginxErrors.length ? ` (first: ${nginxErrors[0]})` : ""}`);
  const refused = signingIn.refused + submitting.refused + fault.refused;
  failed = refused > 0 || !submitOnce || !faultOnce || addresses !== users;
  console.log(failed ? "\n[load] FAILED: see the refusals and checks above" : "\n[load] no refusal, every submission stored exactly once");
} catch (error) {
  failed = true;
  console.error(`[load] ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await nginx?.stop();
  for (const instance of instances) await instance.stop();
  await database.stop();
}
process.exit(failed ? 1 : 0);
