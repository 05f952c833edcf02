import "server-only";
import { createHash } from "node:crypto";
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { S3Env } from "@/lib/core/env";
import type { BlobStore } from "./blob-store";

/** Objects in a bucket of any S3-compatible store (MinIO, Ceph RGW, a cloud's object storage). */
export function s3BlobStore(settings: S3Env): BlobStore {
  const client = new S3Client({
    region: settings.EVIDENCE_S3_REGION,
    endpoint: settings.EVIDENCE_S3_ENDPOINT,
    forcePathStyle: settings.EVIDENCE_S3_PATH_STYLE,
    credentials:
      settings.EVIDENCE_S3_ACCESS_KEY_ID && settings.EVIDENCE_S3_SECRET_ACCESS_KEY
        ? { accessKeyId: settings.EVIDENCE_S3_ACCESS_KEY_ID, secretAccessKey: settings.EVIDENCE_S3_SECRET_ACCESS_KEY }
        : undefined,
    // Many S3-compatible stores do not know the newer default checksums; ours is the key itself.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  const objectKey = (key: string) => `${settings.EVIDENCE_S3_PREFIX}${key.slice(0, 2)}/${key}`;
  return {
    async put(key, bytes) {
      await client.send(
        new PutObjectCommand({
          Bucket: settings.EVIDENCE_S3_BUCKET,
          Key: objectKey(key),
          Body: bytes,
          ContentLength: bytes.length,
          ContentType: "application/octet-stream",
          // The store refuses bytes damaged on the way, so an acknowledged upload is intact
          // (Content-MD5: what every S3-compatible store checks).
          ContentMD5: createHash("md5").update(bytes).digest("base64"),
        }),
      );
    },
    async get(key) {
      const object = await client.send(new GetObjectCommand({ Bucket: settings.EVIDENCE_S3_BUCKET, Key: objectKey(key) }));
      if (!object.Body) throw new Error(`evidence object ${key} has no body`);
      return Buffer.from(await object.Body.transformToByteArray());
    },
  };
}
