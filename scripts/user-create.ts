/**
 * `npm run user:create -- --username <name> [--name 显示名] [--role ADMIN] [--unit <code>]`
 *
 * Creates an account outside the web UI: how the first admin is made on a database seeded
 * without demo mode (there is no default password then). The password is read from the terminal
 * without echo, or from NEW_USER_PASSWORD for automation. Runs with the react-server condition so
 * the server-only data layer (and its validation and audit) is reused as is.
 */
import { parseArgs } from "node:util";
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { openDatabaseServer } from "./lib/database-server";
import { migrateDatabase } from "./lib/setup-database";

const { values } = parseArgs({
  options: {
    username: { type: "string" },
    name: { type: "string" },
    role: { type: "string", default: "ADMIN" },
    unit: { type: "string", default: "" },
  },
});

async function readPassword(prompt: string): Promise<string> {
  if (process.env.NEW_USER_PASSWORD) return process.env.NEW_USER_PASSWORD;
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (!muted) process.stdout.write(chunk);
      callback();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.question(prompt, (answer) => {
      rl.close();
      process.stdout.write("\n");
      resolve(answer);
    });
    muted = true;
  });
}

const server = await openDatabaseServer();
try {
  process.env.DATABASE_URL = server.url;
  await migrateDatabase(server.url);
  const { createUserSchema } = await import("../lib/admin/schemas");
  const { createUser } = await import("../lib/admin/users");
  const { UserFacingError } = await import("../lib/core/errors");
  const password = await readPassword("新账号密码（至少 10 位，含三类字符）：");
  const parsed = createUserSchema.safeParse({
    username: values.username ?? "",
    displayName: values.name ?? values.username ?? "",
    role: values.role,
    unitCode: values.unit,
    password,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`${issue.path.join(".") || "输入"}：${issue.message}`);
    process.exitCode = 2;
  } else {
    try {
      await createUser(parsed.data, null);
      console.log(`已创建账号 ${parsed.data.username}（${parsed.data.role}）。`);
    } catch (error) {
      if (!(error instanceof UserFacingError)) throw error;
      console.error(error.message);
      process.exitCode = 1;
    }
  }
} finally {
  await server.stop();
}
process.exit(process.exitCode ?? 0);
