import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrationProvider } from "@/server/db/migrations";
import { hashInviteToken } from "@/server/settings/invites";
import { createHarness, type Harness } from "../test-harness";

/** Settings → Users through the real route layer: last-admin rule, sessions, audit, invites. */
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ seedMerchants: 2 });
});
afterAll(async () => {
  await h.close();
});

const audit = async (action: string) => (await h.db.audit.list({ action })).entries;
const tokenOf = (link: string) => new URL(link).pathname.split("/").pop() ?? "";

describe("users: roles, disabling and the last admin", () => {
  it("refuses to demote or disable the only admin (themself included), with a clear 422, and changes nothing", async () => {
    h.as(h.users.admin);
    const before = await h.db.users.findById(h.users.admin.id);
    for (const body of [{ role: "support" }, { role: "account_manager" }, { disabled: true }]) {
      const res = await h.call("PATCH", `/api/users/${h.users.admin.id}`, { body });
      expect(res.status, res.text).toBe(422);
      expect(res.body.error).toMatchObject({ code: "last_admin" });
      expect(res.body.error.message).toMatch(/only enabled admin/);
    }
    expect(await h.db.users.findById(h.users.admin.id)).toMatchObject({
      role: "admin",
      disabled: false,
      sessionVersion: before?.sessionVersion,
    });
    const [refused] = await audit("user.update");
    expect(refused).toMatchObject({ outcome: "failure", httpStatus: 422, before: { role: "admin" } });
  });

  it("changes a role without ending sessions, audited with before and after", async () => {
    h.as(h.users.admin);
    const before = await h.db.users.findById(h.users.support.id);
    const res = await h.call("PATCH", `/api/users/${h.users.support.id}`, { body: { role: "account_manager" } });
    expect(res.status, res.text).toBe(200);
    expect(res.body.data).toMatchObject({ role: "account_manager", disabled: false });
    expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|sessionVersion/);
    const after = await h.db.users.findById(h.users.support.id);
    expect(after?.sessionVersion).toBe(before?.sessionVersion);
    const [entry] = await audit("user.update");
    expect(entry).toMatchObject({
      outcome: "success",
      before: { role: "support", email: "support@api.test" },
      after: { role: "account_manager" },
    });
    await h.call("PATCH", `/api/users/${h.users.support.id}`, { body: { role: "support" } });
  });

  it("disabling bumps the session version (ending the user's sessions at once); enabling again works", async () => {
    h.as(h.users.admin);
    const before = await h.db.users.findById(h.users.account_manager.id);
    const res = await h.call("PATCH", `/api/users/${h.users.account_manager.id}`, { body: { disabled: true } });
    expect(res.status, res.text).toBe(200);
    const after = await h.db.users.findById(h.users.account_manager.id);
    expect(after).toMatchObject({ disabled: true, sessionVersion: (before?.sessionVersion ?? 0) + 1 });
    const [entry] = await audit("user.update");
    expect(entry).toMatchObject({ before: { disabled: false }, after: { disabled: true } });
    const enable = await h.call("PATCH", `/api/users/${h.users.account_manager.id}`, { body: { disabled: false } });
    expect(enable.body.data).toMatchObject({ disabled: false });
  });

  it("lets an admin step down once another enabled admin exists, and then protects that one", async () => {
    const second = await h.db.users.create({
      email: "second@api.test",
      name: "Second",
      role: "admin",
      passwordHash: null,
    });
    await h.db.users.setDisabled(second.id, true);
    h.as(h.users.admin);
    // A disabled admin does not count.
    expect((await h.call("PATCH", `/api/users/${h.users.admin.id}`, { body: { role: "support" } })).status).toBe(422);
    await h.db.users.setDisabled(second.id, false);
    const self = await h.call("PATCH", `/api/users/${h.users.admin.id}`, { body: { role: "account_manager" } });
    expect(self.status, self.text).toBe(200);
    const lastOne = { id: second.id, email: second.email, name: second.name, role: "admin" as const };
    h.as(lastOne);
    const refused = await h.call("PATCH", `/api/users/${second.id}`, { body: { disabled: true } });
    expect(refused.status).toBe(422);
    // Put things back: the harness admin is an admin again.
    expect((await h.call("PATCH", `/api/users/${h.users.admin.id}`, { body: { role: "admin" } })).status).toBe(200);
  });

  it("lists users with last sign-in and sign-in method, never secrets", async () => {
    await h.db.users.recordSignIn(h.users.support.id, "password", "2026-01-02T03:04:05.000Z");
    h.as(h.users.admin);
    const res = await h.call("GET", "/api/users");
    const support = res.body.data.users.find((u: { email: string }) => u.email === "support@api.test");
    expect(support).toMatchObject({ lastSignInAt: "2026-01-02T03:04:05.000Z", signInMethod: "password" });
    expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|sessionVersion|token/i);
  });
});

