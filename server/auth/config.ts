import "server-only";
import bcrypt from "bcryptjs";
import type { NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { isRole, type Role } from "@/lib/auth/roles";
import { getConsoleDb } from "@/server/db";
import type { ConsoleDb, UserRow } from "@/server/db/types";
import { type Env, getEnv } from "@/server/env";
import { auditAuth } from "./audit";
import { BCRYPT_ROUNDS, ensureDemoUsers } from "./demo-users";
import { groupsFromProfile, parseRoleMap, resolveRole } from "./role-map";
import { getAuthSecret } from "./secret";
import { decodeSessionToken, encodeSessionToken } from "./session-jwt";
import { checkSession, type SessionLimits } from "./session-policy";
import { TooManyAttempts, tooManyFailures } from "./throttle";

export const OIDC_PROVIDER_ID = "oidc";
export const CREDENTIALS_PROVIDER_ID = "credentials";

/** Sign-in refusals the sign-in page explains (passed as ?error=). */
export const SIGN_IN_ERRORS = { noRole: "NoRole", disabled: "Disabled" } as const;

const credentialsSchema = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(200),
});

// Compared against when the email is unknown, so that unknown and known emails take equally long.
const globalForHash = globalThis as unknown as { __consoleDummyHash?: string };
function dummyHash(): string {
  globalForHash.__consoleDummyHash ??= bcrypt.hashSync("not-a-real-password", BCRYPT_ROUNDS);
  return globalForHash.__consoleDummyHash;
}

/** What the session cookie carries besides Auth.js' own claims. */
export interface ConsoleClaims {
  uid?: string;
  role?: string;
  sv?: number;
  signedInAt?: number;
  lastSeenAt?: number;
}

export function passwordSignInEnabled(): boolean {
  const env = getEnv();
  return env.sandboxMode || env.AUTH_PASSWORD_SIGNIN;
}

export function oidcEnabled(): boolean {
  return getEnv().OIDC_ISSUER !== undefined;
}

