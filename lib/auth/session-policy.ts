import { env } from "@/lib/core/env";

/** Session lifetimes (等保 level 3 asks for both an idle timeout and an absolute lifetime). */
export const { SESSION_IDLE_SECONDS, SESSION_ABSOLUTE_SECONDS } = env();

export interface SessionClock {
  /** When the user signed in (seconds since the epoch). */
  authTime: number;
  /** Last request seen (seconds since the epoch). */
  lastSeen: number;
}

export function sessionExpired(clock: SessionClock, nowSeconds: number): boolean {
  return nowSeconds - clock.lastSeen > SESSION_IDLE_SECONDS || nowSeconds - clock.authTime > SESSION_ABSOLUTE_SECONDS;
}
