/**
 * The one error shape every console API route answers with (shared by the
 * server, which builds it, and the browser, which reads it):
 * `{ error: { code, message, fields?, requestId?, operationId? } }`.
 */
export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    /** Field path ("blockedVerticals.0.policy", "query.limit") → message. */
    fields?: Record<string, string>;
    /** The upstream request id, when the error came from the Partnerships API. */
    requestId?: string;
    operationId?: string;
  };
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string>;
  readonly requestId: string | null;
  readonly operationId: string | null;
  /** Seconds to wait before retrying, from `Retry-After`, when the server sent one. */
  readonly retryAfterSeconds: number | null;

  constructor(
    status: number,
    body: Partial<ApiErrorBody["error"]> & { message: string },
    retryAfterSeconds: number | null = null,
  ) {
    super(body.message);
    this.name = "ApiError";
    this.status = status;
    this.code = body.code ?? "error";
    this.fields = body.fields ?? {};
    this.requestId = body.requestId ?? null;
    this.operationId = body.operationId ?? null;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /**
   * True when the same intent may be sent again with the same key: the server
   * was busy (409 in flight, 429) or the outcome is unknown (502/503/504), or
   * the request never reached it (status 0).
   */
  get retryable(): boolean {
    // A 409 the API meant (surface already exists, stale contentHash) is final: only "still running" is worth a retry.
    const running = this.status === 409 && this.code !== "conflict";
    return this.status === 0 || running || this.status === 429 || this.status >= 502;
  }
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== "object" || value === null || !("error" in value)) return false;
  const e = (value as { error: unknown }).error;
  return typeof e === "object" && e !== null && typeof (e as { message?: unknown }).message === "string";
}
