import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ConsoleDb } from "@/server/db/types";
import { resetEnvForTests } from "@/server/env";

// The API layer's session read (getRequestSession): the real Auth.js session path with the real
// config, on a temp SQLite database. A disable or role change must end the session on the very
// next API request, and every answer carries the re-issued (or cleared) cookie.
const holder: { db?: ConsoleDb } = {};
vi.mock("@/server/db", () => ({ getConsoleDb: async () => holder.db! }));

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "request-session-"));
const savedEnv = { ...process.env };
for (const key of Object.keys(process.env)) {
  if (/^(OIDC_|AUTH_|NEXTAUTH_|SESSION_|DEMO_|PARTNERSHIPS_|SANDBOX_URL|DATABASE_URL)/.test(key))
    delete process.env[key];
}
Object.assign(process.env, { DATA_DIR: dataDir, DEMO_PASSWORD: "demo-password" });
resetEnvForTests();

const { createConsoleDb } = await import("@/server/db/open");
const { getRequestSession } = await import("./index");
const { encodeSessionToken, decodeSessionToken } = await import("./session-jwt");
const { getAuthSecret } = await import("./secret");

const COOKIE = "authjs.session-token";

async function cookieFor(user: { id: string; email: string; role: string; sessionVersion: number }, at = Date.now()) {
  const token = await encodeSessionToken({
    token: {
      sub: user.id,
      uid: user.id,
      email: user.email,
      role: user.role,
      sv: user.sessionVersion,
      signedInAt: at,
      lastSeenAt: at,
    },
    secret: getAuthSecret(),
    salt: COOKIE,
  });
  return `${COOKIE}=${token}`;
}

const request = (cookie?: string) =>
  new Request("http://localhost:3000/api/merchants", {
    // As Next's server passes them to a route handler.
    headers: { host: "localhost:3000", "x-forwarded-proto": "http", ...(cookie ? { cookie } : {}) },
  });

beforeAll(async () => {
  holder.db = await createConsoleDb({ dataDir });
});
afterAll(async () => {
  await holder.db?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.env = savedEnv;
  resetEnvForTests();
});

