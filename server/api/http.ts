import "server-only";
import type { ApiErrorBody } from "@/lib/api/errors";

/**
 * Every answer of the console's API is JSON and never cached: it may carry a
 * user's data, and a cached write answer would be replayed to someone else.
 */
export const BASE_HEADERS: Readonly<Record<string, string>> = {
  "Content-Type": "application/json; charset=utf-8",
  "Cache-Control": "no-store",
  "X-Content-Type-Options": "nosniff",
};

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...BASE_HEADERS, ...headers } });
}

export type ErrorDetails = Omit<ApiErrorBody["error"], "code" | "message">;

export function errorBody(code: string, message: string, details: ErrorDetails = {}): ApiErrorBody {
  const error: ApiErrorBody["error"] = { code, message };
  if (details.fields && Object.keys(details.fields).length > 0) error.fields = details.fields;
  if (details.requestId) error.requestId = details.requestId;
  if (details.operationId) error.operationId = details.operationId;
  return { error };
}

/** A refusal decided by the console itself (not the upstream): status, code, message. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetails = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "HttpError";
  }
  toBody(): ApiErrorBody {
    return errorBody(this.code, this.message, this.details);
  }
}
