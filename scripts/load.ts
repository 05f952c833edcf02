/**
 * `npm run load [-- --users 300]`: a bounded load run on loopback only. A fresh `meili_load`
 * database gets one staff account per virtual user (each bound to the unit of a distinct task ×
 * unit pair), the production app starts on a free 127.0.0.1 port, and every user at once signs in
 * (next-auth credentials, as a browser does) and submits a report through the real server action
 * (React's own request encoding, the action id from Next's manifest). Afterwards the database is
 * checked: every acknowledged submission exactly once, with its revision and audit row. Prints
 * p50/p95/p99, errors and the app server's peak resident memory.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import pg from "pg";
import { startLocalApp } from "./lib/app-server";
import { migrateDatabase, seedDatabase } from "./lib/setup-database";
import { freePort, withDatabase } from "./lib/test-database";
import { openDatabaseServer, startEmbeddedPostgres } from "./lib/database-server";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import { randomUUID } from "node:crypto";
import { hashPassword } from "../lib/auth/password";
import { DEMO_PASSWORD } from "../prisma/seed-data/demo-accounts";
import { signIn } from "./lib/http-sign-in";
import { percentile } from "./lib/percentile";
import { countRows } from "./lib/count-rows";

const users = Number(process.argv[process.argv.indexOf("--users") + 1] || 300) || 300;
/** Restart PostgreSQL while the load runs (on a throw-away embedded server the script controls). */
const fault = process.argv.includes("--fault");
const QUARTER = { year: 2026, quarter: 4 };

interface LoadDatabase {
  url: string;
  stop: () => Promise<void>;
  /** Only with --fault: stops PostgreSQL for `downMs`, then starts it again on the same data. */
  restart?: (downMs: number) => Promise<void>;
}

async function faultDatabase(): Promise<LoadDatabase> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "meili-load-pg-"));
  chmodSync(dir, 0o755);
  const options = { dataDir: path.join(dir, "data"), port: await freePort(), database: "meili_load" };
  let server = await startEmbeddedPostgres(options);
  return {
    url: server.url,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
    restart: async (downMs) => {
      await server.stop();
      await new Promise((resolve) => setTimeout(resolve, downMs));
      server = await startEmbeddedPostgres(options);
    },
  };
}

