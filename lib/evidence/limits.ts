/** Limits on 佐证材料, shared by the upload form (checked before sending) and the server. */
export const EVIDENCE_MAX_MB = 20;
export const EVIDENCE_MAX_BYTES = EVIDENCE_MAX_MB * 1024 * 1024;
export const EVIDENCE_MAX_FILES = 20;
