import { describe, expect, it } from "vitest";
import { SESSION_ABSOLUTE_SECONDS, SESSION_IDLE_SECONDS, sessionExpired } from "@/lib/auth/session-policy";

describe("session lifetime", () => {
  const signedIn = 1_800_000_000;

  it("keeps an active session alive", () => {
    expect(sessionExpired({ authTime: signedIn, lastSeen: signedIn + 60 }, signedIn + 120)).toBe(false);
  });

  it("ends a session idle for longer than the idle timeout", () => {
    const lastSeen = signedIn + 100;
    expect(sessionExpired({ authTime: signedIn, lastSeen }, lastSeen + SESSION_IDLE_SECONDS)).toBe(false);
    expect(sessionExpired({ authTime: signedIn, lastSeen }, lastSeen + SESSION_IDLE_SECONDS + 1)).toBe(true);
  });

  it("ends even a busy session after its absolute lifetime", () => {
    const now = signedIn + SESSION_ABSOLUTE_SECONDS + 1;
    expect(sessionExpired({ authTime: signedIn, lastSeen: now - 1 }, now)).toBe(true);
  });

  it("uses a 30-minute idle timeout and a 12-hour lifetime by default", () => {
    expect(SESSION_IDLE_SECONDS).toBe(1800);
    expect(SESSION_ABSOLUTE_SECONDS).toBe(43_200);
  });
});
