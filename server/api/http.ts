import "server-only";
import type { ApiErrorBody } from "@/lib/api/errors";
import { buildSecurityHeaders, isLocalHost } from "@/server/auth/security-headers";

/**
 * The security headers of pages (server/auth/security-headers.ts), but the CSP of an answer that is
 * JSON only: nothing on it may run, be framed or be sniffed into HTML. Set here, by the route layer,
 * rather than by proxy.ts, whose matcher leaves /api alone (a middleware pass per call cost more
 * than the whole route layer). The one header that depends on the request, HSTS, is added by
 * withRequestHeaders.
 */
const PAGE_HEADERS = buildSecurityHeaders({ nonce: "", url: new URL("http://localhost/") });
const { "Content-Security-Policy": _pageCsp, ...SHARED_SECURITY } = PAGE_HEADERS;
const HSTS = buildSecurityHeaders({ nonce: "", url: new URL("https://console.invalid/") })["Strict-Transport-Security"];

/**
 * Every answer of the console's API is JSON and never cached: it may carry a
 * user's data, and a cached write answer would be replayed to someone else.
 */
export const BASE_HEADERS: Readonly<Record<string, string>> = {
  ...SHARED_SECURITY,
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
  "Content-Type": "application/json; charset=utf-8",
  "Cache-Control": "no-store",
  "X-Content-Type-Options": "nosniff",
};

/** HSTS away from localhost, as pages get it (never over localhost: it would pin developers' machines to https). */
export function withRequestHeaders(response: Response, url: URL): Response {
  if (HSTS && !isLocalHost(url.hostname)) response.headers.set("Strict-Transport-Security", HSTS);
  return response;
}

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
