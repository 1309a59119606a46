import "server-only";
import {
  ConflictError,
  InvalidResponseError,
  PartnershipsError,
  RateLimitedError,
  UpstreamServerError,
  UpstreamUnavailableError,
} from "@/server/partnerships/errors";
import { type ErrorDetails, HttpError } from "./http";

/**
 * Maps a typed upstream failure to the console's error JSON. The upstream's
 * request id and operation id are always kept (they are what support quotes
 * to Rokt); internals (stack, URLs, tokens) never leave the server.
 */
export interface MappedUpstreamError {
  error: HttpError;
  /** The write may have been applied upstream: the client must retry with the same key. */
  outcomeUnknown: boolean;
  /** The key may be used again for the same request (429, 5xx, network): release the intent. */
  retryable: boolean;
}

const CODES: Record<number, string> = {
  400: "bad_request",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
  412: "conflict",
  413: "payload_too_large",
  422: "validation_failed",
  429: "rate_limited",
};

export function isUpstreamError(err: unknown): err is PartnershipsError {
  return err instanceof PartnershipsError;
}

/** `mode` "retry": a write's unknown outcome is safe to resend with the same key (upstream idempotency). */
export function mapUpstreamError(
  err: PartnershipsError,
  opts: { write: boolean; retrySafe: boolean },
): MappedUpstreamError {
  const details: ErrorDetails = {
    requestId: err.requestId ?? undefined,
    operationId: err.operationId ?? undefined,
  };
  if (err instanceof RateLimitedError || err.status === 429) {
    const seconds = Math.max(1, Math.ceil(err.retryAfterSeconds ?? 1));
    return {
      error: new HttpError(
        429,
        "rate_limited",
        `The Partnerships API is rate limiting this platform; try again in ${seconds} s with the same key.`,
        details,
        { "Retry-After": String(seconds) },
      ),
      outcomeUnknown: false,
      retryable: true,
    };
  }
  const unknown =
    err instanceof UpstreamUnavailableError
      ? err.outcomeUnknown || !opts.write
      : err instanceof UpstreamServerError ||
        err instanceof InvalidResponseError ||
        err.status >= 500 ||
        err.status === 0;
  if (unknown) {
    const timeout = err instanceof UpstreamUnavailableError;
    const status = timeout ? 504 : 502;
    const code = timeout ? "upstream_unavailable" : "upstream_error";
    let message: string;
    if (!opts.write) message = "The Partnerships API did not answer usefully; try again in a moment.";
    else if (opts.retrySafe)
      message =
        "The Partnerships API did not confirm this change: the outcome is unknown; it is safe to retry with the same key.";
    else
      message =
        "The Partnerships API did not confirm this request: the outcome is unknown. Do not send it again: it is recorded as 'Outcome unknown' in Privacy → History and the audit log.";
    return {
      error: new HttpError(status, code, message, details),
      outcomeUnknown: opts.write,
      retryable: opts.retrySafe,
    };
  }
  if (err instanceof UpstreamUnavailableError) {
    // Nothing was sent (e.g. no token could be obtained): the write certainly did not apply.
    return {
      error: new HttpError(
        503,
        "upstream_unavailable",
        "The Partnerships API cannot be reached; nothing was changed. Try again.",
        details,
      ),
      outcomeUnknown: false,
      retryable: true,
    };
  }
  if (err.status === 401) {
    // Our credentials, not the user's session: never answer 401 (the browser would sign the user out).
    return {
      error: new HttpError(
        502,
        "upstream_auth_failed",
        "The console could not authenticate to the Partnerships API.",
        details,
      ),
      outcomeUnknown: false,
      retryable: true,
    };
  }
  const status = err.status >= 400 && err.status < 500 ? err.status : 502;
  // The upstream's "key in use by a running request" 409 is transient, unlike a stale contentHash.
  const inFlight = err instanceof ConflictError && err.reason === "in_flight";
  if (inFlight) {
    return {
      error: new HttpError(
        409,
        "in_flight",
        "The same change is still running upstream; retry with the same key in a moment.",
        details,
        {
          "Retry-After": String(Math.max(1, Math.ceil(err.retryAfterSeconds ?? 1))),
        },
      ),
      outcomeUnknown: false,
      retryable: true,
    };
  }
  return {
    error: new HttpError(
      status,
      CODES[status] ?? "upstream_rejected",
      err.upstreamMessage || err.message || "The Partnerships API refused the request.",
      details,
    ),
    outcomeUnknown: false,
    // A kept 4xx is final for its key (SPEC §9): the intent keeps it too.
    retryable: false,
  };
}
