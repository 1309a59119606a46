import "server-only";

/**
 * CSRF defence for state-changing requests, in three independent layers:
 * a present `Origin` must be this site; a present `Sec-Fetch-Site` must be
 * same-origin (or none: typed by the user); and the custom header
 * `X-Requested-With: XMLHttpRequest` must be there, which a cross-site form or
 * a no-cors fetch cannot add without a CORS preflight the console never grants.
 */

export const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The origins this console is served from: the request's own, its Host header's, and AUTH_URL. */
export function allowedOrigins(request: Request, authUrl: string | undefined): Set<string> {
  const origins = new Set<string>();
  const url = new URL(request.url);
  origins.add(url.origin);
  const host = request.headers.get("host");
  if (host) {
    const proto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || url.protocol.replace(":", "");
    origins.add(`${proto}://${host}`.toLowerCase());
  }
  if (authUrl) {
    try {
      origins.add(new URL(authUrl).origin);
    } catch {
      // An invalid AUTH_URL is rejected by env validation; nothing to add.
    }
  }
  return origins;
}

export type CsrfVerdict = { ok: true } | { ok: false; reason: string };

export function checkCsrf(request: Request, authUrl: string | undefined): CsrfVerdict {
  if (!STATE_CHANGING.has(request.method)) return { ok: true };
  const origin = request.headers.get("origin");
  if (origin !== null) {
    // "null" (sandboxed frames, some redirects) is never this site.
    if (!allowedOrigins(request, authUrl).has(origin.toLowerCase())) {
      return { ok: false, reason: "Origin is not this site" };
    }
  }
  const site = request.headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") {
    return { ok: false, reason: `Sec-Fetch-Site is ${site}` };
  }
  if (request.headers.get("x-requested-with") !== "XMLHttpRequest") {
    return { ok: false, reason: "X-Requested-With header is missing" };
  }
  return { ok: true };
}
