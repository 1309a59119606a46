import "server-only";

/**
 * Typed errors of the Partnerships client. Every upstream failure becomes one of
 * these, with the ids a support person needs (request id, operation id) and a
 * message a person can act on. Nothing here ever holds the access token or the
 * client secret: messages are redacted by the transport, and no error keeps the
 * request, its headers or the client's configuration.
 */

export type PartnershipsErrorCode =
  | "BadRequest"
  | "Unauthorized"
  | "Forbidden"
  | "NotFound"
  | "Conflict"
  | "ValidationFailed"
  | "RateLimitExceeded"
  | "InternalServerError"
  | "PayloadTooLarge"
  | "NetworkError"
  | "Timeout"
  | "InvalidResponse";

export interface ErrorDetails {
  /** HTTP status of the answer; 0 when there was none (network, timeout, local check). */
  status: number;
  requestId?: string | null;
  operationId?: string | null;
  retryAfterSeconds?: number | null;
  field?: string | null;
  /** The API's own `message`, redacted. */
  upstreamMessage?: string | null;
  /** Attempts made before giving up. */
  attempts?: number;
  cause?: unknown;
}

const ERROR_KINDS = Symbol.for("partner-console.partnerships-error-kinds");

export class PartnershipsError extends Error {
  /**
   * A stable tag per class. Next bundles server code per route, so one error can
   * cross from one copy of this module to another (the client singleton lives on
   * globalThis): `instanceof` compares these tags, not class identities.
   */
  static readonly kind: string = "PartnershipsError";
  static [Symbol.hasInstance](value: unknown): boolean {
    const kinds = (value as { [ERROR_KINDS]?: unknown } | null)?.[ERROR_KINDS];
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class on the right of instanceof (a subclass too).
    return Array.isArray(kinds) && kinds.includes((this as unknown as { kind: string }).kind);
  }
  readonly [ERROR_KINDS]: string[];

  readonly code: PartnershipsErrorCode;
  readonly status: number;
  readonly requestId: string | null;
  readonly operationId: string | null;
  readonly retryAfterSeconds: number | null;
  readonly field: string | null;
  readonly upstreamMessage: string | null;
  readonly attempts: number;

  constructor(code: PartnershipsErrorCode, message: string, details: ErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    const kinds: string[] = [];
    for (let c: unknown = new.target; typeof c === "function" && "kind" in c; c = Object.getPrototypeOf(c)) {
      const kind = (c as { kind: string }).kind;
      if (!kinds.includes(kind)) kinds.push(kind);
    }
    this[ERROR_KINDS] = kinds;
    this.code = code;
    this.status = details.status;
    this.requestId = details.requestId ?? null;
    this.operationId = details.operationId ?? null;
    this.retryAfterSeconds = details.retryAfterSeconds ?? null;
    this.field = details.field ?? null;
    this.upstreamMessage = details.upstreamMessage ?? null;
    this.attempts = details.attempts ?? 1;
  }

  /** What a log line or an API answer may show: ids and message, never a cause chain. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      status: this.status,
      message: this.message,
      requestId: this.requestId,
      operationId: this.operationId,
      retryAfterSeconds: this.retryAfterSeconds,
      field: this.field,
    };
  }
}

export class BadRequestError extends PartnershipsError {
  static override readonly kind: string = "BadRequestError";
  /** true when the client refused the call itself, before sending anything. */
  readonly local: boolean;
  constructor(message: string, details: ErrorDetails & { local?: boolean }) {
    super("BadRequest", message, details);
    this.local = details.local ?? false;
  }
}

export class UnauthorizedError extends PartnershipsError {
  static override readonly kind: string = "UnauthorizedError";
  constructor(message: string, details: ErrorDetails) {
    super("Unauthorized", message, details);
  }
}

export class ForbiddenError extends PartnershipsError {
  static override readonly kind: string = "ForbiddenError";
  constructor(message: string, details: ErrorDetails) {
    super("Forbidden", message, details);
  }
}

