// Points the app's data layer (lib/db.ts reads DATABASE_URL on first use) at this run's database.
import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");

// Evidence files of this run go to a temporary folder, never into the project's .data/.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
process.env.EVIDENCE_DIR ??= mkdtempSync(path.join(os.tmpdir(), "meili-evidence-"));
