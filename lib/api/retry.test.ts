import { describe, expect, it } from "vitest";
import { ApiError } from "./errors";
import { MAX_WRITE_ATTEMPTS, retryDelayMs, shouldRetry } from "./retry";

const err = (status: number, retryAfter: number | null = null) => new ApiError(status, { message: "x" }, retryAfter);

describe("write retries", () => {
  it("retries only network errors, 409 in flight, 429 and unknown outcomes", () => {
    for (const s of [0, 409, 429, 502, 503, 504]) expect(shouldRetry(err(s), 1)).toBe(true);
    for (const s of [400, 401, 403, 404, 413, 422]) expect(shouldRetry(err(s), 1)).toBe(false);
    expect(shouldRetry(new Error("boom"), 1)).toBe(false);
    // A conflict the API meant (e.g. "surface returns already exists") is final for its key.
    expect(shouldRetry(new ApiError(409, { code: "conflict", message: "surface returns already exists" }), 1)).toBe(
      false,
    );
    expect(shouldRetry(new ApiError(409, { code: "in_flight", message: "still running" }), 1)).toBe(true);
  });

  it("stops after the last attempt", () => {
    expect(shouldRetry(err(503), MAX_WRITE_ATTEMPTS)).toBe(false);
  });

  it("honours Retry-After, else backs off with jitter under a cap", () => {
    expect(retryDelayMs(err(429, 3), 1)).toBe(3000);
    expect(retryDelayMs(err(503), 1, () => 0)).toBe(200);
    expect(retryDelayMs(err(503), 1, () => 1)).toBe(400);
    expect(retryDelayMs(err(503), 10, () => 1)).toBe(5000);
  });
});
