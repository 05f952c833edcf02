import "server-only";
import path from "node:path";
import { env, parseEnv, type AppEnv, type EnvSource } from "@/lib/core/env";
import { fileBlobStore } from "./file-blob-store";
import { s3BlobStore } from "./s3-blob-store";

/** Where content-addressed files (evidence) are kept: a folder, or an S3-compatible bucket. */
export interface BlobStore {
  /** Stores the bytes under the key; storing the same key again is harmless. */
  put(key: string, bytes: Buffer): Promise<void>;
  /** The bytes stored under the key; throws when there are none. */
  get(key: string): Promise<Buffer>;
}

const stores = new Map<string, BlobStore>();

/** What identifies a store: the settings it was built from. */
function storeKey(config: AppEnv): string {
  if (config.EVIDENCE_STORE === "file") return `file:${config.EVIDENCE_DIR}`;
  return JSON.stringify(Object.entries(config).filter(([name]) => name.startsWith("EVIDENCE_S3_")));
}

/**
 * The evidence store the configuration selects (lib/core/env.ts, which names a wrong or missing
 * setting): EVIDENCE_STORE=file (EVIDENCE_DIR) or EVIDENCE_STORE=s3 (EVIDENCE_S3_* settings). One
 * store per configuration; `source` replaces the process's environment.
 */
export function evidenceStore(source?: EnvSource): BlobStore {
  const config = source ? parseEnv(source) : env();
  const key = storeKey(config);
  let store = stores.get(key);
  if (!store) {
    store =
      config.EVIDENCE_STORE === "s3" ? s3BlobStore(config) : fileBlobStore(path.resolve(/*turbopackIgnore: true*/ config.EVIDENCE_DIR));
    stores.set(key, store);
  }
  return store;
}
