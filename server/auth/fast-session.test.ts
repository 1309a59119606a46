import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ConsoleDb, UserRow } from "@/server/db/types";
import { resetEnvForTests } from "@/server/env";

// The API layer's fast session read (fast-session.ts) against Auth.js' own verdict on the same
// request: the fast path may only ever accept what Auth.js accepts, with the same user and the same
// re-issued cookie; everything else must be declined (null) and left to Auth.js.
const holder: { db?: ConsoleDb } = {};
vi.mock("@/server/db", () => ({ getConsoleDb: async () => holder.db! }));

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "fast-session-"));
const savedEnv = { ...process.env };
for (const key of Object.keys(process.env)) {
  if (/^(OIDC_|AUTH_|NEXTAUTH_|SESSION_|DEMO_|PARTNERSHIPS_|SANDBOX_URL|DATABASE_URL)/.test(key))
    delete process.env[key];
}
Object.assign(process.env, { DATA_DIR: dataDir, DEMO_PASSWORD: "demo-password" });
resetEnvForTests();

const { createConsoleDb } = await import("@/server/db/open");
const { getRequestSession, authRequestSession } = await import("./index");
const { fastRequestSession } = await import("./fast-session");
const { buildAuthConfig } = await import("./config");
const { encodeSessionToken, decodeSessionToken } = await import("./session-jwt");
const { getAuthSecret } = await import("./secret");

const NAME = "authjs.session-token";
const ORIGIN = "http://localhost:3000";

interface Claims {
  signedInAt?: number;
  lastSeenAt?: number;
  sv?: number;
  role?: string;
  uid?: string;
}

async function tokenFor(
  user: UserRow,
  claims: Claims = {},
  opts: { secret?: string; salt?: string; maxAge?: number } = {},
) {
  const at = Date.now() - 30_000;
  return encodeSessionToken({
    token: {
      sub: user.id,
      uid: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      sv: user.sessionVersion,
      signedInAt: at,
      lastSeenAt: at,
      ...claims,
    },
    secret: opts.secret ?? getAuthSecret(),
    salt: opts.salt ?? NAME,
    maxAge: opts.maxAge,
  });
}

/** The cookies a browser holds after signing in: Auth.js' CSRF cookie and callback URL too. */
function browserCookies(secure = false): string {
  const t = "a".repeat(64);
  const csrf = `${t}%7C${createHash("sha256").update(`${t}${getAuthSecret()}`).digest("hex")}`;
  const origin = secure ? "https%3A%2F%2Flocalhost%3A3000" : "http%3A%2F%2Flocalhost%3A3000";
  return secure
    ? `__Host-authjs.csrf-token=${csrf}; __Secure-authjs.callback-url=${origin}`
    : `authjs.csrf-token=${csrf}; authjs.callback-url=${origin}`;
}

const request = (cookie?: string, proto = "http") =>
  new Request(`${ORIGIN}/api/merchants/1/controls`, {
    headers: { host: "localhost:3000", "x-forwarded-proto": proto, ...(cookie ? { cookie } : {}) },
  });

const config = () => buildAuthConfig();

/** Set-Cookie values with the random parts (token, CSRF value) and the expiry taken out. */
const shape = (cookies: string[]) =>
  cookies.map((c) =>
    c.replace(/^([^=]+)=([^;]*)/, (_m, n, v) => `${n}=${v ? "<value>" : ""}`).replace(/Expires=[^;]+/, "Expires=<t>"),
  );

const claimsOf = async (setCookie: string[], name = NAME) => {
  const c = setCookie.find((s) => s.startsWith(`${name}=`));
  const token = c?.slice(name.length + 1).split(";")[0] ?? "";
  return decodeSessionToken<Record<string, unknown>>({ token, secret: getAuthSecret(), salt: name });
};

const withoutVolatile = (claims: Record<string, unknown> | null) => {
  const { iat: _i, exp: _e, jti: _j, lastSeenAt: _l, ...rest } = claims ?? {};
  return rest;
};

/** Both verdicts on one request: the fast path's (or null) and Auth.js'; and getRequestSession's. */
async function compare(make: () => Request) {
  const fast = await fastRequestSession(make(), config());
  const auth = await authRequestSession(make());
  const combined = await getRequestSession(make());
  expect(combined.user).toEqual(auth.user);
  expect(shape(combined.setCookie)).toEqual(shape(auth.setCookie));
  return { fast, auth, combined };
}

