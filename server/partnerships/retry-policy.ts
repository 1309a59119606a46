import "server-only";
import { ConflictError, RateLimitedError, UpstreamServerError, UpstreamUnavailableError } from "./errors";
import type { CallSpec } from "./transport";

/** Connection never made: the request cannot have been received, so even an unkeyed write may be resent. */
export function neverSent(cause: unknown): boolean {
  const code = (cause as { cause?: { code?: unknown } } | null)?.cause?.code;
  return code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN";
}

/** Retry-After as delay-seconds or an HTTP date (RFC 9110 §10.2.3); absent or unreadable → null. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null || value.trim() === "") return null;
  if (/^\d+$/.test(value.trim())) return Number.parseInt(value, 10);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

export function isRetryable(err: unknown): boolean {
  return (
    err instanceof UpstreamUnavailableError ||
    err instanceof RateLimitedError ||
    err instanceof UpstreamServerError ||
    (err instanceof ConflictError && err.reason === "in_flight")
  );
}

export function unavailable(
  spec: CallSpec<unknown>,
  timeout: boolean,
  attempts: number,
  cause: unknown,
  timeoutMs: number,
): UpstreamUnavailableError {
  const what = timeout ? `did not answer within ${timeoutMs} ms` : "could not be reached";
  const outcomeUnknown = spec.kind !== "read" && !neverSent(cause);
  let advice = "Try again shortly.";
  if (outcomeUnknown && spec.kind === "write") {
    advice = "The change may or may not have been applied: retry it as the same action (same key) to find out.";
  } else if (outcomeUnknown) {
    advice = "The request may or may not have been received: check before submitting it again, to avoid a duplicate.";
  }
  return new UpstreamUnavailableError(`The Partnerships API ${what} (${spec.method} ${spec.route}). ${advice}`, {
    status: 0,
    timeout,
    outcomeUnknown,
    attempts,
    cause: timeout ? undefined : cause,
  });
}
