import "server-only";
/**
 * Idle timeout and absolute lifetime, checked on every request in the jwt
 * callback. Pure so that it is testable without a clock or a cookie.
 */
export interface SessionTimes {
  signedInAt: number; // epoch ms
  lastSeenAt: number; // epoch ms
}

export interface SessionLimits {
  idleMinutes: number;
  maxHours: number;
}

export type SessionVerdict = { ok: true } | { ok: false; reason: "idle" | "expired" | "invalid" };

export function checkSession(times: Partial<SessionTimes>, limits: SessionLimits, now: number): SessionVerdict {
  const { signedInAt, lastSeenAt } = times;
  if (typeof signedInAt !== "number" || typeof lastSeenAt !== "number") return { ok: false, reason: "invalid" };
  // A timestamp from the future means a forged or clock-skewed token: do not trust it.
  if (signedInAt > now + 60_000 || lastSeenAt > now + 60_000) return { ok: false, reason: "invalid" };
  if (now - signedInAt >= limits.maxHours * 3_600_000) return { ok: false, reason: "expired" };
  if (now - lastSeenAt >= limits.idleMinutes * 60_000) return { ok: false, reason: "idle" };
  return { ok: true };
}
