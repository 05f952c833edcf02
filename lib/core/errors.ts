/**
 * The one coded error type (Documenso's AppError, Dub's DubApiError): a code, the HTTP status the
 * code stands for, and a message in Chinese a user can act on. The boundaries map it — the action
 * wrapper to a form state, the route wrapper to `{ "error": { "status", "message" } }` — and
 * nothing else catches by hand. Safe to import anywhere (no server-only dependency).
 */

/** Each code's HTTP status: the one table routes answer with. */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export type ErrorStatus = (typeof ERROR_STATUS)[ErrorCode];
export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Messages per form field, shown next to the field by the action wrapper's forms. */
    readonly fieldErrors: FieldErrors = {},
    /** What a form needs to offer a way on (e.g. the other person's version after a stale save). */
    readonly data?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }

  get status(): ErrorStatus {
    return ERROR_STATUS[this.code];
  }
}

/** A refusal the data layer words for the user (Chinese): bad input by default. */
export class UserFacingError extends AppError {
  constructor(message: string, fieldErrors: FieldErrors = {}, code: ErrorCode = "BAD_REQUEST", data?: unknown) {
    super(code, message, fieldErrors, data);
  }
}

/** A write based on a stale version of the record (optimistic concurrency); `data` may carry the record as it is now. */
export class StaleWriteError extends UserFacingError {
  constructor(message: string, fieldErrors: FieldErrors = {}, data?: unknown) {
    super(message, fieldErrors, "CONFLICT", data);
  }
}
