import { OPERATIONS_LIMIT, READ_LIMIT, WRITE_LIMITS } from "@/lib/partnerships/rate-limits";
import { ApiError } from "./http";
import type { SandboxState } from "./state";

const WINDOW_MS = 60_000;

/** Per-minute limits by route template (SPEC §6). */
export const LIMITS = { ...WRITE_LIMITS, operations: OPERATIONS_LIMIT, read: READ_LIMIT } as const;

/**
 * Counts one request in its partner's bucket for the route and returns the
 * X-RateLimit-* headers every counted answer carries; throws 429 past the limit.
 * A window opens at its first counted request and lasts 60 s.
 */
export function countRequest(
  s: SandboxState,
  parentId: string,
  route: string,
  limit: number,
  headers: Record<string, string>,
): void {
  if (!s.faults.rate_limits) return;
  // SANDBOX_RATE_LIMIT_FACTOR lowers (or raises) every documented limit, e.g. for a short benchmark.
  limit = Math.max(1, Math.floor(limit * (s.opts.rateLimitFactor ?? 1)));
  const now = s.now();
  const key = `${parentId} ${route}`;
  let b = s.buckets.get(key);
  if (!b || now >= b.start + WINDOW_MS) {
    b = { start: now, count: 0 };
    s.buckets.set(key, b);
  }
  b.count++;
  const reset = String(Math.max(1, Math.ceil((b.start + WINDOW_MS - now) / 1000)));
  headers["X-RateLimit-Limit"] = String(limit);
  headers["X-RateLimit-Remaining"] = String(Math.max(0, limit - b.count));
  headers["X-RateLimit-Reset"] = reset;
  if (b.count > limit) {
    throw new ApiError(429, `rate limit of ${limit} requests per minute exceeded for ${route}`, {
      "Retry-After": reset,
    });
  }
}
