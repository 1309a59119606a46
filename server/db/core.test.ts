import { describe, expect, it } from "vitest";
import { migrationProvider } from "./migrations";
import { BACKENDS, withTestDatabase } from "./test-backends";
import type { ConsoleDb } from "./types";

describe.each(BACKENDS)("console db core on $name", (backend) => {
  let db: ConsoleDb;
  const t = withTestDatabase(backend, async (created) => {
    db = await created.open();
  });

  it("reports its dialect and answers ping", async () => {
    expect(db.dialect).toBe(backend.name);
    expect(await db.ping()).toBe(true);
  });

  it("migrates idempotently: reopening keeps the data and runs nothing twice", async () => {
    await db.users.create({ email: "a@example.com", name: "A", role: "admin", passwordHash: null });
    await db.close();
    expect(await db.ping()).toBe(false);
    const again = await t.open();
    const third = await t.open();
    expect((await again.users.list()).map((u) => u.email)).toEqual(["a@example.com"]);
    const migrations = await again.kysely
      .selectFrom("kysely_migration")
      .select("name")
      .execute()
      .catch(() => undefined);
    // Migration table is present in this database (or schema) and lists each migration once.
    const names = Object.keys(await migrationProvider(again.dialect).getMigrations()).sort();
    expect(names[0]).toBe("0001_initial");
    expect(migrations?.map((m: { name: string }) => m.name)).toEqual(names);
    expect(await third.ping()).toBe(true);
  });

  it("survives several instances opening and migrating a fresh database at once", async () => {
    const fresh = await backend.create();
    try {
      const dbs = await Promise.all([fresh.open(), fresh.open(), fresh.open(), fresh.open()]);
      await dbs[0]!.users.create({ email: "race@example.com", name: "R", role: "support", passwordHash: null });
      for (const d of dbs) expect((await d.users.findByEmail("race@example.com"))?.name).toBe("R");
    } finally {
      await fresh.cleanup();
    }
  });

  it("users: create lowercases emails, refuses duplicates, finds by email and id", async () => {
    const u = await db.users.create({ email: "  Jane@Example.COM ", name: "Jane", role: "support", passwordHash: "h" });
    expect(u).toMatchObject({ email: "jane@example.com", role: "support", disabled: false, sessionVersion: 1 });
    expect(u.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    await expect(
      db.users.create({ email: "JANE@example.com", name: "J2", role: "admin", passwordHash: null }),
    ).rejects.toThrow(/already exists/);
    expect((await db.users.findByEmail("JANE@EXAMPLE.com"))?.id).toBe(u.id);
    expect((await db.users.findById(u.id))?.passwordHash).toBe("h");
    expect(await db.users.findById("nope")).toBeUndefined();
    expect(await db.users.findByEmail("nobody@example.com")).toBeUndefined();
  });

  it("users: setDisabled bumps sessionVersion, setRole does not; setPasswordHash stores the hash", async () => {
    const u = await db.users.create({ email: "x@example.com", name: "X", role: "support", passwordHash: null });
    const promoted = await db.users.setRole(u.id, "account_manager");
    expect(promoted).toMatchObject({ role: "account_manager", sessionVersion: 1 });
    const disabled = await db.users.setDisabled(u.id, true);
    expect(disabled).toMatchObject({ disabled: true, sessionVersion: 2 });
    expect((await db.users.setDisabled(u.id, false))?.disabled).toBe(false);
    expect(await db.users.setRole("missing", "admin")).toBeUndefined();
    await db.users.setPasswordHash(u.id, "$2b$hash");
    expect((await db.users.findById(u.id))?.passwordHash).toBe("$2b$hash");
    await expect(db.users.setRole(u.id, "root" as never)).rejects.toThrow(/unknown role/);
  });

  it("users: upsertFromProvider creates, then updates name and role (bumping sessionVersion only on a role change)", async () => {
    const a = await db.users.upsertFromProvider({ email: "Sso@Example.com", name: "Sso", role: "support" });
    expect(a).toMatchObject({ email: "sso@example.com", role: "support", sessionVersion: 1, passwordHash: null });
    const b = await db.users.upsertFromProvider({ email: "sso@example.com", name: "Sso Renamed", role: "support" });
    expect(b).toMatchObject({ id: a.id, name: "Sso Renamed", sessionVersion: 1 });
    const c = await db.users.upsertFromProvider({ email: "sso@example.com", name: "Sso Renamed", role: "admin" });
    expect(c).toMatchObject({ id: a.id, role: "admin", sessionVersion: 2 });
    await db.users.setDisabled(a.id, true);
    const d = await db.users.upsertFromProvider({ email: "sso@example.com", name: "Sso", role: "admin" });
    expect(d.disabled).toBe(true); // signing in through the provider does not re-enable a disabled user
    expect((await db.users.list()).length).toBe(1);
  });
});
