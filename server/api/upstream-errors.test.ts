import { describe, expect, it } from "vitest";
import {
  ConflictError,
  ForbiddenError,
  InvalidResponseError,
  RateLimitedError,
  StaleContentError,
  UnauthorizedError,
  UpstreamServerError,
  UpstreamUnavailableError,
} from "@/server/partnerships/errors";
import { mapUpstreamError } from "./upstream-errors";

const ids = { requestId: "req-1", operationId: "op_1" };
const write = { write: true, retrySafe: true };

describe("mapUpstreamError", () => {
  it("keeps 4xx statuses with the upstream message and ids, final for the key", () => {
    const m = mapUpstreamError(
      new StaleContentError("Conflict: contentHash is stale", {
        status: 409,
        upstreamMessage: "contentHash is stale",
        ...ids,
      }),
      write,
    );
    expect(m.error.status).toBe(409);
    expect(m.error.message).toBe("contentHash is stale");
    expect(m.error.toBody()).toEqual({ error: { code: "conflict", message: "contentHash is stale", ...ids } });
    expect(m.retryable).toBe(false);
    expect(mapUpstreamError(new ForbiddenError("Forbidden", { status: 403, ...ids }), write).error.status).toBe(403);
  });

  it("turns the upstream's in-flight 409 and 429 into retryable answers with Retry-After", () => {
    const busy = mapUpstreamError(
      new ConflictError("in use", { status: 409, reason: "in_flight", retryAfterSeconds: 1 }),
      write,
    );
    expect(busy).toMatchObject({ retryable: true, error: { status: 409, headers: { "Retry-After": "1" } } });
    const limited = mapUpstreamError(
      new RateLimitedError("slow down", { status: 429, retryAfterSeconds: 12.2 }),
      write,
    );
    expect(limited).toMatchObject({ retryable: true, error: { status: 429, headers: { "Retry-After": "13" } } });
  });

  it("never answers 401 for the console's own upstream credentials", () => {
    const m = mapUpstreamError(new UnauthorizedError("bad token", { status: 401 }), write);
    expect(m.error.status).toBe(502);
    expect(m.error.code).toBe("upstream_auth_failed");
  });

  it("reports an unknown write outcome as 502/504 safe to retry with the same key", () => {
    for (const [err, status] of [
      [new UpstreamServerError("500", { status: 500, ...ids }), 502],
      [new InvalidResponseError("shape", { status: 200, ...ids }), 502],
      [new UpstreamUnavailableError("timeout", { status: 0, timeout: true, outcomeUnknown: true }), 504],
    ] as const) {
      const m = mapUpstreamError(err, write);
      expect(m).toMatchObject({ outcomeUnknown: true, retryable: true, error: { status } });
      expect(m.error.message).toContain("the outcome is unknown; it is safe to retry with the same key");
    }
  });

  it("says nothing changed when the request never left, and do-not-resend when it cannot be deduplicated", () => {
    const never = mapUpstreamError(
      new UpstreamUnavailableError("refused", { status: 0, timeout: false, outcomeUnknown: false }),
      write,
    );
    expect(never).toMatchObject({ outcomeUnknown: false, retryable: true, error: { status: 503 } });
    const privacy = mapUpstreamError(new UpstreamServerError("500", { status: 500 }), {
      write: true,
      retrySafe: false,
    });
    expect(privacy).toMatchObject({ outcomeUnknown: true, retryable: false });
    expect(privacy.error.message).toContain("Do not send it again");
  });
});
