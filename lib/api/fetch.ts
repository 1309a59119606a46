import { ApiError, isApiErrorBody } from "./errors";

/**
 * Browser-side calls to the console's own API.
 *
 * The rule for writes: mint ONE Idempotency-Key per user intent (the moment
 * the user presses "Save"), keep it with the pending intent, and send the same
 * key on every retry of that intent — a double click, a network failure, a
 * reload during submit. Mint a new key only when the request itself changes
 * (edited form, or the live call after a dry run). The server refuses a write
 * without a key and refuses a key reused for a different request.
 */

export function mintIdempotencyKey(): string {
  return crypto.randomUUID();
}

export interface ApiFetchOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Serialised as JSON, unless it is already a string (sent as is, e.g. CSV). */
  body?: unknown;
  contentType?: string;
  /** Required for every write; reuse it on retries of the same intent. */
  idempotencyKey?: string;
  dryRun?: boolean;
  signal?: AbortSignal;
  /** Let the request outlive a closed tab once it has left (writes; bodies up to 64 KiB). */
  keepalive?: boolean;
}

export interface ApiResponse<T> {
  status: number;
  data: T;
  /** True when the server answered from a kept outcome of the same key. */
  replayed: boolean;
}

function withDryRun(path: string, dryRun: boolean | undefined): string {
  if (!dryRun) return path;
  return `${path}${path.includes("?") ? "&" : "?"}dry_run=true`;
}

export async function apiFetch<T = unknown>(path: string, options: ApiFetchOptions = {}): Promise<ApiResponse<T>> {
  const method = options.method ?? (options.body === undefined ? "GET" : "POST");
  const headers: Record<string, string> = {
    Accept: "application/json",
    // The server's CSRF check requires this header on every state-changing request.
    "X-Requested-With": "XMLHttpRequest",
  };
  if (options.idempotencyKey) headers["Idempotency-Key"] = options.idempotencyKey;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    headers["Content-Type"] =
      options.contentType ?? (typeof options.body === "string" ? "text/plain" : "application/json");
  }
  let response: Response;
  try {
    response = await fetch(withDryRun(path, options.dryRun), {
      method,
      headers,
      body,
      credentials: "same-origin",
      cache: "no-store",
      signal: options.signal,
      keepalive: options.keepalive,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError(0, {
      code: "network_error",
      message: "The console could not be reached. Check your connection and try again.",
    });
  }
  const text = await response.text();
  let parsed: unknown = null;
  if (text !== "") {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (!response.ok) {
    const retryAfter = Number(response.headers.get("Retry-After"));
    const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null;
    if (isApiErrorBody(parsed)) throw new ApiError(response.status, parsed.error, retryAfterSeconds);
    throw new ApiError(
      response.status,
      { code: "http_error", message: `The console answered ${response.status}.` },
      retryAfterSeconds,
    );
  }
  return {
    status: response.status,
    data: parsed as T,
    replayed: response.headers.get("Idempotent-Replayed") === "true",
  };
}
