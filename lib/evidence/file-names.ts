/**
 * The types a 佐证材料 may be (judged from its bytes) and the name it is shown and downloaded
 * under, made from the name it was uploaded with. Pure: unit-tested without a database.
 */
import { BIDI_CONTROLS, stripXmlInvalid } from "@/lib/core/text";

/** Accepted types and the extensions each may carry; the first is the one added when the name has none of them. */
export const EVIDENCE_EXTENSIONS: Readonly<Record<string, readonly string[]>> = {
  "application/pdf": ["pdf"],
  "image/jpeg": ["jpg", "jpeg"],
  "image/png": ["png"],
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ["docx"],
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ["xlsx"],
};

const MAX_CHARACTERS = 120;
const FALLBACK = "佐证材料";

/** Control characters (C0, DEL, C1) and what Windows refuses in a file name. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f"<>|*?:]/g;

/**
 * The uploaded name without its folder, bidirectional controls (which make "gpj.exe" display as
 * "exe.jpg"), control characters or characters Windows refuses, and not starting or ending with
 * a dot or a space; at most 120 characters; ending in an extension of the checked type.
 *
 * A name whose extension is not one of the type's keeps its whole name and gets the type's
 * extension added ("合同.exe" holding a PDF becomes "合同.exe.pdf"): the last extension, the one a
 * system opens the file by, is then always the checked one, and nothing the user named is lost —
 * a name like "2024.06 汇报" has no extension at all, and replacing its "extension" would cut it.
 * An extension of the type in any case ("报告.PDF", "照片.jpeg") stays as it is.
 */
export function evidenceFileName(uploaded: string, mediaType: string): string {
  const base = uploaded.split(/[\\/]/).pop() ?? "";
  const cleaned = stripXmlInvalid(base.normalize("NFC"))
    .replace(BIDI_CONTROLS, "")
    .replace(UNSAFE, "")
    .replace(/^[\s.]+|[\s.]+$/g, "");
  const extensions = EVIDENCE_EXTENSIONS[mediaType] ?? [];
  const dot = cleaned.lastIndexOf(".");
  const extension = dot > 0 ? cleaned.slice(dot + 1) : "";
  const keeps = extensions.includes(extension.toLowerCase());
  const suffix = keeps ? `.${extension}` : extensions[0] ? `.${extensions[0]}` : "";
  const stem = keeps ? cleaned.slice(0, dot) : cleaned;
  // By code points, so that a character outside the BMP is never cut in half.
  const kept = Array.from(stem)
    .slice(0, MAX_CHARACTERS - suffix.length)
    .join("")
    .replace(/[\s.]+$/, "");
  return `${kept || FALLBACK}${suffix}`;
}
