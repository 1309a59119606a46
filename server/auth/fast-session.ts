import "server-only";
import { createHash } from "node:crypto";
import type { NextAuthConfig } from "next-auth";
import { getConsoleDb } from "@/server/db";
import { getEnv } from "@/server/env";
import { type ConsoleClaims, refreshSessionClaims, sessionLimits, sessionUserClaims } from "./config";
import { decodeSessionToken, encodeSessionToken } from "./session-jwt";

/**
 * The API layer's session read without going through Auth.js: the same answer as
 * `auth()` for an ordinary signed-in request, at a fraction of its cost (Auth.js
 * builds its internal request, parses every cookie, checks its CSRF cookie with
 * WebCrypto, runs the callbacks and serialises a session response that is parsed
 * again, about 0.5 ms a request; this is about 0.1 ms plus the user re-read).
 *
 * It only ever *accepts*: it handles the request when Auth.js, given the same
 * request, would accept the session and set exactly one cookie, the re-issued
 * session cookie. That needs
 * - the session cookie named as Auth.js names it for this request's URL
 *   (`authjs.session-token`, `__Secure-` prefixed when the URL Auth.js builds —
 *   AUTH_URL, else x-forwarded-proto and host — is https), in one piece (no
 *   chunks, no duplicates, no quoting or percent-encoding),
 * - a CSRF cookie that Auth.js verifies and a callback-URL cookie it keeps (else
 *   Auth.js would issue new ones along with the session: it is left to do so),
 * - the token decoding as Auth.js decodes it (the same decode, session-jwt.ts), and
 *   the jwt callback's per-request checks passing (the same function,
 *   refreshSessionClaims: idle and absolute limits, user re-read, disabled,
 *   session_version; role, name and email from the database),
 * - the re-issued token fitting in one cookie.
 * Anything else — no cookie, an invalid, expired, idle or revoked session, an
 * unusual request — returns null and the caller asks Auth.js, which refuses,
 * logs and clears cookies exactly as before. fast-session.test.ts compares both
 * on every case.
 */

export const SESSION_COOKIE = "authjs.session-token";
const CSRF_COOKIE = "authjs.csrf-token";
const CALLBACK_COOKIE = "authjs.callback-url";
// @auth/core's SessionStore: a value longer than this is split into `.0`, `.1`, … chunks.
const CHUNK_SIZE = 4096 - 160;
const TOKEN_VALUE = /^[A-Za-z0-9_.-]+$/;

export interface FastSession {
  user: NonNullable<ReturnType<typeof toUser>>;
  setCookie: string[];
}

/** Auth.js' request URL origin for the session action (next-auth's getSession → createActionURL). */
function authOrigin(headers: Headers): URL | null {
  const envUrl = process.env.AUTH_URL ?? process.env.NEXTAUTH_URL;
  try {
    if (envUrl) return new URL(envUrl);
    const host = headers.get("x-forwarded-host") ?? headers.get("host");
    const proto = headers.get("x-forwarded-proto") ?? "https";
    if (!host || (proto !== "http" && proto !== "https")) return null;
    const url = new URL(`${proto}://${host}`);
    return url.host === host ? url : null;
  } catch {
    return null;
  }
}

/**
 * The cookies this path reads, or null when the header is anything but plain `name=value` pairs
 * (Auth.js' parser would then have to be mirrored in its quirks: left to it).
 */
function readCookies(header: string, sessionName: string): Map<string, string> | null {
  const found = new Map<string, string>();
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1) {
      if (part.trim() === "") continue;
      return null;
    }
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    // Auth.js joins every cookie whose name starts with the session cookie's (chunks): one piece only.
    if (name.startsWith(sessionName) && name !== sessionName && value !== "") return null;
    if (found.has(name)) return null;
    found.set(name, value);
  }
  return found;
}

