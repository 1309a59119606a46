import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BACKENDS, withTestDatabase } from "@/server/db/test-backends";
import type { ConsoleDb } from "@/server/db/types";
import { allAccounts, key, openSandbox, registerBody, type SandboxRig } from "@/server/partnerships/test-sandbox";
import type { PartnershipsClient } from "@/server/partnerships/types";
import { ensureMerchantIndex, startSync, syncInfo } from "./index";
import { isSyncRunning, runFullSync, SYNC_LEASE } from "./sync";

const ghost = {
  account_id: "9999999999999999",
  external_account_id: "ghost",
  brand: "Ghost Shop",
  country_code: "US",
  store_identifier: "https://ghost.example.com",
  vertical_id: 1500,
  sub_vertical_id: 1610,
  status: "active" as const,
  created_at: "2025-01-01T00:00:00.000Z",
  updated_at: "2025-01-01T00:00:00.000Z",
};

describe.each(BACKENDS)("merchant index sync on $name, against the in-process sandbox", (backend) => {
  let db: ConsoleDb;
  let rig: SandboxRig;
  const t = withTestDatabase(backend, async (created) => {
    db = await created.open();
  });
  beforeEach(() => {
    rig = openSandbox();
  });
  afterEach(() => {
    rig?.close();
  });

  it("pages through every account, then merges updates and removes what is no longer listed", async () => {
    const pages: number[] = [];
    const first = await runFullSync(db, rig.client, { pageLimit: 7, onPage: ({ seen }) => void pages.push(seen) });
    expect(first).toMatchObject({ ran: true, seen: 20, added: 20, changed: 0, removed: 0, pages: 3 });
    expect(pages).toEqual([7, 14, 20]);
    const listed = await allAccounts(rig.client);
    const indexed = await db.merchants.search({ sort: "created", dir: "asc", limit: 100 });
    expect(indexed.total).toBe(20);
    expect(indexed.rows.map((r) => r.accountId)).toEqual(listed.map((a) => a.account_id));
    expect(indexed.rows[0]).toEqual({
      accountId: listed[0]!.account_id,
      externalAccountId: listed[0]!.external_account_id,
      brand: listed[0]!.brand,
      countryCode: listed[0]!.country_code,
      storeIdentifier: listed[0]!.store_identifier,
      verticalId: listed[0]!.vertical_id,
      subVerticalId: listed[0]!.sub_vertical_id,
      status: listed[0]!.status,
      createdAt: listed[0]!.created_at,
      updatedAt: listed[0]!.updated_at,
    });

    // Upstream changes: a status flips, a merchant is registered; the index has one the API no longer lists.
    const target = listed[3]!;
    const flipped = target.status === "active" ? "paused" : "active";
    await rig.client.putStatus(target.account_id, { status: flipped }, { idempotencyKey: key() });
    const fresh = await rig.client.register(registerBody({ brand: "Quillfeather Books" }), { idempotencyKey: key() });
    await db.merchants.applySyncPage([ghost], new Date(0).toISOString());
    expect(await db.merchants.get(ghost.account_id)).toBeDefined();

    const second = await runFullSync(db, rig.client, { pageLimit: 7 });
    expect(second).toMatchObject({ ran: true, seen: 21, added: 1, changed: 1, removed: 1, pages: 3 });
    expect((await db.merchants.get(target.account_id))?.status).toBe(flipped);
    expect(await db.merchants.get(ghost.account_id)).toBeUndefined();
    expect((await db.merchants.search({ q: "quillf" })).rows.map((r) => r.accountId)).toEqual([fresh.data.account_id]);
    const state = await db.merchants.syncState();
    expect(state).toMatchObject({ seen: 21, added: 1, changed: 1, removed: 1, error: null });
    expect(syncInfo(state)).toMatchObject({ running: false, lastError: null, count: 21 });
    expect(state.okAt).not.toBeNull();
  });

  it("runs one sync at a time across instances (a lease)", async () => {
    const other = await t.open();
    expect(await other.leases.acquire(SYNC_LEASE, "another-instance", 60_000)).toBe(true);
    expect(await runFullSync(db, rig.client)).toEqual({ ran: false, reason: "busy" });
    expect(await db.merchants.count()).toBe(0);
    await other.leases.release(SYNC_LEASE, "another-instance");
    expect(await runFullSync(db, rig.client)).toMatchObject({ ran: true, added: 20 });
    // In one process, a second start joins the running sync.
    const a = startSync(db, async () => rig.client);
    const b = startSync(db, async () => rig.client);
    expect(a).toBe(b);
    expect(await a).toMatchObject({ ran: true, added: 0, changed: 0, removed: 0 });
  });

  it("a sync that fails part-way records the error and removes nothing", async () => {
    await db.merchants.applySyncPage([ghost], new Date(0).toISOString());
    let calls = 0;
    const failing: PartnershipsClient = {
      ...rig.client,
      parentAccountId: rig.client.parentAccountId,
      listAccounts: async (q, o) => {
        calls += 1;
        if (calls === 2) await rig.admin.setFaults({ error_rate: 1 });
        try {
          return await rig.client.listAccounts(q, o);
        } finally {
          await rig.admin.setFaults({ error_rate: 0 });
        }
      },
    };
    await expect(runFullSync(db, failing, { pageLimit: 5 })).rejects.toThrow();
    const state = await db.merchants.syncState();
    expect(state.okAt).toBeNull();
    expect(state.error).toMatch(/\S/);
    expect(state.error).not.toMatch(/sandbox\.internal|rsec_|Bearer/);
    expect(syncInfo(state)).toMatchObject({ lastSyncedAt: null, running: false, lastError: state.error });
    expect(await db.merchants.get(ghost.account_id)).toBeDefined();
    expect(await db.merchants.count()).toBe(6); // the ghost and the first page
    // The lease was released: the next sync runs and completes.
    expect(await runFullSync(db, rig.client)).toMatchObject({ ran: true, removed: 1 });
  });

  it("first use waits for a sync; a stale index refreshes in the background", async () => {
    const getClient = async () => rig.client;
    const state = await ensureMerchantIndex(db, getClient, { waitMs: 10_000 });
    expect(state.okAt).not.toBeNull();
    expect(await db.merchants.count()).toBe(20);
    // Fresh: nothing starts.
    const again = await ensureMerchantIndex(db, getClient, { maxAgeMs: 60_000 });
    expect(again.okAt).toBe(state.okAt);
    await new Promise((r) => setTimeout(r, 5));
    // Stale: answers at once with the old state and syncs in the background.
    const stale = await ensureMerchantIndex(db, getClient, { maxAgeMs: 1 });
    expect(stale.okAt).toBe(state.okAt);
    await startSync(db, getClient); // joins the background sync
    const after = await db.merchants.syncState();
    expect(after.okAt! > state.okAt!).toBe(true);
    expect(isSyncRunning(after)).toBe(false);
  });
});
