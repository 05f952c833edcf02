import "server-only";
/**
 * Sign-in through the province's identity service (统一身份认证), an OpenID Connect provider, as a
 * next-auth "oauth" provider: discovery from the issuer, the authorization code flow with PKCE,
 * state and nonce, a verified ID token. Optional: configured by OIDC_ISSUER, OIDC_CLIENT_ID and
 * OIDC_CLIENT_SECRET (lib/core/env.ts, all three or none); unset, only passwords sign in.
 *
 * The identity service proves who the person is; the local account decides what they may do. Which
 * account an identity signs in as, and the refusals, are lib/auth/oidc-sign-in.ts.
 */
import type { User } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { env } from "@/lib/core/env";

export const OIDC_PROVIDER_ID = "oidc";

export interface OidcSettings {
  /** The issuer exactly as the service names itself (the `iss` of its ID tokens). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The sign-in button's text. */
  name: string;
  /** A claim whose value, equal to a local username, links the identity at its first sign-in. */
  autoLinkClaim: string | null;
}

/** The identity service's settings, or null when it is not configured. */
export function oidcSettings(): OidcSettings | null {
  const config = env();
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret } = config;
  // lib/core/env.ts refuses a configuration with only some of the three.
  if (!issuer || !clientId || !clientSecret) return null;
  return { issuer, clientId, clientSecret, name: config.OIDC_NAME, autoLinkClaim: config.OIDC_AUTO_LINK_CLAIM ?? null };
}

/** What the identity service says about the person: the ID token's claims, completed by userinfo's. */
export type IdentityClaims = Record<string, unknown> & { sub?: string };

/**
 * next-auth wants a User made from the claims before its signIn callback runs, when the local
 * account is not known yet. This one is nobody: the signIn callback (lib/auth/options.ts) replaces
 * every field with the local account's and its new session's, or refuses the sign-in. Left as it
 * is, it could open nothing — no session row has an empty id, no account has version 0 — and the
 * jwt callback refuses it.
 */
function unresolvedUser(claims: IdentityClaims): User {
  return { id: String(claims.sub ?? ""), name: null, role: "STAFF", sessionVersion: 0, sessionId: "" };
}

export function oidcProvider(settings: OidcSettings): OAuthConfig<IdentityClaims> {
  return {
    id: OIDC_PROVIDER_ID,
    name: settings.name,
    type: "oauth",
    wellKnown: `${settings.issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    // The ID token is verified (signature, issuer, audience, expiry, nonce) and its claims are the profile.
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    authorization: { params: { scope: "openid profile" } },
    userinfo: {
      // Many services put only `sub` in the ID token of a code flow and the profile claims (name,
      // preferred_username) at the userinfo endpoint: both are read; openid-client refuses a userinfo
      // answer about another `sub`. Without that endpoint, or when it fails, the ID token suffices.
      async request({ tokens, client }) {
        // next-auth types only the token set's fields; what it passes is openid-client's TokenSet.
        const tokenSet = tokens as Exclude<Parameters<typeof client.userinfo>[0], string>;
        const claims = tokenSet.claims();
        if (!client.issuer.metadata.userinfo_endpoint || !tokenSet.access_token) return claims;
        try {
          return { ...(await client.userinfo(tokenSet)), ...claims };
        } catch (error) {
          console.error("identity service: could not read the userinfo endpoint; using the ID token's claims", error);
          return claims;
        }
      },
    },
    profile: unresolvedUser,
    httpOptions: { timeout: 10_000 },
  };
}

/** Why an identity-service sign-in was refused: the `error` the sign-in page is sent back with. */
export type OidcRefusal = "OidcUnlinked" | "OidcInactive" | "OidcFailed";

const REFUSALS: Record<OidcRefusal, string> = {
  OidcUnlinked: "该统一身份认证账号尚未关联本系统账号，请联系管理员。",
  OidcInactive: "该统一身份认证账号关联的本系统账号已停用，请联系管理员。",
  OidcFailed: "统一身份认证登录未完成，请重新登录；如仍不成功，请联系管理员。",
};

/** next-auth's own codes for a sign-in through a provider that went wrong (the user cancelled, the service failed…). */
const PROVIDER_ERRORS = new Set(["OAuthSignin", "OAuthCallback", "Callback", "AccessDenied", "OAuthAccountNotLinked", "Configuration"]);

/** The sign-in page's message for its `error` parameter; null for anything else (never the parameter itself). */
export function oidcErrorMessage(error: unknown): string | null {
  if (typeof error !== "string") return null;
  if (error in REFUSALS) return REFUSALS[error as OidcRefusal];
  return PROVIDER_ERRORS.has(error) ? REFUSALS.OidcFailed : null;
}
