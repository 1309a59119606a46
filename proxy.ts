import { type NextRequest, NextResponse } from "next/server";
import { auth, PATH_HEADER } from "@/server/auth";
import { buildSecurityHeaders, createNonce } from "@/server/auth/security-headers";
import { getEnv } from "@/server/env";

/**
 * In front of every page: (1) refreshes the session cookie (Auth.js runs the
 * idle/absolute checks and re-reads the user) and sends signed-out visitors of
 * console pages to sign-in; (2) sets the per-request nonce CSP and the other
 * security headers. API routes are never redirected: the route layer answers
 * 401 JSON itself.
 */
const PUBLIC_PAGES = new Set(["/sign-in"]);

function securityHeaders(request: NextRequest, nonce: string): Record<string, string> {
  const env = getEnv();
  return buildSecurityHeaders({
    nonce,
    url: request.nextUrl,
    dev: env.NODE_ENV === "development",
    formActionOrigins: env.OIDC_ISSUER ? [new URL(env.OIDC_ISSUER).origin] : [],
  });
}

export default auth((request) => {
  const { pathname, search } = request.nextUrl;
  if (pathname.startsWith("/api/")) return NextResponse.next();

  const nonce = createNonce();
  const security = securityHeaders(request, nonce);
  if (!request.auth?.user && !PUBLIC_PAGES.has(pathname)) {
    const signIn = new URL("/sign-in", request.nextUrl);
    if (pathname !== "/") signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
    const redirect = NextResponse.redirect(signIn);
    for (const [name, value] of Object.entries(security)) redirect.headers.set(name, value);
    return redirect;
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set(PATH_HEADER, `${pathname}${search}`);
  // Next reads the nonce from the request's CSP header and puts it on its own scripts.
  requestHeaders.set("Content-Security-Policy", security["Content-Security-Policy"] ?? "");
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(security)) response.headers.set(name, value);
  return response;
});

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt|api/auth|api/health).*)"],
};
