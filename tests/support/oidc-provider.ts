/**
 * A real OpenID Connect provider for tests — the `oidc-provider` package, not a mock — standing in
 * for the province's identity service: plain http on a loopback port (issuer
 * http://127.0.0.1:<port>), one confidential client (the app under test, PKCE required), the test
 * accounts below, and the package's own development sign-in and consent pages (any password is
 * accepted: the login typed is the account's `sub`). Like many real services it puts only `sub` in
 * the ID token of a code flow and the profile claims at its userinfo endpoint.
 */
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import Provider from "oidc-provider";
import { freePort } from "../../scripts/lib/test-database";

export interface TestIdentity {
  /** The subject, also the login typed on the provider's sign-in page. */
  sub: string;
  claims: { name?: string; preferred_username?: string };
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  stop(): Promise<void>;
}

/** Starts the provider for a client redirecting to `redirectUris`, on `port` (default: a free one). */
export async function startOidcProvider(options: {
  redirectUris: string[];
  identities: TestIdentity[];
  port?: number;
}): Promise<TestOidcProvider> {
  const port = options.port ?? (await freePort());
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = "meili-tracker";
  const clientSecret = randomBytes(24).toString("base64url");
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    async findAccount(_context, id) {
      const identity = options.identities.find((candidate) => candidate.sub === id);
      return identity && { accountId: identity.sub, claims: () => ({ sub: identity.sub, ...identity.claims }) };
    },
    claims: { openid: ["sub"], profile: ["name", "preferred_username"] },
    cookies: { keys: [randomBytes(16).toString("hex")] },
    features: { devInteractions: { enabled: true } },
    // Lifetimes in seconds, set so the provider does not warn about its defaults.
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
  });
  const server = createServer(provider.callback());
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  return {
    issuer,
    clientId,
    clientSecret,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
