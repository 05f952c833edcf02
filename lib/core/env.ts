/**
 * The app's configuration: every environment variable it reads, parsed with zod in one place
 * (create-t3-app's `src/env.ts`). A blank value means unset, so the default applies; a wrong value
 * is refused with one message naming each wrong variable and what it takes, and the entry points
 * (scripts/start.ts, instrumentation.ts) refuse to start with it. Nothing else reads process.env
 * for these variables. (NODE_ENV and NEXT_RUNTIME are not configuration but the build's mode and
 * runtime, which Next writes into each bundle: they stay `process.env.X` literals where used.)
 *
 * No "server-only" here: the start-up scripts run it outside Next. It holds nothing for a browser
 * bundle anyway (no NEXT_PUBLIC_ variable), and the secrets are only read on the server.
 *
 * zod is imported directly rather than from ./zod: these messages are for operators (English) and
 * are all written below, and scripts importing this module should not switch zod's locale.
 */
import { z } from "zod";
import ipaddr from "ipaddr.js";

export type EnvSource = Record<string, string | undefined>;

/** `X=` (a blank line in an env file) counts as unset. */
const blankIsUnset = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

/** A variable's schema with what it takes, said in the refusal ("SESSION_IDLE_SECONDS must be …"). */
const setting = <T extends z.ZodType>(expects: string, schema: T) => z.preprocess(blankIsUnset, schema).describe(expects);

/** Digits only: Number() would take "1e3", "0x10" or " " too. */
const digits = (expects: string, fallback: number, accepts: (value: number) => boolean) =>
  setting(expects, z.string().trim().regex(/^\d+$/).transform(Number).refine(accepts).default(fallback));

const wholeNumber = (of: string, fallback: number) =>
  digits(`a whole number of ${of} above 0 (default ${fallback})`, fallback, (value) => value > 0 && Number.isSafeInteger(value));

const port = (fallback: number) =>
  digits(`a TCP port from 1 to 65535 (default ${fallback})`, fallback, (value) => value >= 1 && value <= 65_535);

const flag = (fallback: boolean) =>
  setting(
    `true or false (default ${fallback})`,
    z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.enum(["true", "false", "1", "0"]))
      .transform((value) => value === "true" || value === "1")
      .default(fallback),
  );

const choice = <const T extends readonly [string, ...string[]]>(options: T, fallback: T[number]) =>
  setting(`${options.map((option) => `"${option}"`).join(" or ")} (default "${fallback}")`, z.enum(options).default(fallback));

const httpUrl = (example: string) => setting(`a URL (http:// or https://) such as ${example}`, z.url({ protocol: /^https?$/ }).optional());

const text = (expects: string) => setting(expects, z.string().optional());

/** The mail server nodemailer sends through: smtp:// (STARTTLS when offered) or smtps://, credentials and options in the URL. */
const smtpUrl = setting(
  "an smtp:// or smtps:// URL such as smtp://mail.intranet:25 (default: none, e-mail is not sent)",
  z.url({ protocol: /^smtps?$/ }).optional(),
);

/** A real calendar day written YYYY-MM-DD (no 2027-02-30). */
const calendarDay = (expects: string) =>
  setting(
    expects,
    z
      .string()
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .refine((value) => {
        const time = Date.parse(`${value}T00:00:00Z`);
        return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
      })
      .optional(),
  );

/** One address (`10.0.0.5`, `fd00::5`) or CIDR range (`10.0.1.0/24`); IPv4 only in four plain decimal parts. */
function isAddressOrRange(entry: string): boolean {
  const [address = "", prefix, ...rest] = entry.split("/");
  if (rest.length || (prefix !== undefined && !/^\d{1,3}$/.test(prefix))) return false;
  if (!ipaddr.IPv4.isValidFourPartDecimal(address) && !(address.includes(":") && ipaddr.IPv6.isValid(address))) return false;
  if (prefix === undefined) return true;
  try {
    ipaddr.parseCIDR(entry);
    return true;
  } catch {
    return false;
  }
}

/** Comma-separated addresses and CIDR ranges; empty: none. */
const addressList = (expects: string) =>
  setting(
    expects,
    z
      .string()
      .default("")
      .transform((value) =>
        value
          .split(",")
          .map((entry) => entry.trim())
          .filter(Boolean),
      )
      .refine((entries) => entries.every(isAddressOrRange)),
  );

/** The sender of notices by e-mail unless MAIL_FROM says otherwise (a reserved example domain: set it in production). */
export const DEFAULT_MAIL_FROM = "美丽江西建设推进管理平台 <noreply@meili.example.org>";

