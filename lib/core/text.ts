/**
 * Which characters text may hold, defined once for input checks (zod schemas refuse them), for
 * exports (Excel and Word writers drop them) and for file names. Safe to import anywhere.
 *
 * XML 1.0 allows tab, line feed and carriage return and nothing else below U+0020, and never
 * U+FFFE, U+FFFF or a lone surrogate: an .xlsx or .docx holding one is a broken file.
 */

/** Characters an XML document (an .xlsx or .docx part) may not contain. */
export const XML_INVALID =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Bidirectional embedding, override and isolate controls: they make "gpj.exe" display as
 * "exe.jpg" (the "Trojan Source" trick), so names and file names never carry them.
 */
export const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Text with every character XML refuses removed (for writers of .xlsx and .docx). */
export function stripXmlInvalid(text: string): string {
  return text.replace(XML_INVALID, "");
}

/** True when the text holds a character XML refuses (for input checks). */
export function hasXmlInvalid(text: string): boolean {
  XML_INVALID.lastIndex = 0;
  const found = XML_INVALID.test(text);
  XML_INVALID.lastIndex = 0;
  return found;
}
