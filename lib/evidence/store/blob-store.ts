import "server-only";
import path from "node:path";
import { z } from "zod";
import { fileBlobStore } from "./file-blob-store";
import { s3BlobStore } from "./s3-blob-store";

/** Where content-addressed files (evidence) are kept: a folder, or an S3-compatible bucket. */
export interface BlobStore {
  /** Stores the bytes under the key; storing the same key again is harmless. */
  put(key: string, bytes: Buffer): Promise<void>;
  /** The bytes stored under the key; throws when there are none. */
  get(key: string): Promise<Buffer>;
}

/** An empty setting counts as unset (a blank line in an env file). */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

const s3Settings = z.object({
  EVIDENCE_S3_BUCKET: z.string({ message: "EVIDENCE_S3_BUCKET is required when EVIDENCE_STORE=s3" }).min(1, "EVIDENCE_S3_BUCKET is required when EVIDENCE_STORE=s3"),
  EVIDENCE_S3_ENDPOINT: optional(z.url({ message: "EVIDENCE_S3_ENDPOINT must be a URL such as http://minio.intranet:9000" })),
  EVIDENCE_S3_REGION: z.string().min(1).default("us-east-1"),
  EVIDENCE_S3_ACCESS_KEY_ID: optional(z.string()),
  EVIDENCE_S3_SECRET_ACCESS_KEY: optional(z.string()),
  /** Path-style addresses (http://host/bucket/key), what most on-premises stores expect. */
  EVIDENCE_S3_PATH_STYLE: z.enum(["true", "false"], { message: "EVIDENCE_S3_PATH_STYLE must be true or false" }).default("true"),
  /** Key prefix, a "folder": a missing trailing slash is added. */
  EVIDENCE_S3_PREFIX: z
    .string()
    .default("evidence/")
    .transform((prefix) => (prefix === "" || prefix.endsWith("/") ? prefix : `${prefix}/`)),
});
export type S3Settings = z.output<typeof s3Settings>;

const stores = new Map<string, BlobStore>();

/**
 * The evidence store the environment selects: EVIDENCE_STORE=file (default; EVIDENCE_DIR, default
 * .data/evidence) or EVIDENCE_STORE=s3 (EVIDENCE_S3_* settings). One store per configuration.
 */
export function evidenceStore(env: Record<string, string | undefined> = process.env): BlobStore {
  const kind = env.EVIDENCE_STORE ?? "file";
  const key = kind === "s3" ? JSON.stringify(Object.entries(env).filter(([name]) => name.startsWith("EVIDENCE_S3_")).sort()) : `file:${env.EVIDENCE_DIR ?? ""}`;
  const known = stores.get(key);
  if (known) return known;
  let store: BlobStore;
  if (kind === "file") {
    store = fileBlobStore(path.resolve(/*turbopackIgnore: true*/ env.EVIDENCE_DIR ?? ".data/evidence"));
  } else if (kind === "s3") {
    const parsed = s3Settings.safeParse(env);
    if (!parsed.success) throw new Error(`evidence store: ${parsed.error.issues.map((issue) => issue.message).join("; ")}`);
    store = s3BlobStore(parsed.data);
  } else {
    throw new Error(`evidence store: EVIDENCE_STORE must be "file" or "s3", not "${kind}"`);
  }
  stores.set(key, store);
  return store;
}
