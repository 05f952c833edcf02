import { afterEach, describe, expect, it } from "vitest";
import { ConfigurationError, env, parseEnv } from "@/lib/core/env";

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

describe("the configuration in the environment", () => {
  afterEach(() => {
    delete process.env.SESSION_IDLE_SECONDS;
  });

  it("applies the documented defaults when nothing is set", () => {
    const config = parseEnv({});
    expect(config).toMatchObject({
      PORT: 3000,
      EMBEDDED_PG_PORT: 54_329,
      DATABASE_POOL_SIZE: 20,
      DATABASE_TX_MAX_WAIT_MS: 20_000,
      DATABASE_TX_TIMEOUT_MS: 30_000,
      EVIDENCE_STORE: "file",
      EVIDENCE_DIR: ".data/evidence",
      EVIDENCE_S3_REGION: "us-east-1",
      EVIDENCE_S3_PATH_STYLE: true,
      EVIDENCE_S3_PREFIX: "evidence/",
      STATUS_SNAPSHOT_SCHEDULE: "on",
      SIGNIN_MAX_FAILURES: 5,
      SIGNIN_LOCK_MINUTES: 15,
      SIGNIN_MAX_PER_ACCOUNT: 10,
      SIGNIN_MAX_PER_ADDRESS: 30,
      SESSION_IDLE_SECONDS: 1800,
      SESSION_ABSOLUTE_SECONDS: 43_200,
    });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.NEXTAUTH_URL).toBeUndefined();
  });

  it("treats an empty value as unset, so the default applies instead of expiring every session", () => {
    const config = parseEnv({
      SESSION_IDLE_SECONDS: "",
      SIGNIN_MAX_FAILURES: "  ",
      EVIDENCE_STORE: "",
      NEXTAUTH_URL: "",
      DATABASE_URL: "",
    });
    expect(config.SESSION_IDLE_SECONDS).toBe(1800);
    expect(config.SIGNIN_MAX_FAILURES).toBe(5);
    expect(config.EVIDENCE_STORE).toBe("file");
    expect(config.NEXTAUTH_URL).toBeUndefined();
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it("reads whole numbers as numbers", () => {
    expect(parseEnv({ SESSION_IDLE_SECONDS: "600", PORT: " 8080 " })).toMatchObject({ SESSION_IDLE_SECONDS: 600, PORT: 8080 });
  });

  it("refuses SESSION_IDLE_SECONDS=30m, naming the variable, what it takes and what it was given", () => {
    expect(refusal({ SESSION_IDLE_SECONDS: "30m" })).toEqual([
      'SESSION_IDLE_SECONDS must be a whole number of seconds above 0 (default 1800), not "30m"',
    ]);
  });

  it("refuses zero, negative, fractional and out-of-range numbers", () => {
    expect(refusal({ SIGNIN_LOCK_MINUTES: "0" })[0]).toMatch(/^SIGNIN_LOCK_MINUTES must be a whole number of minutes/);
    expect(refusal({ DATABASE_POOL_SIZE: "-5" })[0]).toMatch(/^DATABASE_POOL_SIZE must be/);
    expect(refusal({ SESSION_ABSOLUTE_SECONDS: "1.5" })[0]).toMatch(/^SESSION_ABSOLUTE_SECONDS must be/);
    expect(refusal({ PORT: "70000" })).toEqual(['PORT must be a TCP port from 1 to 65535 (default 3000), not "70000"']);
  });

  it("refuses a NEXTAUTH_URL that is not an http(s) URL", () => {
    expect(refusal({ NEXTAUTH_URL: "meili.intranet" })[0]).toMatch(/^NEXTAUTH_URL must be a URL \(http:\/\/ or https:\/\/\)/);
    expect(refusal({ NEXTAUTH_URL: "ftp://meili.intranet" })[0]).toMatch(/^NEXTAUTH_URL must be a URL/);
    expect(parseEnv({ NEXTAUTH_URL: "https://meili.intranet" }).NEXTAUTH_URL).toBe("https://meili.intranet");
  });

  it("refuses a DATABASE_URL that is not a PostgreSQL URL without repeating it, since it may hold a password", () => {
    const [problem] = refusal({ DATABASE_URL: "mysql://meili:hunter2@db/meili" });
    expect(problem).toMatch(/^DATABASE_URL must be a postgresql:\/\/ URL/);
    expect(problem).not.toContain("hunter2");
  });

  it("requires a bucket for the S3 evidence store, and both keys or neither", () => {
    expect(refusal({ EVIDENCE_STORE: "s3" })).toEqual(["EVIDENCE_S3_BUCKET is required when EVIDENCE_STORE=s3"]);
    expect(refusal({ EVIDENCE_STORE: "s3", EVIDENCE_S3_BUCKET: "b", EVIDENCE_S3_ACCESS_KEY_ID: "id" })[0]).toMatch(
      /^EVIDENCE_S3_SECRET_ACCESS_KEY is required with EVIDENCE_S3_ACCESS_KEY_ID/,
    );
    expect(parseEnv({ EVIDENCE_STORE: "s3", EVIDENCE_S3_BUCKET: "b" })).toMatchObject({ EVIDENCE_STORE: "s3", EVIDENCE_S3_BUCKET: "b" });
    expect(refusal({ EVIDENCE_STORE: "ftp" })).toEqual(['EVIDENCE_STORE must be "file" or "s3" (default "file"), not "ftp"']);
  });

  it("reads booleans as true/false or 1/0, and nothing else", () => {
    expect(parseEnv({ EVIDENCE_S3_PATH_STYLE: "false" }).EVIDENCE_S3_PATH_STYLE).toBe(false);
    expect(parseEnv({ EVIDENCE_S3_PATH_STYLE: "TRUE" }).EVIDENCE_S3_PATH_STYLE).toBe(true);
    expect(parseEnv({ EVIDENCE_S3_PATH_STYLE: "0" }).EVIDENCE_S3_PATH_STYLE).toBe(false);
    expect(parseEnv({ EVIDENCE_S3_PATH_STYLE: "1" }).EVIDENCE_S3_PATH_STYLE).toBe(true);
    expect(refusal({ EVIDENCE_S3_PATH_STYLE: "yes" })).toEqual(['EVIDENCE_S3_PATH_STYLE must be true or false (default true), not "yes"']);
  });

  it("names every wrong variable in one message", () => {
    let message = "";
    try {
      parseEnv({ SESSION_IDLE_SECONDS: "30m", NEXTAUTH_URL: "meili", STATUS_SNAPSHOT_SCHEDULE: "false", SIGNIN_MAX_PER_ADDRESS: "many" });
    } catch (error) {
      message = (error as Error).message;
    }
    for (const name of ["SESSION_IDLE_SECONDS", "NEXTAUTH_URL", "STATUS_SNAPSHOT_SCHEDULE", "SIGNIN_MAX_PER_ADDRESS"]) {
      expect(message).toContain(`${name} must be`);
    }
  });

  it("reads process.env when asked, so a changed variable is seen", () => {
    process.env.SESSION_IDLE_SECONDS = "900";
    expect(env().SESSION_IDLE_SECONDS).toBe(900);
    process.env.SESSION_IDLE_SECONDS = "30m";
    expect(() => env()).toThrow("SESSION_IDLE_SECONDS must be");
  });
});