/** What a 404 was about, as far as the client can tell. */
export type NotFoundResource = "account" | "page" | "layout" | "operation" | "other";

export class NotFoundError extends PartnershipsError {
  static override readonly kind: string = "NotFoundError";
  readonly resource: NotFoundResource;
  constructor(message: string, details: ErrorDetails & { resource: NotFoundResource }) {
    super("NotFound", message, details);
    this.resource = details.resource;
  }
}

export type ConflictReason = "in_flight" | "stale_content" | "surface_exists" | "account_deleting" | "other";

export class ConflictError extends PartnershipsError {
  static override readonly kind: string = "ConflictError";
  readonly reason: ConflictReason;
  constructor(message: string, details: ErrorDetails & { reason: ConflictReason }) {
    super("Conflict", message, details);
    this.reason = details.reason;
  }
}

/** A `contentHash` that is no longer current: 409 `contentHash is stale`, or 412 from a real API. */
export class StaleContentError extends ConflictError {
  static override readonly kind: string = "StaleContentError";
  constructor(message: string, details: ErrorDetails) {
    super(message, { ...details, reason: "stale_content" });
  }
}

export class ValidationFailedError extends PartnershipsError {
  static override readonly kind: string = "ValidationFailedError";
  /** The Idempotency-Key was first used for a different request: mint a new key. */
  readonly idempotencyKeyReused: boolean;
  constructor(message: string, details: ErrorDetails & { idempotencyKeyReused?: boolean }) {
    super("ValidationFailed", message, details);
    this.idempotencyKeyReused = details.idempotencyKeyReused ?? false;
  }
}

export class RateLimitedError extends PartnershipsError {
  static override readonly kind: string = "RateLimitedError";
  constructor(message: string, details: ErrorDetails) {
    super("RateLimitExceeded", message, details);
  }
}

export class PayloadTooLargeError extends PartnershipsError {
  static override readonly kind: string = "PayloadTooLargeError";
  constructor(message: string, details: ErrorDetails) {
    super("PayloadTooLarge", message, details);
  }
}

/** A 5xx answer, after the retries it was allowed. */
export class UpstreamServerError extends PartnershipsError {
  static override readonly kind: string = "UpstreamServerError";
  constructor(message: string, details: ErrorDetails) {
    super("InternalServerError", message, details);
  }
}

/** No answer at all (network error or timeout), after the retries it was allowed. */
export class UpstreamUnavailableError extends PartnershipsError {
  static override readonly kind: string = "UpstreamUnavailableError";
  /** true for a write that may have been applied although no answer arrived. */
  readonly outcomeUnknown: boolean;
  constructor(message: string, details: ErrorDetails & { timeout: boolean; outcomeUnknown: boolean }) {
    super(details.timeout ? "Timeout" : "NetworkError", message, details);
    this.outcomeUnknown = details.outcomeUnknown;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), outcomeUnknown: this.outcomeUnknown };
  }
}

/** An answer whose shape does not match the contract. */
export class InvalidResponseError extends PartnershipsError {
  static override readonly kind: string = "InvalidResponseError";
  constructor(message: string, details: ErrorDetails) {
    super("InvalidResponse", message, details);
  }
}

export function isPartnershipsError(err: unknown): err is PartnershipsError {
  return err instanceof PartnershipsError;
}

/**
 * An account that is not the caller's: the sandbox answers 403, a real API may
 * answer 404 (SPEC §10). Both count; a 404 about a page, layout or operation does not.
 */
export function isAccountInaccessible(err: unknown): boolean {
  if (err instanceof ForbiddenError) return true;
  return err instanceof NotFoundError && err.resource === "account";
}

/** Errors after which the same call may be tried again later (by a person or a job). */
export function isTransient(err: unknown): boolean {
  return (
    err instanceof RateLimitedError ||
    err instanceof UpstreamServerError ||
    err instanceof UpstreamUnavailableError ||
    (err instanceof ConflictError && err.reason === "in_flight")
  );
}
