import type { Kysely } from "kysely";
import { describe, expect, it } from "vitest";
import { INTENT_HEARTBEAT_MS, INTENT_IN_FLIGHT_TIMEOUT_MS, intentsRepo, isRetryableStatus } from "./repos/intents";
import type { Database } from "./schema";
import { BACKENDS, withTestDatabase } from "./test-backends";
import type { ConsoleDb } from "./types";

const req = {
  key: "5f0c6d7e-0000-4000-8000-000000000001",
  userId: "u1",
  route: "PUT /api/merchants/:id/status",
  bodyHash: "h1",
};

describe.each(BACKENDS)("idempotency intents on $name", (backend) => {
  let db: ConsoleDb;
  const t = withTestDatabase(backend, async (created) => {
    db = await created.open();
  });

  it("new → in_flight → replay after a final outcome", async () => {
    expect(await db.intents.begin(req)).toEqual({ state: "new" });
    expect(await db.intents.begin(req)).toEqual({ state: "in_flight" });
    await db.intents.complete(req.key, req.userId, {
      httpStatus: 200,
      body: { data: { ok: true } },
      operationId: "op-1",
    });
    expect(await db.intents.begin(req)).toEqual({
      state: "replay",
      httpStatus: 200,
      body: { data: { ok: true } },
      operationId: "op-1",
    });
  });

  it("keeps 4xx answers for replay", async () => {
    await db.intents.begin(req);
    await db.intents.complete(req.key, req.userId, { httpStatus: 422, body: { error: "bad" } });
    expect(await db.intents.begin(req)).toEqual({
      state: "replay",
      httpStatus: 422,
      body: { error: "bad" },
      operationId: null,
    });
  });

  it("refuses the same key with another body or route (conflict), in flight or done", async () => {
    await db.intents.begin(req);
    expect(await db.intents.begin({ ...req, bodyHash: "h2" })).toEqual({ state: "conflict" });
    expect(await db.intents.begin({ ...req, route: "POST /api/other" })).toEqual({ state: "conflict" });
    await db.intents.complete(req.key, req.userId, { httpStatus: 200, body: null });
    expect(await db.intents.begin({ ...req, bodyHash: "h2" })).toEqual({ state: "conflict" });
  });

  it("scopes keys per user", async () => {
    expect(await db.intents.begin(req)).toEqual({ state: "new" });
    expect(await db.intents.begin({ ...req, userId: "u2", bodyHash: "other" })).toEqual({ state: "new" });
  });

  it("releases the key on a retryable outcome (429, 5xx, network) and on release()", async () => {
    for (const httpStatus of [429, 500, 503, 0]) {
      expect(await db.intents.begin(req)).toEqual({ state: "new" });
      await db.intents.complete(req.key, req.userId, { httpStatus, body: null });
    }
    expect(await db.intents.begin(req)).toEqual({ state: "new" });
    await db.intents.release(req.key, req.userId);
    expect(await db.intents.begin(req)).toEqual({ state: "new" });
    expect(isRetryableStatus(201)).toBe(false);
    expect(isRetryableStatus(404)).toBe(false);
  });

  it("keeps even a retryable answer with keepUnknown (calls the upstream cannot deduplicate)", async () => {
    await db.intents.begin(req);
    const body = { error: { code: "upstream_unknown" } };
    await db.intents.complete(req.key, req.userId, { httpStatus: 502, body }, { keepUnknown: true });
    expect(await db.intents.begin(req)).toEqual({ state: "replay", httpStatus: 502, body, operationId: null });
  });

  it("gives exactly one 'new' to concurrent begins, on one instance and across two", async () => {
    const other = await t.open();
    for (let round = 0; round < 5; round++) {
      const key = `5f0c6d7e-0000-4000-8000-00000000010${round}`;
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => (i % 2 ? other : db).intents.begin({ ...req, key })),
      );
      expect(results.filter((r) => r.state === "new")).toHaveLength(1);
      expect(results.filter((r) => r.state === "in_flight")).toHaveLength(11);
    }
  });

  it("expires keys after their retention, and lets an abandoned reservation be taken over once", async () => {
    const k = db.kysely as Kysely<Database>;
    await db.intents.begin(req);
    await db.intents.complete(req.key, req.userId, { httpStatus: 200, body: "first" });
    await k
      .updateTable("idempotency_intents")
      .set({ expires_at: Date.now() - 1 })
      .execute();
    expect(await db.intents.begin({ ...req, bodyHash: "new-body" })).toEqual({ state: "new" });

    await k
      .updateTable("idempotency_intents")
      .set({ in_flight_until: Date.now() - 1 })
      .execute();
    const other = await t.open();
    const takers = await Promise.all(
      [db, other, db, other].map((d) => d.intents.begin({ ...req, bodyHash: "new-body" })),
    );
    expect(takers.filter((r) => r.state === "taken_over")).toHaveLength(1);
    expect(takers.filter((r) => r.state === "in_flight")).toHaveLength(3);
    // A different body still conflicts with an abandoned reservation.
    await k
      .updateTable("idempotency_intents")
      .set({ in_flight_until: Date.now() - 1 })
      .execute();
    expect(await db.intents.begin(req)).toEqual({ state: "conflict" });
  });

  it("a running write's heartbeat keeps its reservation; an unrenewed one is abandoned in seconds", async () => {
    const k = db.kysely as Kysely<Database>;
    expect(INTENT_IN_FLIGHT_TIMEOUT_MS).toBeLessThanOrEqual(20_000);
    expect(INTENT_HEARTBEAT_MS * 2).toBeLessThan(INTENT_IN_FLIGHT_TIMEOUT_MS);
    await db.intents.begin(req);
    await k
      .updateTable("idempotency_intents")
      .set({ in_flight_until: Date.now() + 50 })
      .execute();
    expect(await db.intents.renew(req.key, req.userId)).toBe(true);
    await new Promise((r) => setTimeout(r, 80));
    // Renewed: still running, not abandoned.
    expect(await db.intents.begin(req)).toEqual({ state: "in_flight" });
    await k
      .updateTable("idempotency_intents")
      .set({ in_flight_until: Date.now() - 1 })
      .execute();
    expect(await db.intents.begin(req)).toEqual({ state: "taken_over" });
    await db.intents.complete(req.key, req.userId, { httpStatus: 200, body: "done" });
    // A finished intent has nothing to renew.
    expect(await db.intents.renew(req.key, req.userId)).toBe(false);
  });

  it("purges expired intents", async () => {
    const repo = intentsRepo(db.kysely as Kysely<Database>, { ttlMs: -1 });
    await repo.begin(req);
    await repo.begin({ ...req, key: "other" });
    expect(await repo.purgeExpired()).toBe(2);
  });
});
