import { describe, expect, it } from "vitest";
import { ConfigurationError, parseEnv } from "@/lib/core/env";

/** The refusal's lines for `source`, or a failure when it is accepted. */
function refusal(source: Record<string, string>): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as ConfigurationError).problems;
  }
  throw new Error(`accepted ${JSON.stringify(source)}`);
}

const complete = { OIDC_ISSUER: "https://sso.jiangxi.gov.cn/oidc", OIDC_CLIENT_ID: "meili", OIDC_CLIENT_SECRET: "s3cret" };

describe("the identity service's settings (OIDC_*)", () => {
  it("are off when unset, with the button's default text", () => {
    const config = parseEnv({});
    expect(config.OIDC_ISSUER).toBeUndefined();
    expect(config.OIDC_CLIENT_ID).toBeUndefined();
    expect(config.OIDC_AUTO_LINK_CLAIM).toBeUndefined();
    expect(config.OIDC_NAME).toBe("统一身份认证登录");
  });

  it("take the issuer, the client and optionally a label and an auto-link claim", () => {
    expect(parseEnv({ ...complete, OIDC_NAME: " 赣服通登录 ", OIDC_AUTO_LINK_CLAIM: "preferred_username" })).toMatchObject({
      ...complete,
      OIDC_NAME: "赣服通登录",
      OIDC_AUTO_LINK_CLAIM: "preferred_username",
    });
  });

  it("refuse a partial configuration, naming each missing variable", () => {
    expect(refusal({ OIDC_ISSUER: complete.OIDC_ISSUER })).toEqual([
      "OIDC_CLIENT_ID is required with OIDC_ISSUER (set all of OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, or none)",
      "OIDC_CLIENT_SECRET is required with OIDC_ISSUER (set all of OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, or none)",
    ]);
    expect(refusal({ OIDC_CLIENT_ID: "meili", OIDC_CLIENT_SECRET: "s3cret", OIDC_ISSUER: " " })).toEqual([
      "OIDC_ISSUER is required with OIDC_CLIENT_ID and OIDC_CLIENT_SECRET (set all of OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, or none)",
    ]);
  });

  it("refuse an issuer that is not an http(s) URL and a claim name that is not one, never repeating the secret", () => {
    expect(refusal({ ...complete, OIDC_ISSUER: "sso.jiangxi.gov.cn" })).toEqual([
      'OIDC_ISSUER must be a URL (http:// or https://) such as https://sso.jiangxi.gov.cn/oidc, not "sso.jiangxi.gov.cn"',
    ]);
    expect(refusal({ ...complete, OIDC_AUTO_LINK_CLAIM: "preferred username" })[0]).toMatch(/^OIDC_AUTO_LINK_CLAIM must be a claim name/);
    expect(refusal({ OIDC_CLIENT_SECRET: "s3cret" }).join("\n")).not.toContain('s3cret"');
  });
});
