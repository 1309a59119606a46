import { describe, expect, it } from "vitest";
import { timeLeft, utcTime } from "./expiry";

describe("payout link expiry text", () => {
  it("shows the UTC time of day", () => {
    expect(utcTime("2026-11-29T10:42:07.123Z")).toBe("10:42:07 UTC");
  });
  it("counts minutes down, then seconds", () => {
    const now = Date.parse("2026-11-29T10:37:00.000Z");
    expect(timeLeft(now + 5 * 60_000, now)).toBe("in 5 min");
    expect(timeLeft(now + 4 * 60_000 + 59_000, now)).toBe("in 4 min");
    expect(timeLeft(now + 59_500, now)).toBe("in 60 s");
    expect(timeLeft(now + 1, now)).toBe("in 1 s");
  });
});