async function freshLoadDatabase(): Promise<LoadDatabase> {
  const server = await openDatabaseServer({ database: "postgres" });
  const admin = new pg.Client({ connectionString: withDatabase(server.url, "postgres") });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS meili_load WITH (FORCE)`);
  await admin.query(`CREATE DATABASE meili_load`);
  await admin.end();
  return { url: withDatabase(server.url, "meili_load"), stop: () => server.stop() };
}

async function createLoadUsers(url: string, count: number) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const pairs = (
      await client.query<{ number: number; unitId: number }>(
        `SELECT t.number, tu."unitId" FROM "TaskUnit" tu JOIN "Task" t ON t.id = tu."taskId"
         WHERE t."deadlineDate" >= make_date($1, $2 * 3 - 2, 1) ORDER BY tu."unitId", t.number`,
        [QUARTER.year, QUARTER.quarter],
      )
    ).rows;
    if (pairs.length < count) throw new Error(`only ${pairs.length} task × unit pairs owe a ${QUARTER.year}Q${QUARTER.quarter} report`);
    // Spread users over units: take pairs round-robin by unit.
    const byUnit = new Map<number, typeof pairs>();
    for (const pair of pairs) byUnit.set(pair.unitId, [...(byUnit.get(pair.unitId) ?? []), pair]);
    const chosen: typeof pairs = [];
    while (chosen.length < count) for (const list of byUnit.values()) if (list.length && chosen.length < count) chosen.push(list.shift()!);
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (const [index, pair] of chosen.entries()) {
      await client.query(
        `INSERT INTO "User" (username, "displayName", "passwordHash", role, "unitId", "updatedAt") VALUES ($1, $2, $3, 'STAFF', $4, now())`,
        [`load${String(index).padStart(4, "0")}`, `压测用户${index}`, passwordHash, pair.unitId],
      );
    }
    return chosen.map((pair, index) => ({ username: `load${String(index).padStart(4, "0")}`, task: pair.number }));
  } finally {
    await client.end();
  }
}

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
  cookie: string,
  action: string,
  task: number,
  requestId: string,
): Promise<{ ok: boolean; detail: string }> {
  const { encodeReply } = createRequire(import.meta.url)("next/dist/compiled/react-server-dom-webpack/client.node.js") as {
    encodeReply: (value: unknown) => Promise<FormData | string>;
  };
  const form = new FormData();
  const quarter = `${QUARTER.year}Q${QUARTER.quarter}`;
  for (const [key, value] of Object.entries({
    taskNumber: String(task),
    quarter,
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
  const response = await fetch(`${baseUrl}/progress/${task}/${quarter}`, {
    method: "POST",
    redirect: "manual",
    headers: { Accept: "text/x-component", "Next-Action": action, Origin: baseUrl, Cookie: cookie },
    body,
  });
  const text = await response.text();
  const redirected = response.headers.get("x-action-redirect") ?? "";
  return {
    ok: response.status < 400 && redirected.includes("/reports/"),
    detail: `${response.status} ${redirected || text.slice(0, 120)}`,
  };
}

function peakRssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return NaN;
  }
}

const database = fault ? await faultDatabase() : await freshLoadDatabase();
await migrateDatabase(database.url);
await seedDatabase(database.url, { demo: true });
const plan = await createLoadUsers(database.url, users);
// All virtual users come from loopback; the per-account limits still apply.
const local = await startLocalApp(database.url, { SIGNIN_MAX_PER_ADDRESS: "100000" });
const { app, baseUrl } = local;
try {
  const action = actionId("saveReportAction");
  const signInTimes: number[] = [];
  const submitTimes: number[] = [];
  const errors: string[] = [];
  let acknowledged = 0;
  let retried = 0;
  const outageAnswers = new Map<string, number>();
  const started = performance.now();
  const retry = async <T>(attempt: () => Promise<T>, ok: (value: T) => boolean, describe: (value: T) => string): Promise<T> => {
    for (let round = 0; ; round += 1) {
      let value: T | undefined;
      let failure: string;
      try {
        value = await attempt();
        if (ok(value)) return value;
        failure = describe(value);
      } catch (error) {
        failure = error instanceof Error ? error.message.replace(/load\d+/, "user") : String(error);
      }
      if (!fault || round >= 40) throw new Error(failure);
      retried += 1;
      outageAnswers.set(failure.slice(0, 60), (outageAnswers.get(failure.slice(0, 60)) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  };
  const outage = fault
    ? (async () => {
        // Strike in the middle of the submissions: after the first 50 are acknowledged.
        while (acknowledged < Math.min(50, plan.length / 4)) await new Promise((resolve) => setTimeout(resolve, 50));
        console.log(`[load] stopping PostgreSQL for 3 s while the load runs (${acknowledged} submissions acknowledged so far)`);
        await database.restart!(3000);
        console.log("[load] PostgreSQL is back");
      })()
    : Promise.resolve();
  await Promise.all([
    outage,
    ...plan.map(async ({ username, task }) => {
      const requestId = randomUUID();
      try {
        let clock = performance.now();
        const cookie = await retry(
          () => signIn(baseUrl, username),
          () => true,
          () => "",
        );
        signInTimes.push(performance.now() - clock);
        clock = performance.now();
        await retry(
          () => submit(baseUrl, cookie, action, task, requestId),
          (result) => result.ok,
          (result) => result.detail,
        );
        submitTimes.push(performance.now() - clock);
        acknowledged += 1;
      } catch (error) {
        errors.push(`${username} task ${task}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }),
  ]);
  const wall = performance.now() - started;
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const stored = await countRows(
    client,
    `SELECT count(*) FROM "ProgressReport" WHERE year = $1 AND quarter = $2 AND status = 'SUBMITTED'`,
    [QUARTER.year, QUARTER.quarter],
  );
  const audited = await countRows(client, `SELECT count(*) FROM "AuditLog" WHERE action = 'report.submit'`);
  const revisions = await countRows(client, `SELECT count(*) FROM "ReportRevision" WHERE action = 'report.submit'`);
  const duplicates = await countRows(
    client,
    `SELECT count(*) FROM (SELECT 1 FROM "ProgressReport" GROUP BY "taskId", "unitId", year, quarter HAVING count(*) > 1) d`,
  );
  await client.end();
  console.log(`\n[load] ${users} staff signing in and submitting at once, in ${(wall / 1000).toFixed(1)} s`);
  console.log(
    `  sign-in  p50 ${percentile(signInTimes, 50).toFixed(0)} ms, p95 ${percentile(signInTimes, 95).toFixed(0)} ms, p99 ${percentile(signInTimes, 99).toFixed(0)} ms`,
  );
  console.log(
    `  submit   p50 ${percentile(submitTimes, 50).toFixed(0)} ms, p95 ${percentile(submitTimes, 95).toFixed(0)} ms, p99 ${percentile(submitTimes, 99).toFixed(0)} ms`,
  );
  console.log(`  acknowledged ${acknowledged}, errors ${errors.length}${errors.length ? ` (first: ${errors[0]})` : ""}`);
  if (fault) {
    console.log(`  requests retried after a failure while PostgreSQL was down: ${retried}`);
    for (const [answer, count] of outageAnswers) console.log(`    ${count} × ${answer}`);
  }
  console.log(`  in the database: ${stored} submitted reports, ${revisions} revisions, ${audited} audit rows, ${duplicates} duplicates`);
  console.log(
    `  exactly once: ${stored === acknowledged && revisions === acknowledged && audited === acknowledged && duplicates === 0 ? "yes" : "NO"}`,
  );
  console.log(`  app server peak resident memory: ${peakRssMb(app.pid!).toFixed(0)} MB (target ≤ 1024 MB)`);
} finally {
  await local.stop();
  await database.stop();
}
process.exit(0);
