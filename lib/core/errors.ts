/** Failures the data layer reports to actions in words a user can act on (Chinese). */
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(message);
  }
}

/** A write based on a stale version of the record (optimistic concurrency). */
export class StaleWriteError extends UserFacingError {}
