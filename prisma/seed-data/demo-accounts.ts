/**
 * Demo accounts, created only in demo mode (the embedded default or `db:seed -- --demo`).
 * Every unit also gets a staff account whose username is the unit's code (see units.ts).
 * Outside demo mode there is no default password: `npm run user:create` makes the first admin.
 */
export const DEMO_PASSWORD = "MeiliJX@2024";

/** Demo accounts' e-mail addresses are `<username>@` this reserved example domain (RFC 2606): nothing real is mailed. */
export const DEMO_EMAIL_DOMAIN = "meili.example.org";
export const demoEmail = (username: string) => `${username}@${DEMO_EMAIL_DOMAIN}`;

export interface DemoAccount {
  username: string;
  displayName: string;
  role: "REVIEWER" | "LEADER" | "ADMIN" | "AUDITOR";
  unitCode?: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: "admin", displayName: "系统管理员", role: "ADMIN" },
  // The ecology department compiles and reviews the reports (正文: 书面送省生态环境厅，由其汇总).
  { username: "reviewer", displayName: "省生态环境厅审核人", role: "REVIEWER", unitCode: "sthjt" },
  { username: "leader", displayName: "省领导", role: "LEADER" },
  { username: "auditor", displayName: "安全审计员", role: "AUDITOR" },
];