function decodeCookieValue(value: string): string | null {
  if (value.startsWith('"')) return null;
  if (!value.includes("%")) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

// A browser sends the same CSRF cookie for its whole session: its verdict is kept (per secret), so
// the hash is computed once per cookie rather than once per request. Bounded: cleared when full.
const csrfVerdicts = new Map<string, boolean>();
const CSRF_VERDICTS_MAX = 1024;

/** @auth/core's createCSRFToken: the cookie is kept when its hash matches (sha256 hex of token + secret). */
function csrfCookieKept(value: string | undefined, secret: string): boolean {
  if (!value) return false;
  const id = `${value}\u0000${secret}`;
  const known = csrfVerdicts.get(id);
  if (known !== undefined) return known;
  const decoded = decodeCookieValue(value);
  let kept = false;
  if (decoded) {
    const [token, hash] = decoded.split("|");
    kept = hash === createHash("sha256").update(`${token}${secret}`).digest("hex");
  }
  if (csrfVerdicts.size >= CSRF_VERDICTS_MAX) csrfVerdicts.clear();
  csrfVerdicts.set(id, kept);
  return kept;
}

/** @auth/core's createCallbackUrl with the default redirect callback: kept when it is an absolute URL of this origin. */
function callbackCookieKept(value: string | undefined, origin: string): boolean {
  const decoded = value ? decodeCookieValue(value) : null;
  if (!decoded || decoded.startsWith("/")) return false;
  try {
    return new URL(decoded).origin === origin;
  } catch {
    return false;
  }
}

function toUser(claims: ConsoleClaims & { name?: string | null; email?: string | null }) {
  const user = sessionUserClaims(claims);
  if (!user.id || user.role === null) return null;
  return { id: user.id, email: user.email, name: user.name || user.email, role: user.role };
}

export async function fastRequestSession(request: Request, config: NextAuthConfig): Promise<FastSession | null> {
  const secret = config.secret;
  const maxAge = config.session?.maxAge;
  // Only the configuration this was written against: anything else is Auth.js' to handle.
  if (typeof secret !== "string" || typeof maxAge !== "number" || config.cookies || config.useSecureCookies != null) {
    return null;
  }
  if (config.jwt?.decode !== decodeSessionToken || config.jwt?.encode !== encodeSessionToken) return null;
  const header = request.headers.get("cookie");
  if (!header) return null;
  const url = authOrigin(request.headers);
  if (!url) return null;
  const secure = url.protocol === "https:";
  const prefix = secure ? "__Secure-" : "";
  const name = `${prefix}${SESSION_COOKIE}`;
  const cookies = readCookies(header, name);
  const token = cookies?.get(name);
  if (!cookies || !token || !TOKEN_VALUE.test(token)) return null;
  if (!csrfCookieKept(cookies.get(`${secure ? "__Host-" : ""}${CSRF_COOKIE}`), secret)) return null;
  if (!callbackCookieKept(cookies.get(`${prefix}${CALLBACK_COOKIE}`), url.origin)) return null;

  let claims: (ConsoleClaims & Record<string, unknown>) | null;
  try {
    claims = await decodeSessionToken({ token, secret, salt: name });
  } catch {
    return null;
  }
  if (!claims) return null;
  const refreshed = await refreshSessionClaims(claims, await getConsoleDb(), sessionLimits(getEnv()), Date.now());
  if (!refreshed) return null;
  const user = toUser(refreshed);
  if (!user) return null;
  const expires = new Date(Date.now() + maxAge * 1000);
  const issued = await encodeSessionToken({ token: refreshed, secret, salt: name, maxAge });
  if (issued.length > CHUNK_SIZE) return null;
  // As @auth/core serialises it (vendored `cookie`): Path, Expires, HttpOnly, Secure, SameSite.
  const cookie = `${name}=${issued}; Path=/; Expires=${expires.toUTCString()}; HttpOnly${secure ? "; Secure" : ""}; SameSite=Lax`;
  return { user, setCookie: [cookie] };
}
