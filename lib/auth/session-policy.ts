/** Session lifetimes (等保 level 3 asks for both an idle timeout and an absolute lifetime). */
export const SESSION_IDLE_SECONDS = Number(process.env.SESSION_IDLE_SECONDS ?? 30 * 60);
export const SESSION_ABSOLUTE_SECONDS = Number(process.env.SESSION_ABSOLUTE_SECONDS ?? 12 * 60 * 60);

export interface SessionClock {
  /** When the user signed in (seconds since the epoch). */
  authTime: number;
  /** Last request seen (seconds since the epoch). */
  lastSeen: number;
}

export function sessionExpired(clock: SessionClock, nowSeconds: number): boolean {
  return (
    nowSeconds - clock.lastSeen > SESSION_IDLE_SECONDS || nowSeconds - clock.authTime > SESSION_ABSOLUTE_SECONDS
  );
}
