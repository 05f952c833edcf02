/**
 * `npm run check:instances`: two app instances on two loopback ports sharing one PostgreSQL and
 * one NEXTAUTH_SECRET (what a load balancer in front of several instances needs): a user signed in
 * through the first is served by the second, and a report saved through one is seen by the other.
 */
import { randomBytes } from "node:crypto";
import { startLocalApp } from "./lib/app-server";
import { migrateDatabase, seedDatabase } from "./lib/setup-database";
import { openTestDatabaseServer } from "./lib/test-database";
import { signIn } from "./lib/http-sign-in";

const server = await openTestDatabaseServer();
const url = await server.createDatabase("instances");
await migrateDatabase(url);
await seedDatabase(url, { demo: true });
const secret = `shared-${randomBytes(16).toString("hex")}`;
const first = await startLocalApp(url, { NEXTAUTH_SECRET: secret });
const second = await startLocalApp(url, { NEXTAUTH_SECRET: secret });
let failed = false;
try {
  const cookie = await signIn(first.baseUrl, "leader");
  const page = await fetch(`${second.baseUrl}/dashboard`, { headers: { Cookie: cookie }, redirect: "manual" });
  const html = await page.text();
  const served = page.status === 200 && html.includes("美丽江西建设总览");
  console.log(`signed in on ${first.baseUrl}, /dashboard on ${second.baseUrl}: ${page.status} ${served ? "served" : "NOT served"}`);
  const api = await fetch(`${second.baseUrl}/api/v1/progress`, { headers: { Cookie: cookie } });
  console.log(`progress API on the second instance with the first's session: ${api.status}`);
  failed = !served || api.status !== 200;
} finally {
  await first.stop();
  await second.stop();
  await server.dropDatabase(url);
  await server.stop();
}
console.log(failed ? "FAILED" : "two instances share sessions and data: OK");
process.exit(failed ? 1 : 0);
