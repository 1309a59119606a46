import { type NextFetchEvent, type NextRequest, NextResponse } from "next/server";
import { canOpen } from "@/lib/auth/navigation";
import { isRole } from "@/lib/auth/roles";
import { auth, PATH_HEADER } from "@/server/auth";
import { buildSecurityHeaders, createNonce } from "@/server/auth/security-headers";
import { getEnv } from "@/server/env";

/**
 * In front of every page: (1) refreshes the session cookie (Auth.js runs the
 * idle/absolute checks and re-reads the user) and sends signed-out visitors of
 * console pages to sign-in; (2) sets the per-request nonce CSP and the other
 * security headers. API routes never come here (see the matcher): the route
 * layer checks the session (and re-issues the cookie) itself, answers 401 JSON,
 * and sets the API's security headers (server/api/http.ts).
 */
const PUBLIC_PAGES = new Set(["/sign-in"]);
/** Invite links (Settings → Users) are opened by people who have no account yet. */
const isPublicPage = (pathname: string) => PUBLIC_PAGES.has(pathname) || pathname.startsWith("/invite/");
/** The page that says "You don't have access to this page"; the proxy serves it with a 403. */
const FORBIDDEN_REWRITE = "/access-denied";

function securityHeaders(request: NextRequest, nonce: string): Record<string, string> {
  const env = getEnv();
  return buildSecurityHeaders({
    nonce,
    url: request.nextUrl,
    dev: env.NODE_ENV === "development",
    formActionOrigins: env.OIDC_ISSUER ? [new URL(env.OIDC_ISSUER).origin] : [],
  });
}

const handler = auth((request) => {
  const { pathname, search } = request.nextUrl;
  const nonce = createNonce();
  const security = securityHeaders(request, nonce);
  if (!request.auth?.user && !isPublicPage(pathname)) {
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
  // A section the role may not open is a 403 before any of it renders (pages check again themselves;
  // this keeps the status honest, which a page under a loading boundary cannot change once streaming).
  const role = (request.auth?.user as { role?: unknown } | undefined)?.role;
  const forbidden = isRole(role) && !canOpen(role, pathname);
  const response = forbidden
    ? NextResponse.rewrite(new URL(FORBIDDEN_REWRITE, request.nextUrl), {
        status: 403,
        request: { headers: requestHeaders },
      })
    : NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(security)) response.headers.set(name, value);
  return response;
});

function dropSessionCookies(headers: Headers): void {
  const kept = headers.getSetCookie().filter((c) => !/^(__Secure-)?authjs\.session-token/.test(c));
  headers.delete("set-cookie");
  for (const cookie of kept) headers.append("set-cookie", cookie);
}

/**
 * With a lazily built config (NextAuth(() => config)), `auth(fn)` resolves to the
 * wrapped handler asynchronously, so it is awaited here rather than exported as is.
 */
export async function proxy(request: NextRequest, event: NextFetchEvent) {
  const run = (await (handler as unknown as Promise<typeof handler>)) as typeof handler;
  const response = await run(request, event as never);
  // A server action (sign-out above all) sets or clears the session cookie itself; the refreshed
  // cookie from this proxy must not be sent alongside and undo it.
  if (response && request.headers.has("next-action")) dropSessionCookies(response.headers);
  return response;
}

export const config = {
  // Not /api: a middleware pass per API call cost about as much as the route layer's own work; the
  // route layer sets the API's headers itself (server/api/http.ts).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt|api/).*)"],
};