/** An accepted session: the fast path took it, and its answer is Auth.js' answer. */
async function expectSameAcceptance(make: () => Request, name = NAME) {
  const started = Date.now();
  const { fast, auth } = await compare(make);
  expect(fast).not.toBeNull();
  expect(auth.user).not.toBeNull();
  expect(fast?.user).toEqual(auth.user);
  expect(shape(fast?.setCookie ?? [])).toEqual(shape(auth.setCookie));
  expect(auth.setCookie).toHaveLength(1);
  const expiresOf = (c: string | undefined) => Date.parse(/Expires=([^;]+)/.exec(c ?? "")?.[1] ?? "");
  expect(Math.abs(expiresOf(fast?.setCookie[0]) - expiresOf(auth.setCookie[0]))).toBeLessThanOrEqual(2000);
  const fastClaims = await claimsOf(fast?.setCookie ?? [], name);
  const authClaims = await claimsOf(auth.setCookie, name);
  expect(withoutVolatile(fastClaims)).toEqual(withoutVolatile(authClaims));
  expect(fastClaims?.lastSeenAt as number).toBeGreaterThanOrEqual(started);
  expect(Math.abs((fastClaims?.exp as number) - (authClaims?.exp as number))).toBeLessThanOrEqual(2);
  return { fast, auth };
}

/** A session Auth.js refuses (or a request it must handle itself): the fast path declined it. */
async function expectDeclined(make: () => Request) {
  const { fast, auth } = await compare(make);
  expect(fast).toBeNull();
  return auth;
}

let seq = 0;
async function newUser(role: "support" | "admin" | "account_manager" = "support") {
  seq++;
  return holder.db!.users.create({ email: `u${seq}@fast.test`, name: `User ${seq}`, role, passwordHash: null });
}

beforeAll(async () => {
  holder.db = await createConsoleDb({ dataDir });
});
afterAll(async () => {
  await holder.db?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.env = savedEnv;
  resetEnvForTests();
});

