import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { NextRequest } from "next/server";
import NextAuth, { type NextAuthConfig, type Session } from "next-auth";
import { cache } from "react";
import { safeCallbackPath } from "@/lib/auth/callback";
import { canOpen } from "@/lib/auth/navigation";
import { hasRole, isRole, type Role } from "@/lib/auth/roles";
import { type Env, getEnv } from "@/server/env";
import { buildAuthConfig } from "./config";
import { fastRequestSession } from "./fast-session";
import type { SessionUser } from "./types";

export type { SessionUser } from "./types";
export { safeCallbackPath };

/**
 * Auth.js, configured lazily: the environment (and the sandbox secret file) is
 * read on the first request, never during `next build`.
 */
export const { auth, signIn, signOut, handlers } = NextAuth(() => cachedAuthConfig());

const globalForConfig = globalThis as unknown as { __consoleAuthConfig?: { env: Env; config: NextAuthConfig } };

/** Built once per environment (every request asks for it); a new environment (tests) rebuilds it. */
function cachedAuthConfig(): NextAuthConfig {
  const env = getEnv();
  const cached = globalForConfig.__consoleAuthConfig;
  if (cached?.env === env) return cached.config;
  const config = buildAuthConfig();
  globalForConfig.__consoleAuthConfig = { env, config };
  return config;
}

/** The header proxy.ts sets with the page's path and query, so server components know where they are. */
export const PATH_HEADER = "x-console-path";

function toSessionUser(session: Session | null | undefined): SessionUser | null {
  const user = session?.user as { id?: unknown; email?: unknown; name?: unknown; role?: unknown } | undefined;
  if (!user || typeof user.id !== "string" || user.id === "" || !isRole(user.role)) return null;
  const email = typeof user.email === "string" ? user.email : "";
  return { id: user.id, email, name: typeof user.name === "string" && user.name ? user.name : email, role: user.role };
}

/** The signed-in user, or null. For server components (and route handlers outside the API layer). */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => toSessionUser(await auth()));

export interface RequestSession {
  user: SessionUser | null;
  /** Set-Cookie values to send with the answer: the session cookie re-issued (idle timeout), or cleared. */
  setCookie: string[];
}

type SessionHandler = (request: NextRequest, ctx: unknown) => Promise<Response>;

/**
 * For the API route layer, which proxy.ts leaves alone: the session of this
 * request, read once (the idle/absolute checks and the user re-read run in the
 * jwt callback, as for pages), with the cookie Auth.js re-issues, so an API
 * call keeps the session alive exactly as a page load does. An ordinary
 * signed-in request takes the fast path (fast-session.ts: the same checks and
 * the same re-issued cookie without Auth.js' request machinery); everything
 * else — anonymous, refused, unusual — goes through Auth.js.
 */
export async function getRequestSession(request: Request): Promise<RequestSession> {
  return (await fastRequestSession(request, cachedAuthConfig())) ?? authRequestSession(request);
}

/** The session as Auth.js itself reads it (`auth()` around a throwaway handler). */
export async function authRequestSession(request: Request): Promise<RequestSession> {
  let session: Session | null = null;
  // With a lazily built config, auth(fn) resolves to the wrapped handler asynchronously (as in proxy.ts).
  const wrapped = (await (auth((req) => {
    session = req.auth;
    return new Response(null, { status: 204 });
  }) as unknown as Promise<SessionHandler>)) as SessionHandler;
  // Headers only: Auth.js may copy the request (AUTH_URL), which would lock the body the route still has to read.
  const answer = await wrapped(new NextRequest(request.url, { headers: request.headers }), {});
  return { user: toSessionUser(session), setCookie: answer.headers.getSetCookie() };
}

export async function currentPath(): Promise<string> {
  const h = await headers();
  return safeCallbackPath(h.get(PATH_HEADER) ?? "/");
}

/** For pages: the signed-in user, or a redirect to sign-in that comes back here afterwards. */
export async function requireSessionUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) {
    const path = await currentPath();
    redirect(path === "/" ? "/sign-in" : `/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  }
  return user;
}

/** For pages a role may not open: "You don't have access to this page", rendered on the server. */
export async function requireRole(minRole: Role): Promise<SessionUser> {
  const user = await requireSessionUser();
  if (!hasRole(user.role, minRole)) forbidden();
  return user;
}

/** For section pages: enforces the navigation table (lib/auth/navigation.ts) for this path. */
export async function requireSection(pathname: string): Promise<SessionUser> {
  const user = await requireSessionUser();
  if (!canOpen(user.role, pathname)) forbidden();
  return user;
}
