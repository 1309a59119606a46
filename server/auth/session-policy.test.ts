import { describe, expect, it } from "vitest";
import { checkSession } from "./session-policy";

const limits = { idleMinutes: 30, maxHours: 12 };
const t0 = Date.UTC(2026, 0, 1, 8, 0, 0);

describe("session policy", () => {
  it("keeps an active session", () => {
    expect(checkSession({ signedInAt: t0, lastSeenAt: t0 + 60_000 }, limits, t0 + 120_000)).toEqual({ ok: true });
  });
  it("ends an idle session at the idle limit", () => {
    expect(checkSession({ signedInAt: t0, lastSeenAt: t0 }, limits, t0 + 30 * 60_000 - 1).ok).toBe(true);
    expect(checkSession({ signedInAt: t0, lastSeenAt: t0 }, limits, t0 + 30 * 60_000)).toEqual({
      ok: false,
      reason: "idle",
    });
  });
  it("ends a busy session at the absolute lifetime", () => {
    const now = t0 + 12 * 3_600_000;
    expect(checkSession({ signedInAt: t0, lastSeenAt: now - 1000 }, limits, now)).toEqual({
      ok: false,
      reason: "expired",
    });
  });
  it("rejects tokens without times or from the future", () => {
    expect(checkSession({}, limits, t0).ok).toBe(false);
    expect(checkSession({ signedInAt: t0 + 3_600_000, lastSeenAt: t0 }, limits, t0)).toEqual({
      ok: false,
      reason: "invalid",
    });
  });
});
