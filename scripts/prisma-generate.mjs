// Generates the Prisma client after `npm install`.
// Prisma's CLI tries to download its native schema engine before every command, which fails on an
// offline intranet machine; generation itself never uses that engine, so it is pointed at a no-op.
// (Never do this for migrate: see scripts/db-migrate.ts.)
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const prismaCli = require.resolve("prisma/build/index.js");
const noopEngine = process.platform === "win32" ? "cmd.exe" : "/bin/true";
const result = spawnSync(process.execPath, [prismaCli, "generate"], {
  stdio: "inherit",
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: noopEngine, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
});
process.exit(result.status ?? 1);
