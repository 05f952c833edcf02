/**
 * `npm start`: database (DATABASE_URL, or the embedded PostgreSQL in .data/), migrations, seed
 * when empty, production build when sources changed, then the app on http://localhost:$PORT
 * (default 3000). If the app process dies it is started again while the database keeps running;
 * after 5 such exits within a minute it gives up. Ctrl-C stops the app, then the embedded database.
 *
 * A wrong setting in the environment (lib/core/env.ts) stops it first, naming the variable; every
 * other failure known to happen is one paragraph saying what went wrong and what to do.
 */
import type { ChildProcess } from "node:child_process";
import net from "node:net";

const log = (line: string) => console.log(`[start] ${line}`);
const fail = (line: string) => console.error(`[start] ${line}`);

/** After this many unexpected exits within RESTART_WINDOW_MS the app is not started again. */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 60_000;

// The project's modules are loaded here rather than imported above, so that an incomplete
// node_modules is said as such (a failing import above would end the script before it ran).
const [{ envOrExit }, database, { migrateDatabase, seedDatabase }, appServer] = await Promise.all([
  import("../lib/core/env"),
  import("./lib/database-server"),
  import("./lib/setup-database"),
  import("./lib/app-server"),
]).catch((error: unknown): never => {
  const { code, message } = error as { code?: string; message?: string };
  const missing = code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND";
  fail(
    missing ? `A package is missing (${message?.split("\n")[0]}). Run \`npm install\`, then npm start again.` : String(message ?? error),
  );
  process.exit(1);
});

const config = envOrExit();
if (config.APP_TODAY)
  fail(
    `WARNING: APP_TODAY=${config.APP_TODAY} is set: deadlines, reporting windows and milestone lights are judged as on that day, ` +
      `not today. For rehearsals (演练) and tests only; unset it in production.`,
  );
const dev = process.argv.includes("--dev");
const port = config.PORT;
const baseUrl = `http://127.0.0.1:${port}`;
// This script stops the database itself, after the app (see shutdown below).
database.leaveSignalsToCaller();

let server: Awaited<ReturnType<typeof database.openDatabaseServer>> | undefined;
let app: ChildProcess | undefined;
const running = (child: ChildProcess | undefined): child is ChildProcess => !!child && child.exitCode === null && child.signalCode === null;

// Ctrl-C reaches this process twice (from the terminal and relayed by tsx): the second signal waits
// for the same shutdown instead of exiting before the database has stopped.
let stopping: Promise<void> | undefined;
async function shutdown(code: number): Promise<never> {
  stopping ??= (async () => {
    if (running(app)) {
      const exited = new Promise((resolve) => app!.once("exit", resolve));
      app.kill("SIGTERM");
      await exited;
    }
    await server?.stop();
    log("stopped");
  })();
  await stopping;
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
for (const event of ["uncaughtException", "unhandledRejection"] as const) {
  process.on(event, (error: unknown) => {
    fail(explain(error));
    void shutdown(1);
  });
}

/** The app's port must be free before the database, migrations and build are worth starting. */
function checkPortFree(): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") {
        reject(
          new database.StartFailure(
            `Port ${port} is already in use by another program, so the app cannot listen on it. Stop that program ` +
              `(\`ss -ltnp 'sport = :${port}'\` shows which), or start on another port: PORT=${port === 3000 ? 3001 : 3000} npm start.`,
          ),
        );
      } else if (error.code === "EACCES") {
        reject(
          new database.StartFailure(
            `Port ${port} may only be used by root on this system. Choose a port above 1023 with PORT, e.g. PORT=3000.`,
          ),
        );
      } else reject(error);
    });
    probe.listen({ port, host: "0.0.0.0", exclusive: true }, () => probe.close(() => resolve()));
  });
}

/** One paragraph for the operator: what went wrong and what to do. Never a stack trace. */
function explain(error: unknown): string {
  if (error instanceof database.StartFailure) return error.message;
  if (config.DATABASE_URL) {
    const explained = database.explainDatabaseFailure(error, config.DATABASE_URL);
    if (explained) return explained;
  }
  const { code, path, message } = error as NodeJS.ErrnoException;
  if ((code === "EACCES" || code === "EPERM" || code === "EROFS") && path) {
    return `Cannot write ${path} (${code}). Run npm start as a user who may write to this folder (its owner), or fix its permissions.`;
  }
  if (code === "ENOSPC") return `The disk is full${path ? ` (${path})` : ""}. Free some space, then run npm start again.`;
  return `npm start failed: ${message ?? String(error)}`;
}

/** Starts the app again whenever it exits unless this script stopped it, up to MAX_RESTARTS a minute. */
function supervise(launch: () => ChildProcess): void {
  let exits: number[] = [];
  const watch = (child: ChildProcess) =>
    child.once("exit", (code, signal) => {
      if (stopping) return;
      const now = Date.now();
      exits = [...exits.filter((at) => now - at < RESTART_WINDOW_MS), now];
      const how = signal ? `signal ${signal}` : `code ${code}`;
      if (exits.length > MAX_RESTARTS) {
        fail(
          `the app exited ${exits.length} times within a minute (last with ${how}); not restarting it again. Its own output ` +
            `above says why: fix that, then run npm start again.`,
        );
        void shutdown(1);
        return;
      }
      log(`the app exited with ${how} — restarting (${exits.length}/${MAX_RESTARTS}); the database keeps running`);
      setTimeout(() => {
        if (stopping) return;
        const next = launch();
        app = next;
        watch(next);
        appServer.waitUntilServing(next, baseUrl).then(
          () => log(`美丽江西 app serving again: http://localhost:${port} (pid ${next.pid})`),
          () => {},
        );
      }, 1000 * exits.length);
    });
  watch(app!);
}

try {
  await checkPortFree();
  server = await database.openDatabaseServer({ log: (line) => log(`postgres: ${line}`) });
  log(server.embedded ? `embedded PostgreSQL ready (${new URL(server.url).port})` : "using DATABASE_URL");
  await migrateDatabase(server.url, log);
  const demo = server.embedded || process.argv.includes("--demo") || process.env.DEMO_MODE === "1";
  const seeded = await seedDatabase(server.url, { demo });
  log(`plan: ${seeded.plan}; demo accounts: ${seeded.demoAccounts}`);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: server.url,
    NEXTAUTH_SECRET: appServer.authSecret(),
    NEXTAUTH_URL: config.NEXTAUTH_URL ?? `http://localhost:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  if (!dev) {
    try {
      appServer.buildIfNeeded({ ...env, NODE_ENV: "production" }, log);
    } catch (error) {
      throw new database.StartFailure(
        `The production build failed (${error instanceof Error ? error.message : String(error)}; its errors are printed above). ` +
          `Fix what they name, then run npm start again (npm run dev shows the same errors while you edit).`,
      );
    }
  }
  const launch = () => appServer.startNextServer(dev ? env : { ...env, NODE_ENV: "production" }, port, dev ? "dev" : "start");
  app = launch();
  try {
    await appServer.waitUntilServing(app, baseUrl);
  } catch (error) {
    throw new database.StartFailure(
      `The app did not start (${error instanceof Error ? error.message : String(error)}); its own output above says why. ` +
        `Fix that, then run npm start again.`,
    );
  }
  log(`美丽江西 app: http://localhost:${port} (pid ${app.pid})`);
  if (demo) log('demo accounts and their password are listed in README.md (section "Demo accounts")');
  supervise(launch);
} catch (error) {
  fail(explain(error));
  await shutdown(1);
}
