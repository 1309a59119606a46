import { describe, expect, it } from "vitest";
import { BACKENDS, withTestDatabase } from "./test-backends";
import type { ConsoleDb } from "./types";

/** Migration 0006_settings_users on both engines: guarded role/disable changes, sign-ins, invites. */
describe.each(BACKENDS)("settings users on $name", (backend) => {
  let db: ConsoleDb;
  withTestDatabase(backend, async (created) => {
    db = await created.open();
  });

  it("never leaves the console without an enabled admin; only disabling bumps the session version", async () => {
    const a = await db.users.create({ email: "a@x.test", name: "A", role: "admin", passwordHash: null });
    expect(await db.users.change(a.id, { role: "support" })).toEqual({ status: "last_admin" });
    expect(await db.users.change(a.id, { disabled: true })).toEqual({ status: "last_admin" });
    expect(await db.users.change("missing", { disabled: true })).toEqual({ status: "not_found" });
    const b = await db.users.create({ email: "b@x.test", name: "B", role: "support", passwordHash: null });
    const promoted = await db.users.change(b.id, { role: "admin" });
    expect(promoted).toMatchObject({ status: "ok", user: { role: "admin", sessionVersion: 1 } });
    const demoted = await db.users.change(a.id, { role: "account_manager" });
    expect(demoted).toMatchObject({ status: "ok", user: { role: "account_manager", sessionVersion: 1 } });
    expect(await db.users.change(b.id, { disabled: true })).toEqual({ status: "last_admin" });
    const disabled = await db.users.change(a.id, { disabled: true });
    expect(disabled).toMatchObject({ status: "ok", user: { disabled: true, sessionVersion: 2 } });
  });

  it("records the last sign-in and its method", async () => {
    const u = await db.users.create({ email: "s@x.test", name: "S", role: "support", passwordHash: "h" });
    expect(u).toMatchObject({ lastSignInAt: null, signInMethod: null });
    await db.users.recordSignIn(u.id, "oidc", "2026-12-03T10:00:00.000Z");
    expect(await db.users.findById(u.id)).toMatchObject({
      lastSignInAt: "2026-12-03T10:00:00.000Z",
      signInMethod: "oidc",
      sessionVersion: 1,
    });
  });

  it("accepts an invite once, in one transaction with the new user; refuses expired, unknown and taken", async () => {
    const later = new Date(Date.now() + 3600_000).toISOString();
    const made = await db.invites.create({
      tokenHash: "hash-1",
      email: " New@X.test ",
      name: "New",
      role: "support",
      createdBy: { id: "admin", email: "admin@x.test" },
      expiresAt: later,
    });
    expect(made).toMatchObject({ email: "new@x.test", usedAt: null, createdByEmail: "admin@x.test" });
    expect((await db.invites.listOpen()).map((i) => i.id)).toEqual([made.id]);
    const ok = await db.invites.accept("hash-1", "bcrypt-hash");
    expect(ok).toMatchObject({ status: "ok", user: { email: "new@x.test", passwordHash: "bcrypt-hash" } });
    expect(ok.status === "ok" && ok.invite.userId).toBe(ok.status === "ok" && ok.user.id);
    expect(await db.invites.accept("hash-1", "other")).toEqual({ status: "used" });
    expect(await db.invites.listOpen()).toEqual([]);
    expect(await db.invites.accept("nope", "h")).toEqual({ status: "unknown" });

    await db.invites.create({
      tokenHash: "hash-2",
      email: "new@x.test",
      name: "Again",
      role: "admin",
      createdBy: null,
      expiresAt: later,
    });
    expect(await db.invites.accept("hash-2", "h")).toEqual({ status: "email_taken" });
    // Rolled back: the link is not marked used.
    expect((await db.invites.findByTokenHash("hash-2"))?.usedAt).toBeNull();

    const past = new Date(Date.now() - 1000).toISOString();
    await db.invites.create({
      tokenHash: "hash-3",
      email: "late@x.test",
      name: "Late",
      role: "support",
      createdBy: null,
      expiresAt: past,
    });
    expect(await db.invites.accept("hash-3", "h")).toEqual({ status: "expired" });
    expect(await db.users.findByEmail("late@x.test")).toBeUndefined();
  });
});
