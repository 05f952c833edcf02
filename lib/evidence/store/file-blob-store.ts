import "server-only";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { BlobStore } from "./blob-store";

/** Files in a folder (shared storage when several instances run), two-character fan-out. */
export function fileBlobStore(root: string): BlobStore {
  const pathOf = (key: string) => path.join(/*turbopackIgnore: true*/ root, key.slice(0, 2), key);
  return {
    async put(key, bytes) {
      const target = pathOf(key);
      await mkdir(/*turbopackIgnore: true*/ path.dirname(target), { recursive: true });
      // Written aside and renamed: a reader never sees half a file.
      const temporary = `${target}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(/*turbopackIgnore: true*/ temporary, bytes);
      await rename(/*turbopackIgnore: true*/ temporary, target);
    },
    get: (key) => readFile(/*turbopackIgnore: true*/ pathOf(key)),
  };
}
