/** Signing in over HTTP as a browser does, for benchmarks, load runs and instance checks. */
import { DEMO_PASSWORD } from "../../prisma/seed-data/demo-accounts";

function cookiesFrom(response: Response, jar: Map<string, string>): void {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(";");
    const index = pair!.indexOf("=");
    jar.set(pair!.slice(0, index), pair!.slice(index + 1));
  }
}
const cookieHeader = (jar: Map<string, string>) => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");

/** Signs in through next-auth's credentials endpoint, as a browser would. */
export async function signIn(baseUrl: string, username: string): Promise<string> {
  const jar = new Map<string, string>();
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  cookiesFrom(csrf, jar);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, username, password: DEMO_PASSWORD, json: "true" }),
  });
  cookiesFrom(response, jar);
  if (![...jar.keys()].some((name) => name.includes("session-token")))
    throw new Error(`sign-in as ${username} failed (${response.status})`);
  return cookieHeader(jar);
}