describe("fastRequestSession equals Auth.js' verdict", () => {
  it("valid: same user, same re-issued cookie (attributes, claims, rolling expiry, fresh lastSeenAt)", async () => {
    const row = await newUser();
    const token = await tokenFor(row);
    const { fast } = await expectSameAcceptance(() => request(`${NAME}=${token}; ${browserCookies()}`));
    expect(fast?.user).toEqual({ id: row.id, email: row.email, name: row.name, role: "support" });
    expect(fast?.setCookie[0]).toMatch(/; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Lax$/);
  });

  it("valid over https: the __Secure- cookie, re-issued with Secure; the plain name is not read there", async () => {
    const row = await newUser();
    const secureName = `__Secure-${NAME}`;
    const token = await tokenFor(row, {}, { salt: secureName });
    const { fast } = await expectSameAcceptance(
      () => request(`${secureName}=${token}; ${browserCookies(true)}`, "https"),
      secureName,
    );
    expect(fast?.setCookie[0]).toMatch(/; HttpOnly; Secure; SameSite=Lax$/);
    const plain = await tokenFor(row);
    const auth = await expectDeclined(() => request(`${NAME}=${plain}; ${browserCookies(true)}`, "https"));
    expect(auth.user).toBeNull();
  });

  it("valid with AUTH_URL set (Auth.js' URL comes from it, not the headers)", async () => {
    process.env.AUTH_URL = ORIGIN;
    resetEnvForTests();
    try {
      const row = await newUser();
      const token = await tokenFor(row);
      await expectSameAcceptance(() => request(`${NAME}=${token}; ${browserCookies()}`, "https"));
    } finally {
      delete process.env.AUTH_URL;
      resetEnvForTests();
    }
  });

  it("changed role: applies on the next request, on both paths", async () => {
    const row = await newUser("admin");
    const token = await tokenFor(row);
    await holder.db!.users.setRole(row.id, "account_manager");
    const { fast } = await expectSameAcceptance(() => request(`${NAME}=${token}; ${browserCookies()}`));
    expect(fast?.user.role).toBe("account_manager");
  });

  it("expired: past SESSION_MAX_HOURS, or past the token's exp", async () => {
    const row = await newUser();
    const old = await tokenFor(row, { signedInAt: Date.now() - 13 * 3_600_000, lastSeenAt: Date.now() - 1000 });
    expect((await expectDeclined(() => request(`${NAME}=${old}; ${browserCookies()}`))).user).toBeNull();
    const lapsed = await tokenFor(row, {}, { maxAge: -60 });
    expect((await expectDeclined(() => request(`${NAME}=${lapsed}; ${browserCookies()}`))).user).toBeNull();
  });

  it("idle: last seen longer ago than SESSION_IDLE_MINUTES", async () => {
    const row = await newUser();
    const idle = await tokenFor(row, { lastSeenAt: Date.now() - 31 * 60_000 });
    const auth = await expectDeclined(() => request(`${NAME}=${idle}; ${browserCookies()}`));
    expect(auth.user).toBeNull();
    expect(auth.setCookie).toContain(`${NAME}=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax`);
  });

  it("tampered, wrong secret, wrong salt, garbage", async () => {
    const row = await newUser("admin");
    const token = await tokenFor(row);
    const tampered = `${token.slice(0, -6)}${token.slice(-6).split("").reverse().join("")}`;
    const flipped = token.replace(/\.([A-Za-z0-9_-])/, (_m, c: string) => `.${c === "A" ? "B" : "A"}`);
    const wrongSecret = await tokenFor(row, {}, { secret: "not-the-secret-0123456789abcdefghij" });
    const wrongSalt = await tokenFor(row, {}, { salt: `__Secure-${NAME}` });
    for (const bad of [tampered, flipped, wrongSecret, wrongSalt, "abc", "a.b.c.d.e", `${token}x`]) {
      expect((await expectDeclined(() => request(`${NAME}=${bad}; ${browserCookies()}`))).user).toBeNull();
    }
  });

  it("disabled user, bumped session_version (sign-out everywhere), deleted claims", async () => {
    const a = await newUser();
    const tokenA = await tokenFor(a);
    await holder.db!.users.setDisabled(a.id, true);
    expect((await expectDeclined(() => request(`${NAME}=${tokenA}; ${browserCookies()}`))).user).toBeNull();

    const b = await newUser();
    const tokenB = await tokenFor(b);
    await expectSameAcceptance(() => request(`${NAME}=${tokenB}; ${browserCookies()}`));
    await holder.db!.users.endSessions(b.id);
    expect((await expectDeclined(() => request(`${NAME}=${tokenB}; ${browserCookies()}`))).user).toBeNull();

    const noUid = await tokenFor(b, { uid: undefined });
    expect((await expectDeclined(() => request(`${NAME}=${noUid}; ${browserCookies()}`))).user).toBeNull();
  });

  it("chunked cookie: left to Auth.js, which joins the chunks and accepts it", async () => {
    const row = await newUser();
    const token = await tokenFor(row);
    const half = Math.floor(token.length / 2);
    const chunked = `${NAME}.0=${token.slice(0, half)}; ${NAME}.1=${token.slice(half)}`;
    const auth = await expectDeclined(() => request(`${chunked}; ${browserCookies()}`));
    expect(auth.user?.id).toBe(row.id);
    // A whole cookie next to a stray chunk: Auth.js joins them (and refuses); the fast path stays out.
    const mixed = `${NAME}=${token}; ${NAME}.1=${token.slice(half)}`;
    expect((await expectDeclined(() => request(`${mixed}; ${browserCookies()}`))).user).toBeNull();
  });

  it("missing cookie, empty cookie, anonymous: Auth.js answers (no user)", async () => {
    expect((await expectDeclined(() => request())).user).toBeNull();
    expect((await expectDeclined(() => request(browserCookies()))).user).toBeNull();
    expect((await expectDeclined(() => request(`${NAME}=; ${browserCookies()}`))).user).toBeNull();
  });

  it("without a valid CSRF or callback-URL cookie: Auth.js answers, issuing them with the session", async () => {
    const row = await newUser();
    const token = await tokenFor(row);
    const noExtras = await expectDeclined(() => request(`${NAME}=${token}`));
    expect(noExtras.user?.id).toBe(row.id);
    expect(noExtras.setCookie.map((c) => c.split("=")[0])).toEqual(["authjs.csrf-token", "authjs.callback-url", NAME]);
    const badCsrf = browserCookies().replace(/%7C[0-9a-f]{4}/, "%7C0000");
    expect((await expectDeclined(() => request(`${NAME}=${token}; ${badCsrf}`))).user?.id).toBe(row.id);
    const otherOrigin = browserCookies().replace("localhost%3A3000", "evil.test");
    expect((await expectDeclined(() => request(`${NAME}=${token}; ${otherOrigin}`))).user?.id).toBe(row.id);
  });

  it("unusual headers: duplicate session cookies, quoted values, odd pairs — left to Auth.js", async () => {
    const row = await newUser();
    const token = await tokenFor(row);
    const other = await tokenFor(await newUser("admin"));
    await expectDeclined(() => request(`${NAME}=${token}; ${NAME}=${other}; ${browserCookies()}`));
    await expectDeclined(() => request(`${NAME}="${token}"; ${browserCookies()}`));
    await expectDeclined(() => request(`junk; ${NAME}=${token}; ${browserCookies()}`));
    await expectDeclined(() => request(`${NAME}=${token}; ${browserCookies()}`, "ftp"));
  });
});
