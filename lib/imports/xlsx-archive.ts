/**
 * The zip inside an uploaded .xlsx, opened without trusting it: the central directory is read
 * first (yauzl) and the number of parts and the sum of their declared sizes are checked before a
 * byte is inflated; a part is then inflated only when asked for, and yauzl fails it as soon as it
 * yields more bytes than it declared, so a lying header cannot get past the check either. Every
 * refusal is a UserFacingError in Chinese.
 */
import yauzl from "yauzl";
import { UserFacingError } from "@/lib/core/errors";
import { IMPORT_MAX_INFLATED_BYTES, IMPORT_MAX_INFLATED_MEGABYTES, IMPORT_MAX_PARTS } from "./limits";

export const NOT_XLSX = "不是 Excel 文件（.xlsx）：请上传从本系统下载的模板";
export const DAMAGED = "无法读取该 Excel 文件，文件可能已损坏";
const SIZE_LIE = "文件解压后的实际大小与文件中声明的不符，文件已损坏或被改动过，请重新下载模板后填写";

/** A refusal for a file far beyond any real template. */
export const notLikeOurTemplate = (what: string) => new UserFacingError(`${what}，不像是本系统的模板，请检查后重新上传`);

export interface XlsxArchive {
  has(name: string): boolean;
  /** The part's bytes, inflated; null when there is no such part. */
  inflate(name: string): Promise<Buffer | null>;
}

export async function openXlsxArchive(bytes: Buffer): Promise<XlsxArchive> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false });
  } catch {
    throw new UserFacingError(NOT_XLSX);
  }
  const tooManyParts = () => notLikeOurTemplate(`文件包含的部件超过 ${IMPORT_MAX_PARTS} 个`);
  if (zip.entryCount > IMPORT_MAX_PARTS) throw tooManyParts();

  const entries = new Map<string, yauzl.Entry>();
  let declared = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      if (entries.size >= IMPORT_MAX_PARTS) throw tooManyParts();
      if (entries.has(entry.fileName)) throw new UserFacingError(DAMAGED);
      declared += entry.uncompressedSize;
      if (declared > IMPORT_MAX_INFLATED_BYTES) throw notLikeOurTemplate(`文件解压后超过 ${IMPORT_MAX_INFLATED_MEGABYTES} MB`);
      entries.set(entry.fileName, entry);
    }
  } catch (error) {
    throw error instanceof UserFacingError ? error : new UserFacingError(DAMAGED);
  }

  // A second, independent cap on what is really inflated, in case a part's stream misbehaves.
  let inflated = 0;
  return {
    has: (name) => entries.has(name),
    async inflate(name) {
      const entry = entries.get(name);
      if (!entry) return null;
      const chunks: Buffer[] = [];
      try {
        const stream = await zip.openReadStreamPromise(entry);
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          inflated += chunk.length;
          if (inflated > IMPORT_MAX_INFLATED_BYTES) {
            stream.destroy();
            throw new UserFacingError(SIZE_LIE);
          }
          chunks.push(chunk);
        }
      } catch (error) {
        if (error instanceof UserFacingError) throw error;
        // yauzl's validateEntrySizes: "too many bytes in the stream …" / "not enough bytes …".
        if (error instanceof Error && /bytes in the stream/.test(error.message)) throw new UserFacingError(SIZE_LIE);
        throw new UserFacingError(DAMAGED);
      }
      return Buffer.concat(chunks);
    },
  };
}
