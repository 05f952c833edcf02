/**
 * `npm test`: the whole suite, in order of cost: type check, lint and format check, unit tests,
 * drift check, integration tests on real PostgreSQL, production build, end-to-end tests in Chromium.
 *
 * PostgreSQL: the server in DATABASE_URL when set (each run creates and drops its own
 * `meili_test_*` databases there), otherwise a throw-away embedded server in a temporary folder.
 * Arguments select stages: `npm test -- unit integration` (default: all). Any other argument is
 * passed to Vitest and Playwright to pick files or tests: `npm test -- e2e tests/e2e/sign-in.spec.ts`.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { buildIfNeeded, startLocalApp, type LocalApp } from "./lib/app-server";
import { diffMigrationsToSchema, EMPTY_MIGRATION } from "./lib/schema-engine";
import { migrateDatabase, seedDatabase } from "./lib/setup-database";
import { openTestDatabaseServer, type TestDatabaseServer } from "./lib/test-database";

const STAGES = ["types", "lint", "unit", "drift", "integration", "e2e"] as const;
type Stage = (typeof STAGES)[number];

/** The command-line entry of an installed tool, as npm links it. */
const bin = (name: string) => path.resolve("node_modules/.bin", name);
const log = (line: string) => console.log(`\n[test] ${line}`);

const requested = process.argv.slice(2).filter((arg) => (STAGES as readonly string[]).includes(arg)) as Stage[];
const stages = new Set<Stage>(requested.length ? requested : STAGES);
const extra = process.argv.slice(2).filter((arg) => !(STAGES as readonly string[]).includes(arg));
/** The extra arguments for one stage: a file under tests/<other stage>/ is left out. */
const selection = (folder: "unit" | "integration" | "e2e") =>
  extra.filter((arg) => !/^tests\/(unit|integration|e2e)\//.test(arg) || arg.startsWith(`tests/${folder}/`));

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    child.once("error", reject);
    child.once("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(command)} ${args[0] ?? ""} exited with ${code ?? signal}`)),
    );
  });
}

const started = Date.now();
let server: TestDatabaseServer | undefined;
const databases: string[] = [];
let local: LocalApp | undefined;

async function cleanUp(): Promise<void> {
  await local?.stop();
  for (const url of databases) await server?.dropDatabase(url).catch(() => {});
  await server?.stop();
}
process.on("SIGINT", () => void cleanUp().then(() => process.exit(130)));

try {
  if (stages.has("types")) {
    log("type check (tsc --noEmit)");
    await run(bin("tsc"), ["--noEmit"]);
  }
  if (stages.has("lint")) {
    log("lint (ESLint) and format check (Prettier)");
    await run(bin("eslint"), [".", "--max-warnings", "0"]);
    await run(bin("prettier"), ["--check", ".", "--log-level", "warn"]);
  }
  if (stages.has("unit")) {
    log("unit tests");
    await run(bin("vitest"), ["run", "--project", "unit", ...selection("unit")]);
  }
  if (stages.has("drift") || stages.has("integration") || stages.has("e2e")) {
    server = await openTestDatabaseServer(log);
  }
  if (stages.has("drift") && server) {
    log("schema.prisma against prisma/migrations (drift check)");
    const url = await server.createDatabase("drift");
    databases.push(url);
    const sql = await diffMigrationsToSchema(url);
    if (sql !== EMPTY_MIGRATION && sql !== "") {
      throw new Error(`schema.prisma differs from the migrations; run \`npm run db:new-migration -- <name>\`:\n${sql}`);
    }
    console.log("no drift");
  }
  if (stages.has("integration") && server) {
    log("integration tests (real PostgreSQL)");
    await run(bin("vitest"), ["run", "--project", "integration", ...selection("integration")], {
      ...process.env,
      TEST_PG_SERVER_URL: server.urlFor("postgres"),
    });
  }
  if (stages.has("e2e") && server) {
    log("production build");
    buildIfNeeded({ ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" }, console.log);
    const url = await server.createDatabase("e2e");
    databases.push(url);
    await migrateDatabase(url);
    await seedDatabase(url, { demo: true });
    // Every limit at its default, as users meet them. The run's session secret is shared with the
    // tests that age a session cookie (idle timeout).
    const secret = `e2e-${randomBytes(16).toString("hex")}`;
    local = await startLocalApp(url, { NEXTAUTH_SECRET: secret });
    const { baseUrl } = local;
    log(`end-to-end tests in Chromium against ${baseUrl}`);
    await run(bin("playwright"), ["test", ...selection("e2e")], {
      ...process.env,
      E2E_BASE_URL: baseUrl,
      E2E_AUTH_SECRET: secret,
      // For tests that start a second server on the same data (another APP_TODAY).
      E2E_DATABASE_URL: url,
    });
  }
  log(`all passed in ${Math.round((Date.now() - started) / 1000)} s`);
  await cleanUp();
} catch (error) {
  console.error(`\n[test] FAILED: ${error instanceof Error ? error.message : String(error)}`);
  await cleanUp();
  process.exit(1);
}
// The schema engine keeps a timer alive for a while after its work; nothing else is pending.
process.exit(0);
