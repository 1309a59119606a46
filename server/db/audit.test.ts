import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { BACKENDS, withTestDatabase } from "./test-backends";
import type { AuditEntryInput, ConsoleDb } from "./types";

const base: AuditEntryInput = {
  userId: "u1",
  userEmail: "Admin@Demo.test",
  role: "admin",
  action: "merchant.controls.update",
  outcome: "success",
};

describe.each(BACKENDS)("audit log on $name", (backend) => {
  let db: ConsoleDb;
  withTestDatabase(backend, async (created) => {
    db = await created.open();
  });

  it("appends every field and reads it back", async () => {
    const e = await db.audit.append({
      ...base,
      merchantId: "1234567890123456",
      request: { method: "PUT", path: "/api/x", body: { a: 1 } },
      before: { status: "active" },
      after: { status: "paused" },
      httpStatus: 200,
      message: "ok",
      upstreamRequestId: "req-1",
      operationId: "op-1",
      idempotencyKey: "key-1",
      ip: "127.0.0.1",
      userAgent: "vitest",
    });
    expect(e.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const { entries } = await db.audit.list();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toEqual(e);
    expect(entries[0]).toMatchObject({
      userEmail: "admin@demo.test",
      request: { method: "PUT", path: "/api/x", body: { a: 1 } },
      before: { status: "active" },
      after: { status: "paused" },
      operationId: "op-1",
    });
  });

  it("fills absent optional fields with null", async () => {
    const e = await db.audit.append({
      userId: null,
      userEmail: null,
      role: null,
      action: "request.denied.csrf",
      outcome: "denied",
    });
    expect(e).toMatchObject({ merchantId: null, request: null, before: null, after: null, httpStatus: null, ip: null });
    expect((await db.audit.list()).entries[0]).toEqual(e);
  });

  it("refuses UPDATE, DELETE (and TRUNCATE on PostgreSQL) through the database trigger", async () => {
    const e = await db.audit.append(base);
    await expect(
      db.kysely.updateTable("audit_log").set({ action: "forged" }).where("id", "=", e.id).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(db.kysely.deleteFrom("audit_log").where("id", "=", e.id).execute()).rejects.toThrow(/append-only/);
    await expect(db.kysely.deleteFrom("audit_log").execute()).rejects.toThrow(/append-only/);
    if (db.dialect === "postgres") {
      await expect(sql`truncate audit_log`.execute(db.kysely)).rejects.toThrow(/append-only/);
    }
    const { entries } = await db.audit.list();
    expect(entries).toEqual([e]);
  });

  it("has no update or delete in its interface", () => {
    expect(Object.keys(db.audit).sort()).toEqual(["activity", "append", "list"]);
  });

  it("lists newest first and pages with an opaque cursor without gaps or repeats", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) ids.push((await db.audit.append({ ...base, message: `m${i}` })).id);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await db.audit.list({ limit: 7, cursor });
      expect(page.entries.length).toBeLessThanOrEqual(7);
      seen.push(...page.entries.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(4);
    expect(seen).toEqual([...ids].reverse());
    await expect(db.audit.list({ cursor: "not-a-cursor" })).rejects.toThrow(/invalid cursor/);
  });

  it("caps the page size at 200 and defaults to 50", async () => {
    await Promise.all(Array.from({ length: 60 }, (_, i) => db.audit.append({ ...base, message: String(i) })));
    expect((await db.audit.list()).entries).toHaveLength(50);
    expect((await db.audit.list({ limit: 1000 })).entries).toHaveLength(60);
    expect((await db.audit.list({ limit: 0 })).entries).toHaveLength(1);
  });

  it("filters by user email, action prefix, merchant and outcome", async () => {
    await db.audit.append({ ...base, action: "auth.sign_in", userEmail: "a@x.test" });
    await db.audit.append({ ...base, action: "auth.sign_out", userEmail: "a@x.test" });
    await db.audit.append({ ...base, action: "merchant.status.update", merchantId: "m1", outcome: "failure" });
    await db.audit.append({ ...base, action: "request.denied.csrf", outcome: "denied", userEmail: null });
    await db.audit.append({ ...base, action: "auth_x%", userEmail: "b@x.test" });

    const actions = async (q: Parameters<ConsoleDb["audit"]["list"]>[0]) =>
      (await db.audit.list(q)).entries.map((e) => e.action).sort();
    expect(await actions({ userEmail: "A@X.TEST" })).toEqual(["auth.sign_in", "auth.sign_out"]);
    expect(await actions({ action: "auth." })).toEqual(["auth.sign_in", "auth.sign_out"]);
    expect(await actions({ action: "auth_" })).toEqual(["auth_x%"]); // no LIKE wildcards
    expect(await actions({ action: "AUTH." })).toEqual([]); // case-sensitive on both dialects
    expect(await actions({ merchantId: "m1" })).toEqual(["merchant.status.update"]);
    expect(await actions({ outcome: "denied" })).toEqual(["request.denied.csrf"]);
    expect(await actions({ userEmail: "a@x.test", action: "auth.sign_o" })).toEqual(["auth.sign_out"]);
  });

  it("pages correctly while filtered", async () => {
    for (let i = 0; i < 9; i++)
      await db.audit.append({ ...base, merchantId: i % 2 ? "odd" : "even", message: String(i) });
    const first = await db.audit.list({ merchantId: "even", limit: 3 });
    expect(first.entries.map((e) => e.message)).toEqual(["8", "6", "4"]);
    const second = await db.audit.list({ merchantId: "even", limit: 3, cursor: first.nextCursor ?? undefined });
    expect(second.entries.map((e) => e.message)).toEqual(["2", "0"]);
    expect(second.nextCursor).toBeNull();
  });
});