const schema = z.object({
  DATABASE_URL: setting(
    "a postgresql:// URL such as postgresql://meili:password@db.intranet:5432/meili",
    z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  ),
  DATABASE_POOL_SIZE: wholeNumber("connections", 20),
  // Under a burst (the week before a deadline) a transaction may wait for a pooled connection
  // longer than Prisma's 2 s default; waiting is better than refusing a user's submission.
  DATABASE_TX_MAX_WAIT_MS: wholeNumber("milliseconds", 20_000),
  DATABASE_TX_TIMEOUT_MS: wholeNumber("milliseconds", 30_000),
  EMBEDDED_PG_PORT: port(54_329),

  PORT: port(3000),
  NEXTAUTH_SECRET: text("the session signing key"),
  NEXTAUTH_URL: httpUrl("https://meili.intranet"),
  /**
   * The reverse proxies whose X-Forwarded-For is believed (scripts/serve.ts): the client address is
   * the connection's peer unless that peer is listed here. Default: none, every peer is the client.
   */
  TRUSTED_PROXIES: addressList("comma-separated IP addresses or CIDR ranges such as 10.0.0.5,10.0.1.0/24 (default: none)"),

  EVIDENCE_STORE: choice(["file", "s3"], "file"),
  EVIDENCE_DIR: setting("a folder", z.string().default(".data/evidence")),
  EVIDENCE_S3_BUCKET: text("a bucket name"),
  EVIDENCE_S3_ENDPOINT: httpUrl("http://minio.intranet:9000"),
  EVIDENCE_S3_REGION: setting("a region name", z.string().default("us-east-1")),
  EVIDENCE_S3_ACCESS_KEY_ID: text("an access key id"),
  EVIDENCE_S3_SECRET_ACCESS_KEY: text("a secret access key"),
  /** Path-style addresses (http://host/bucket/key), what most on-premises stores expect. */
  EVIDENCE_S3_PATH_STYLE: flag(true),
  /** Key prefix, a "folder": a missing trailing slash is added. */
  EVIDENCE_S3_PREFIX: setting(
    "a key prefix",
    z
      .string()
      .default("evidence/")
      .transform((prefix) => (prefix.endsWith("/") ? prefix : `${prefix}/`)),
  ),

  STATUS_SNAPSHOT_SCHEDULE: choice(["on", "off"], "on"),
  /**
   * The job queue (pg-boss, schema "pgboss" in the app's database): the outbox relay and the daily
   * jobs run on the instances where it is on, each job once across all of them.
   */
  JOB_QUEUE: choice(["on", "off"], "on"),

  /** Notices by e-mail: without a mail server e-mail deliveries fail at once (the admin re-queues them later). */
  SMTP_URL: smtpUrl,
  MAIL_FROM: setting("a sender address such as 美丽江西 <noreply@meili.intranet>", z.string().trim().default(DEFAULT_MAIL_FROM)),
  /** The address links in e-mails and webhook calls start with; default NEXTAUTH_URL, else http://localhost:PORT. */
  APP_BASE_URL: httpUrl("https://meili.intranet"),
  /** How often an instance asks the queue to relay the outbox (one relay per interval across instances). */
  NOTICE_RELAY_SECONDS: wholeNumber("seconds", 10),
  /** Attempts of one delivery before it is marked failed; 20 with the delays below span about 2.6 hours. */
  NOTICE_MAX_ATTEMPTS: wholeNumber("attempts", 20),
  /** Wait after the first failed attempt, doubling with each further one up to NOTICE_RETRY_MAX_SECONDS. */
  NOTICE_RETRY_SECONDS: wholeNumber("seconds", 30),
  NOTICE_RETRY_MAX_SECONDS: wholeNumber("seconds", 600),
  /**
   * The day the app judges deadlines, reporting windows and milestone lights by (chinaToday() and
   * the dashboards' moment follow it), for rehearsals (演练) and tests; unset in production.
   */
  APP_TODAY: calendarDay("a calendar day YYYY-MM-DD such as 2027-01-15 (default: today in China)"),

  SIGNIN_MAX_FAILURES: wholeNumber("consecutive failures", 5),
  SIGNIN_LOCK_MINUTES: wholeNumber("minutes", 15),
  SIGNIN_MAX_PER_ACCOUNT: wholeNumber("attempts", 10),
  SIGNIN_MAX_PER_ADDRESS: wholeNumber("attempts", 30),
  SESSION_IDLE_SECONDS: wholeNumber("seconds", 30 * 60),
  SESSION_ABSOLUTE_SECONDS: wholeNumber("seconds", 12 * 60 * 60),

  /**
   * Sign-in through the province's identity service (统一身份认证, OpenID Connect): the issuer
   * exactly as the service names itself (its discovery document is read from
   * <issuer>/.well-known/openid-configuration), and this app's client there. All three or none;
   * none: password sign-in only (lib/auth/oidc.ts).
   */
  OIDC_ISSUER: httpUrl("https://sso.jiangxi.gov.cn/oidc"),
  OIDC_CLIENT_ID: text("the client id registered with the identity service"),
  OIDC_CLIENT_SECRET: text("the client secret registered with the identity service"),
  OIDC_NAME: setting(
    'the sign-in button\'s text (default "统一身份认证登录")',
    z.string().trim().min(1).max(30).default("统一身份认证登录"),
  ),
  /** A claim whose value, equal to a local username, links an identity at its first sign-in; unset: an admin links each one. */
  OIDC_AUTO_LINK_CLAIM: setting(
    "a claim name such as preferred_username (default: none)",
    z
      .string()
      .trim()
      .regex(/^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/)
      .optional(),
  ),
});