describe("getRequestSession (the API layer's one session read)", () => {
  it("returns the user and re-issues the cookie with a fresh lastSeenAt", async () => {
    const db = holder.db!;
    const row = await db.users.create({ email: "one@api.test", name: "One", role: "support", passwordHash: null });
    const seen = Date.now() - 60_000;
    const session = await getRequestSession(request(await cookieFor(row, seen)));
    expect(session.user).toEqual({ id: row.id, email: "one@api.test", name: "One", role: "support" });
    const issued = session.setCookie.find((c) => c.startsWith(`${COOKIE}=`));
    expect(issued).toMatch(/HttpOnly/i);
    const token = issued!.slice(COOKIE.length + 1).split(";")[0]!;
    const claims = await decodeSessionToken({ token, secret: getAuthSecret(), salt: COOKIE });
    expect(claims?.lastSeenAt as number).toBeGreaterThan(seen);
  });

  it("answers no user and no cookie to an anonymous request", async () => {
    const session = await getRequestSession(request());
    expect(session.user).toBeNull();
    expect(
      session.setCookie.filter((c) => c.startsWith(`${COOKIE}=`) && !/Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c)),
    ).toEqual([]);
  });

  it("applies a role change on the next request without ending the session; a disable ends it and clears the cookie", async () => {
    const db = holder.db!;
    const row = await db.users.create({ email: "two@api.test", name: "Two", role: "admin", passwordHash: null });
    const cookie = await cookieFor(row);
    expect((await getRequestSession(request(cookie))).user?.role).toBe("admin");

    await db.users.setRole(row.id, "support");
    const afterRole = await getRequestSession(request(cookie));
    expect(afterRole.user?.role).toBe("support");

    await db.users.setDisabled(row.id, true);
    const afterDisable = await getRequestSession(request(cookie));
    expect(afterDisable.user).toBeNull();
    expect(afterDisable.setCookie.some((c) => c.startsWith(`${COOKIE}=;`) || /Max-Age=0/i.test(c))).toBe(true);
  });

  it("leaves the request's body to the route (a write still reads it afterwards)", async () => {
    const db = holder.db!;
    const row = await db.users.create({ email: "four@api.test", name: "Four", role: "support", passwordHash: null });
    process.env.AUTH_URL = "http://localhost:3000";
    resetEnvForTests();
    try {
      const put = new Request("http://localhost:3000/api/merchants/1/status", {
        method: "PUT",
        headers: { host: "localhost:3000", "x-forwarded-proto": "http", cookie: await cookieFor(row) },
        body: JSON.stringify({ status: "paused" }),
      });
      expect((await getRequestSession(put)).user?.id).toBe(row.id);
      expect(await put.json()).toEqual({ status: "paused" });
    } finally {
      delete process.env.AUTH_URL;
      resetEnvForTests();
    }
  });

  it("refuses a forged or tampered cookie", async () => {
    const db = holder.db!;
    const row = await db.users.create({ email: "three@api.test", name: "Three", role: "admin", passwordHash: null });
    const cookie = await cookieFor(row);
    const tampered = `${cookie.slice(0, -6)}${cookie.slice(-6).split("").reverse().join("")}`;
    expect((await getRequestSession(request(tampered))).user).toBeNull();
    const forged = `${COOKIE}=${await encodeSessionToken({ token: { uid: row.id, role: "admin", sv: row.sessionVersion, signedInAt: Date.now(), lastSeenAt: Date.now() }, secret: "not-the-secret-0123456789abcdefgh", salt: COOKIE })}`;
    expect((await getRequestSession(request(forged))).user).toBeNull();
  });

  it("ends a session idle past SESSION_IDLE_MINUTES, and one older than SESSION_MAX_HOURS however busy", async () => {
    process.env.SESSION_IDLE_MINUTES = "2";
    process.env.SESSION_MAX_HOURS = "1";
    resetEnvForTests();
    try {
      const db = holder.db!;
      const row = await db.users.create({ email: "five@api.test", name: "Five", role: "support", passwordHash: null });
      const now = Date.now();
      const active = await cookieFor(row, now - 60_000);
      expect((await getRequestSession(request(active))).user?.id).toBe(row.id);
      const idle = await cookieFor(row, now - 3 * 60_000);
      expect((await getRequestSession(request(idle))).user).toBeNull();
      // Seen a second ago, but signed in more than an hour ago: the absolute lifetime ends it.
      const busy = `${COOKIE}=${await encodeSessionToken({
        token: {
          sub: row.id,
          uid: row.id,
          email: row.email,
          role: row.role,
          sv: row.sessionVersion,
          signedInAt: now - 61 * 60_000,
          lastSeenAt: now - 1_000,
        },
        secret: getAuthSecret(),
        salt: COOKIE,
      })}`;
      expect((await getRequestSession(request(busy))).user).toBeNull();
    } finally {
      delete process.env.SESSION_IDLE_MINUTES;
      delete process.env.SESSION_MAX_HOURS;
      resetEnvForTests();
    }
  });

  it("sign-out ends every cookie issued before it (endSessions), a copied one too", async () => {
    const db = holder.db!;
    const row = await db.users.create({ email: "six@api.test", name: "Six", role: "admin", passwordHash: null });
    const cookie = await cookieFor(row);
    expect((await getRequestSession(request(cookie))).user?.id).toBe(row.id);
    await db.users.endSessions(row.id);
    expect((await getRequestSession(request(cookie))).user).toBeNull();
    expect((await getRequestSession(request(await cookieFor((await db.users.findById(row.id))!)))).user?.id).toBe(
      row.id,
    );
  });
});
