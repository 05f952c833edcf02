/**
 * `npm start`: database (DATABASE_URL, or the embedded PostgreSQL in .data/), migrations, seed
 * when empty, production build when sources changed, then the app on http://localhost:$PORT
 * (default 3000). Ctrl-C stops the app and the embedded database cleanly. A wrong setting in the
 * environment (lib/core/env.ts) stops it first, naming the variable.
 */
import { envOrExit } from "../lib/core/env";
import { openDatabaseServer } from "./lib/database-server";
import { migrateDatabase, seedDatabase } from "./lib/setup-database";
import { authSecret, buildIfNeeded, startNextServer, waitUntilServing } from "./lib/app-server";

const config = envOrExit();
const dev = process.argv.includes("--dev");
const port = config.PORT;
const log = (line: string) => console.log(`[start] ${line}`);

const server = await openDatabaseServer({ log: (line) => line && log(`postgres: ${line.split("\n")[0]}`) });
log(server.embedded ? `embedded PostgreSQL ready (${new URL(server.url).port})` : "using DATABASE_URL");

// Ctrl-C reaches this process twice (from the terminal and relayed by tsx): the second signal waits
// for the same shutdown instead of exiting before the database has stopped.
let stopping: Promise<void> | undefined;
async function shutdown(code: number): Promise<never> {
  stopping ??= (async () => {
    if (app && app.exitCode === null) {
      app.kill("SIGTERM");
      await new Promise((resolve) => app?.once("exit", resolve));
    }
    await server.stop();
    log("stopped");
  })();
  await stopping;
  process.exit(code);
}
let app: ReturnType<typeof startNextServer> | undefined;
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

try {
  await migrateDatabase(server.url, log);
  const demo = server.embedded || process.argv.includes("--demo") || process.env.DEMO_MODE === "1";
  const seeded = await seedDatabase(server.url, { demo });
  log(`plan: ${seeded.plan}; demo accounts: ${seeded.demoAccounts}`);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: server.url,
    NEXTAUTH_SECRET: authSecret(),
    NEXTAUTH_URL: config.NEXTAUTH_URL ?? `http://localhost:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  if (!dev) buildIfNeeded({ ...env, NODE_ENV: "production" }, log);
  app = startNextServer(dev ? env : { ...env, NODE_ENV: "production" }, port, dev ? "dev" : "start");
  app.once("exit", (code) => void shutdown(code ?? 0));
  await waitUntilServing(app, `http://127.0.0.1:${port}`);
  log(`美丽江西 app: http://localhost:${port}`);
  if (demo) log('demo accounts and their password are listed in README.md (section "Demo accounts")');
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await shutdown(1);
}