describe("invites", () => {
  it("creates a 24 h one-time link, storing only the token's hash, and never auditing or replaying the link", async () => {
    h.as(h.users.admin);
    const key = randomUUID();
    const body = { email: " New.Person@API.test ", name: "New Person", role: "account_manager" };
    const res = await h.call("POST", "/api/users/invites", { body, key });
    expect(res.status, res.text).toBe(201);
    const { invite, link } = res.body.data;
    expect(invite).toMatchObject({ email: "new.person@api.test", role: "account_manager" });
    expect(Date.parse(invite.expiresAt) - Date.parse(invite.createdAt)).toBeGreaterThan(24 * 3600_000 - 5_000);
    expect(Date.parse(invite.expiresAt) - Date.parse(invite.createdAt)).toBeLessThanOrEqual(24 * 3600_000);
    const token = tokenOf(link);
    expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);

    const rows = await h.db.kysely.selectFrom("user_invites").selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).toBe(hashInviteToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    const [entry] = await audit("user.invite");
    expect(entry).toMatchObject({ outcome: "success", after: { email: "new.person@api.test" } });
    expect(JSON.stringify(entry)).not.toContain(token);
    const intents = await h.db.kysely.selectFrom("idempotency_intents").selectAll().execute();
    expect(JSON.stringify(intents)).not.toContain(token);

    // The same intent again: the invite, not the link (shown once).
    const replay = await h.call("POST", "/api/users/invites", { body, key });
    expect(replay.status).toBe(201);
    expect(replay.body.data).toMatchObject({ invite: { id: invite.id }, link: null });
    expect(await h.db.kysely.selectFrom("user_invites").selectAll().execute()).toHaveLength(1);
  });

  it("accepts a link once: creates the user with the password hash; a second use is refused", async () => {
    h.as(h.users.admin);
    const res = await h.call("POST", "/api/users/invites", {
      body: { email: "once@api.test", name: "Once", role: "support" },
    });
    const hash = hashInviteToken(tokenOf(res.body.data.link));
    const first = await h.db.invites.accept(hash, "$2b$10$hash");
    expect(first).toMatchObject({
      status: "ok",
      user: { email: "once@api.test", role: "support", passwordHash: "$2b$10$hash" },
    });
    expect(await h.db.invites.accept(hash, "$2b$10$other")).toEqual({ status: "used" });
    expect((await h.db.users.findByEmail("once@api.test"))?.passwordHash).toBe("$2b$10$hash");
    expect(await h.db.invites.accept(hashInviteToken("x".repeat(43)), "h")).toEqual({ status: "unknown" });
    // An open invite is listed; a used one is not.
    const list = await h.call("GET", "/api/users");
    expect(list.body.data.invites.map((i: { email: string }) => i.email)).not.toContain("once@api.test");
  });

  it("refuses an expired link and leaves it unused", async () => {
    h.as(h.users.admin);
    const res = await h.call("POST", "/api/users/invites", {
      body: { email: "late@api.test", name: "Late", role: "support" },
    });
    const hash = hashInviteToken(tokenOf(res.body.data.link));
    const after24h = new Date(Date.parse(res.body.data.invite.expiresAt) + 1).toISOString();
    expect(await h.db.invites.accept(hash, "h", after24h)).toEqual({ status: "expired" });
    expect(await h.db.users.findByEmail("late@api.test")).toBeUndefined();
    expect((await h.db.invites.findByTokenHash(hash))?.usedAt).toBeNull();
  });

  it("refuses an email that already has an account, and validates fields", async () => {
    h.as(h.users.admin);
    const taken = await h.call("POST", "/api/users/invites", {
      body: { email: "support@api.test", name: "Dup", role: "support" },
    });
    expect(taken.status).toBe(422);
    expect(taken.body.error).toMatchObject({ code: "user_exists", fields: { email: expect.any(String) } });
    const bad = await h.call("POST", "/api/users/invites", { body: { email: "nope", name: "", role: "root" } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(["email", "name", "role"]);
  });
});

describe("health", () => {
  it("reports mode, a live upstream read with its latency, token age, database and migration, build", async () => {
    h.as(h.users.admin);
    const res = await h.call("GET", "/api/settings/health");
    expect(res.status, res.text).toBe(200);
    const report = res.body.data;
    expect(report.upstream).toMatchObject({ ok: true, error: null });
    expect(report.upstream.latencyMs).toEqual(expect.any(Number));
    expect(report.token.ageSeconds).toEqual(expect.any(Number));
    const latest = Object.keys(await migrationProvider("sqlite").getMigrations())
      .sort()
      .pop();
    expect(latest && latest >= "0006_settings_users").toBe(true);
    expect(report.database).toMatchObject({ kind: "SQLite", reachable: true, migration: latest });
    expect(report.build.version).toEqual(expect.any(String));
    expect(JSON.stringify(report)).not.toMatch(/rsec_|access_token/);
  });
});
