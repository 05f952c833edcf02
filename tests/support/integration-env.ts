// Points the app's data layer (lib/db.ts reads DATABASE_URL on first use) at this run's database.
import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