function sessionUserFields(user: UserRow) {
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

export function sessionLimits(env: Env): SessionLimits {
  return { idleMinutes: env.SESSION_IDLE_MINUTES, maxHours: env.SESSION_MAX_HOURS };
}

/**
 * What the jwt callback does on every request after sign-in (shared with the API layer's
 * fast session read, fast-session.ts): the idle and absolute limits, then the user re-read —
 * disabling a user or ending their sessions (session_version) ends the session, and a role
 * change applies on their next request without signing them out. Null ends the session.
 */
export async function refreshSessionClaims<T extends ConsoleClaims & { name?: string | null; email?: string | null }>(
  claims: T,
  db: ConsoleDb,
  limits: SessionLimits,
  now: number,
): Promise<T | null> {
  const verdict = checkSession(claims, limits, now);
  if (!verdict.ok || !claims.uid) return null;
  const row = await db.users.findById(claims.uid);
  if (!row || row.disabled || row.sessionVersion !== claims.sv) return null;
  claims.role = row.role;
  claims.name = row.name;
  claims.email = row.email;
  claims.lastSeenAt = now;
  return claims;
}

/** The session's user fields, as the session callback exposes them. */
export function sessionUserClaims(claims: ConsoleClaims & { name?: string | null; email?: string | null }) {
  const role: Role | null = isRole(claims.role) ? claims.role : null;
  return { id: claims.uid ?? "", email: claims.email ?? "", name: claims.name ?? claims.email ?? "", role };
}

export function buildAuthConfig(): NextAuthConfig {
  const env = getEnv();
  const roleMap = parseRoleMap(env.OIDC_ROLE_MAP);
  const providers: NextAuthConfig["providers"] = [];

  if (passwordSignInEnabled()) {
    providers.push(
      Credentials({
        id: CREDENTIALS_PROVIDER_ID,
        credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
        async authorize(raw, request) {
          const parsed = credentialsSchema.safeParse(raw);
          const email = typeof raw?.email === "string" ? raw.email.trim().toLowerCase().slice(0, 254) : null;
          const fail = async (message: string, user?: UserRow) => {
            await auditAuth({
              action: "auth.sign_in_failed",
              outcome: "failure",
              user: { id: user?.id ?? null, email: user?.email ?? email, role: user?.role ?? null },
              message,
              provider: CREDENTIALS_PROVIDER_ID,
              headers: request.headers,
            });
            return null;
          };
          if (!parsed.success) return fail("malformed credentials");
          const db = await getConsoleDb();
          if (env.sandboxMode) await ensureDemoUsers(db, env.DEMO_PASSWORD);
          if (await tooManyFailures(db, parsed.data.email.toLowerCase())) {
            await fail("too many failed attempts");
            throw new TooManyAttempts();
          }
          const user = await db.users.findByEmail(parsed.data.email.toLowerCase());
          const matches = await bcrypt.compare(parsed.data.password, user?.passwordHash ?? dummyHash());
          if (!user?.passwordHash) return fail("unknown email");
          if (!matches) return fail("wrong password", user);
          if (user.disabled) return fail("user disabled", user);
          return sessionUserFields(user);
        },
      }),
    );
  }

  if (env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET) {
    providers.push({
      id: OIDC_PROVIDER_ID,
      name: env.OIDC_NAME,
      type: "oidc",
      issuer: env.OIDC_ISSUER,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      checks: ["pkce", "state", "nonce"],
    });
  }

  return {
    secret: getAuthSecret(),
    trustHost: true,
    providers,
    pages: { signIn: "/sign-in", error: "/sign-in" },
    session: {
      strategy: "jwt",
      // The cookie lives as long as the absolute lifetime; idle and absolute limits are checked in jwt().
      maxAge: env.SESSION_MAX_HOURS * 3600,
      updateAge: 0,
    },
    // Auth.js' own token format, without WebCrypto and per-call key derivation (session-jwt.ts).
    jwt: { encode: encodeSessionToken, decode: decodeSessionToken },
    logger: {
      error(error) {
        const type = (error as { type?: string }).type ?? error.name;
        // A wrong password is an expected outcome (audited), not a server error with a stack trace.
        const inner = (error.cause as { err?: { type?: string } } | undefined)?.err;
        if (type === "CredentialsSignin" || inner?.type === "CredentialsSignin") return;
        if (type === "JWTSessionError") {
          console.warn("[auth] unreadable session cookie ignored");
          return;
        }
        console.error(`[auth] ${type}: ${error.message}`);
      },
      warn(code) {
        if (code === "debug-enabled") return;
        console.warn(`[auth] warning: ${code}`);
      },
      debug() {},
    },
    callbacks: {
      async signIn({ account, profile, user }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        const email = (typeof profile?.email === "string" ? profile.email : (user.email ?? "")).toLowerCase();
        const role = email ? resolveRole(roleMap, { email, groups: groupsFromProfile(profile ?? undefined) }) : null;
        if (!email || role === null) {
          await auditAuth({
            action: "auth.sign_in_failed",
            outcome: "denied",
            user: { id: null, email: email || null, role: null },
            message: "no role mapped for this identity (OIDC_ROLE_MAP)",
            provider: OIDC_PROVIDER_ID,
          });
          return `/sign-in?error=${SIGN_IN_ERRORS.noRole}`;
        }
        const db = await getConsoleDb();
        const name = (typeof profile?.name === "string" && profile.name) || user.name || email;
        const row = await db.users.upsertFromProvider({ email, name, role });
        if (row.disabled) {
          await auditAuth({
            action: "auth.sign_in_failed",
            outcome: "denied",
            user: { id: row.id, email: row.email, role: row.role },
            message: "user disabled",
            provider: OIDC_PROVIDER_ID,
          });
          return `/sign-in?error=${SIGN_IN_ERRORS.disabled}`;
        }
        return true;
      },

      async jwt({ token, user, trigger, account }) {
        const claims = token as typeof token & ConsoleClaims;
        const now = Date.now();
        const db = await getConsoleDb();

        if (trigger === "signIn") {
          const email = user?.email?.toLowerCase();
          const row = email ? await db.users.findByEmail(email) : undefined;
          if (!row || row.disabled) return null;
          claims.uid = row.id;
          claims.sub = row.id;
          claims.sv = row.sessionVersion;
          claims.signedInAt = now;
          claims.lastSeenAt = now;
          claims.role = row.role;
          claims.name = row.name;
          claims.email = row.email;
          // Settings → Users shows when and how each user last signed in.
          const method = account?.provider === OIDC_PROVIDER_ID ? OIDC_PROVIDER_ID : "password";
          await db.users.recordSignIn(row.id, method, new Date(now).toISOString());
          await auditAuth({
            action: "auth.sign_in",
            outcome: "success",
            user: { id: row.id, email: row.email, role: row.role },
            provider: account?.provider,
          });
          return claims;
        }

        return refreshSessionClaims(claims, db, sessionLimits(env), now);
      },

      session({ session, token }) {
        return { ...session, user: { ...session.user, ...sessionUserClaims(token as ConsoleClaims) } };
      },
    },
    events: {
      async signOut(message) {
        const token = "token" in message ? (message.token as (ConsoleClaims & { email?: string }) | null) : null;
        // A JWT session lives in the cookie: without this, a copy of the cookie taken before sign-out
        // would keep working until it expires. Ends this user's other sessions too (sign out everywhere).
        if (token?.uid) await (await getConsoleDb()).users.endSessions(token.uid);
        await auditAuth({
          action: "auth.sign_out",
          outcome: "success",
          user: {
            id: token?.uid ?? null,
            email: token?.email ?? null,
            role: isRole(token?.role) ? token.role : null,
          },
        });
      },
    },
  };
}