type ParsedEnv = z.output<typeof schema>;
/** With EVIDENCE_STORE=s3 the bucket is known to be set. */
export type S3Env = Omit<ParsedEnv, "EVIDENCE_STORE" | "EVIDENCE_S3_BUCKET"> & { EVIDENCE_STORE: "s3"; EVIDENCE_S3_BUCKET: string };
export type AppEnv = (Omit<ParsedEnv, "EVIDENCE_STORE"> & { EVIDENCE_STORE: "file" }) | S3Env;

type Name = keyof ParsedEnv;
const NAMES = Object.keys(schema.shape) as Name[];
/** Values never repeated in a refusal, which ends up in logs. */
const SECRETS = new Set<Name>(["DATABASE_URL", "NEXTAUTH_SECRET", "EVIDENCE_S3_SECRET_ACCESS_KEY", "OIDC_CLIENT_SECRET", "SMTP_URL"]);

/** A wrong configuration: `problems` has one line per wrong variable, each starting with its name. */
export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration (environment variables):\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigurationError";
  }
}

/** Rules across variables: what an S3 store needs. */
function s3Problems(source: EnvSource): Map<Name, string> {
  const problems = new Map<Name, string>();
  const given = (name: Name) => blankIsUnset(source[name]) !== undefined;
  if (schema.shape.EVIDENCE_STORE.safeParse(source.EVIDENCE_STORE).data !== "s3") return problems;
  if (!given("EVIDENCE_S3_BUCKET")) problems.set("EVIDENCE_S3_BUCKET", "EVIDENCE_S3_BUCKET is required when EVIDENCE_STORE=s3");
  // One key without the other would silently fall back to the SDK's other credential sources.
  const [id, key] = ["EVIDENCE_S3_ACCESS_KEY_ID", "EVIDENCE_S3_SECRET_ACCESS_KEY"] as const;
  if (given(id) && !given(key)) problems.set(key, `${key} is required with ${id} (set both, or neither)`);
  if (given(key) && !given(id)) problems.set(id, `${id} is required with ${key} (set both, or neither)`);
  return problems;
}

/** Rules across variables: the identity service takes its issuer and this app's client, all three or none. */
function oidcProblems(source: EnvSource): Map<Name, string> {
  const problems = new Map<Name, string>();
  const names = ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const;
  const given = names.filter((name) => blankIsUnset(source[name]) !== undefined);
  if (given.length === 0 || given.length === names.length) return problems;
  for (const name of names) {
    if (!given.includes(name))
      problems.set(name, `${name} is required with ${given.join(" and ")} (set all of ${names.join(", ")}, or none)`);
  }
  return problems;
}

/** The configuration in `source`; throws one ConfigurationError naming every wrong variable. */
export function parseEnv(source: EnvSource): AppEnv {
  const parsed = schema.safeParse(source);
  const problems = new Map([...s3Problems(source), ...oidcProblems(source)]);
  for (const issue of parsed.error?.issues ?? []) {
    const name = issue.path[0] as Name;
    if (problems.has(name)) continue;
    const given = SECRETS.has(name) ? "the value given (not shown)" : JSON.stringify(source[name]);
    problems.set(name, `${name} must be ${schema.shape[name].description}, not ${given}`);
  }
  if (problems.size) throw new ConfigurationError(NAMES.filter((name) => problems.has(name)).map((name) => problems.get(name)!));
  // The cross-variable rules above hold, which is what AppEnv says beyond the schema's output.
  return parsed.data as AppEnv;
}

let cached: { key: string; env: AppEnv } | undefined;

/**
 * The process's configuration. Read from process.env when called (tests set variables before
 * calling), parsed again only when one of its variables changed.
 */
export function env(): AppEnv {
  const key = JSON.stringify(NAMES.map((name) => process.env[name]));
  if (cached?.key !== key) cached = { key, env: parseEnv(process.env) };
  return cached.env;
}

/** For entry points: the configuration, or the refusal printed and the process ended. */
export function envOrExit(source: EnvSource = process.env): AppEnv {
  try {
    return source === process.env ? env() : parseEnv(source);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
