import "server-only";
/**
 * Security headers for every page, built per request by proxy.ts. Pure, so a
 * unit test checks it ("server-only" is fine here: proxy.ts runs on the server).
 */
export interface SecurityHeaderOptions {
  nonce: string;
  /** The request's own URL: decides HSTS and upgrade-insecure-requests. */
  url: URL;
  /** Development needs 'unsafe-eval' for React's debugging; production never gets it. */
  dev?: boolean;
  /** Extra origins a form may post to (e.g. the OIDC issuer when the sign-in redirects there). */
  formActionOrigins?: string[];
}

export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function isLocalHost(hostname: string): boolean {
  return (
    hostname === "localhost" || hostname === "127.0.0.1" || hostname === "[::1]" || hostname.endsWith(".localhost")
  );
}

export function buildCsp({ nonce, url, dev = false, formActionOrigins = [] }: SecurityHeaderOptions): string {
  const local = isLocalHost(url.hostname);
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Next and React inject style attributes; a style nonce would disable 'unsafe-inline'.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${formActionOrigins.map((o) => ` ${o}`).join("")}`,
    "frame-ancestors 'none'",
  ];
  if (!local && url.protocol === "https:") directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

export function buildSecurityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Security-Policy": buildCsp(options),
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
    "Cross-Origin-Opener-Policy": "same-origin",
  };
  // HSTS over localhost would pin developers' machines to https for a year.
  if (!isLocalHost(options.url.hostname)) {
    headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains";
  }
  return headers;
}
