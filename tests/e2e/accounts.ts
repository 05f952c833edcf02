/** Demo accounts the e2e suite signs in as (seeded by `npm test` on its throw-away database). */
import { DEMO_PASSWORD } from "../../prisma/seed-data/demo-accounts";

export const PASSWORD = DEMO_PASSWORD;

export const E2E_ACCOUNTS = {
  admin: "admin",
  reviewer: "reviewer",
  leader: "leader",
  auditor: "auditor",
  /** Staff of a provincial unit (省水利厅). */
  provincialStaff: "slt",
  /** Staff of a city (南昌市). */
  cityStaff: "nanchang",
} as const;

export type E2eAccount = keyof typeof E2E_ACCOUNTS;

export const storageStateOf = (account: E2eAccount) => `playwright/.auth/${account}.json`;
