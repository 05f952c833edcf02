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

/**
 * Signs in through next-auth's credentials endpoint, as a browser would. `init` goes with both
 * requests (the load run's virtual users pass a dispatcher bound to their own source address).
 */
export async function signIn(baseUrl: string, username: string, init: RequestInit = {}): Promise<string> {
  const jar = new Map<string, string>();
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`, init);
  cookiesFrom(csrf, jar);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    ...init,
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, username, password: DEMO_PASSWORD, json: "true" }),
  });
  cookiesFrom(response, jar);
  if (![...jar.keys()].some((name) => name.includes("session-token"))) {
    // next-auth names the refusal in the error parameter of the address it would send the browser to.
    const { url } = (await response.json().catch(() => ({}))) as { url?: string };
    const reason = url ? new URL(url, baseUrl).searchParams.get("error") : null;
    throw new Error(`sign-in as ${username} failed (${response.status}${reason ? `: ${reason}` : ""})`);
  }
  return cookieHeader(jar);
}
