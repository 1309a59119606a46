import { describe, expect, it } from "vitest";
import { describeBuckets, hourlyBuckets } from "./chart";

describe("writes per hour", () => {
  const now = new Date("2026-03-01T12:30:00.000Z");
  it("buckets the last 24 hours by outcome, leaving out sign-ins and what is outside the window", () => {
    const b = hourlyBuckets(
      [
        { at: "2026-03-01T12:10:00.000Z", action: "merchant.status.update", outcome: "success" },
        { at: "2026-03-01T12:20:00.000Z", action: "merchant.controls.update", outcome: "failure" },
        { at: "2026-03-01T11:59:59.999Z", action: "privacy.network_request", outcome: "error" },
        { at: "2026-02-28T13:00:00.000Z", action: "merchant.register", outcome: "denied" },
        { at: "2026-02-28T12:59:59.000Z", action: "merchant.register", outcome: "success" },
        { at: "2026-03-01T12:15:00.000Z", action: "auth.sign_in", outcome: "success" },
        { at: "2026-03-01T12:40:00.000Z", action: "merchant.register", outcome: "success" },
      ],
      now,
    );
    expect(b).toHaveLength(24);
    expect(b[0]?.hour).toBe("2026-02-28T13:00:00.000Z");
    expect(b[23]?.hour).toBe("2026-03-01T12:00:00.000Z");
    expect(b[23]?.counts).toEqual({ success: 1, failure: 1, denied: 0, error: 0 });
    expect(b[22]?.counts.error).toBe(1);
    expect(b[0]?.counts.denied).toBe(1);
    expect(b.reduce((n, x) => n + x.total, 0)).toBe(4);
    expect(describeBuckets(b)).toBe(
      "4 writes in the last 24 hours: 1 succeeded, 1 failed, 1 were denied, 1 ended in an error. The busiest hour began at 12:00 UTC with 2.",
    );
    expect(describeBuckets(hourlyBuckets([], now))).toBe("No writes in the last 24 hours.");
  });
});
