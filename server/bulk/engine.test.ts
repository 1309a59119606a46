import { afterEach, describe, expect, it } from "vitest";
import type { ConsoleDb } from "@/server/db/types";
import type { PartnershipsClient } from "@/server/partnerships/types";
import { createUpstreamLimiter, type PacingConfig } from "@/server/partnerships/upstream-limiter";
import { driveJob } from "./engine";
import { type BulkRig, openBulkRig } from "./test-rig";

const BACKENDS = process.env.SKIP_PG_TESTS === "1" ? (["sqlite"] as const) : (["sqlite", "postgres"] as const);
const OFF: PacingConfig = { enabled: false, windowMs: 60_000, factor: 1, overrides: {}, headroom: 0.95 };

describe.each(BACKENDS)("bulk engine on %s", (backend) => {
  let rig: BulkRig;
  afterEach(async () => {
    await rig?.close();
  });
  const deps = (db: ConsoleDb, client: PartnershipsClient, holder: string, config = OFF) => ({
    db,
    client,
    holder,
    limiter: createUpstreamLimiter(db.kysely, client.parentAccountId, config),
    leaseTtlMs: 400,
    retryBaseMs: 20,
  });
  const sandboxStatus = async (id: string) =>
    ((await rig.admin("GET", `/_sandbox/accounts/${id}`)) as { account: { status: string } }).account.status;
  const livePuts = (suffix: string) => rig.writes.filter((w) => w.path.endsWith(suffix) && !w.dryRun && w.status < 300);

  it("pauses every merchant once, skips the ones already paused, audits each with the job", async () => {
    rig = await openBulkRig({ backend });
    const jobId = await rig.jobOf({ action: "pause", reason: "fraud hold" });
    const alreadyPaused = rig.accounts.filter((a) => a.status === "paused").length;
    expect(await driveJob(deps(rig.db, rig.client, "a"), jobId)).toBe("completed");
    const counts = (await rig.db.bulk.counts([jobId])).get(jobId);
    expect(counts).toMatchObject({ done: rig.accounts.length - alreadyPaused, skipped: alreadyPaused, failed: 0 });
    const row = await rig.db.kysely.selectFrom("bulk_jobs").selectAll().where("id", "=", jobId).executeTakeFirst();
    expect(row).toMatchObject({ status: "completed", done: counts?.done, skipped: counts?.skipped, failed: 0 });
    for (const a of rig.accounts) expect(await sandboxStatus(a.accountId)).toBe("paused");
    expect(livePuts("/status").length).toBe(rig.accounts.length - alreadyPaused);
    const audit = await rig.db.audit.list({ action: "merchant.status.update", limit: 100 });
    expect(audit.entries.length).toBe(rig.accounts.length - alreadyPaused);
    const one = audit.entries[0];
    expect(one?.request).toMatchObject({ bulkJobId: jobId, reason: "fraud hold" });
    expect(one?.before).toEqual({ status: "active" });
    expect(one?.after).toEqual({ status: "paused" });
    expect(one?.operationId).toMatch(/^op_/);
    expect((await rig.db.merchants.get(one?.merchantId ?? ""))?.status).toBe("paused");
  });

  it("a bulk block keeps each merchant's existing blocks, and merges again after a concurrent change", async () => {
    rig = await openBulkRig({ backend, seed: 3 });
    const [a, b] = rig.accounts;
    if (!a || !b) throw new Error("seed");
    const key = () => crypto.randomUUID();
    const existing = {
      name: "Existing",
      blockedVerticals: [{ partnerVerticalId: 1500, partnerSubVerticalId: 1610, policy: "Block" as const }],
      domains: [{ domain: "kept.example.com", policy: "Block" as const }],
    };
    await rig.client.putControls(a.accountId, existing, { idempotencyKey: key() });
    // Someone else changes merchant b between the job's read and its write: the stale hash is refused (409).
    const racing = rig.newClient();
    let raced = false;
    const client: PartnershipsClient = {
      ...rig.client,
      getControls: async (id, o) => {
        const r = await rig.client.getControls(id, o);
        if (id === b.accountId && !raced) {
          raced = true;
          await racing.putControls(
            id,
            { name: "Theirs", domains: [{ domain: "theirs.example.com", policy: "Block" }] },
            { idempotencyKey: key() },
          );
        }
        return r;
      },
    };
    const jobId = await rig.jobOf(
      {
        action: "block",
        pairs: [{ partnerVerticalId: 1502, partnerSubVerticalId: 1620 }],
        domains: ["new.example.com"],
      },
      [a.accountId, b.accountId],
    );
    expect(await driveJob(deps(rig.db, client, "a"), jobId)).toBe("completed");
    const ca = (await rig.client.getControls(a.accountId)).data;
    expect(ca.translatedVerticals.map((v) => [v.partner_vertical_id, v.partner_sub_vertical_id])).toEqual([
      [1500, 1610],
      [1502, 1620],
    ]);
    expect(ca.domains.map((d) => d.domain)).toEqual(["kept.example.com", "new.example.com"]);
    const cb = (await rig.client.getControls(b.accountId)).data;
    expect(cb.domains.map((d) => d.domain)).toEqual(["new.example.com", "theirs.example.com"]);
    expect(rig.writes.some((w) => w.status === 409)).toBe(true);
    expect((await rig.db.bulk.counts([jobId])).get(jobId)).toMatchObject({ done: 2, failed: 0 });
  });

  it("resumes after a crash between recording the key and the answer: no merchant written twice, none skipped", async () => {
    rig = await openBulkRig({ backend, seed: 8 });
    const ids = rig.accounts.filter((a) => a.status === "active").map((a) => a.accountId);
    const jobId = await rig.jobOf({ action: "pause", reason: "crash test" }, ids);
    const dbA = await rig.openDb();
    let sent = 0;
    // Instance A: the third write reaches the API, then the process "dies" before reading the answer.
    const dying: PartnershipsClient = {
      ...rig.client,
      putStatus: async (id, body, o) => {
        sent++;
        const r = await rig.client.putStatus(id, body, o);
        if (sent >= 3) return new Promise<never>(() => undefined);
        return r;
      },
    };
    void driveJob({ ...deps(dbA, dying, "A"), concurrency: 1 }, jobId);
    await expect.poll(() => sent, { timeout: 5000 }).toBe(3);
    await dbA.close(); // the heartbeat stops: the lease lapses
    const outcome = await expect
      .poll(async () => driveJob({ ...deps(rig.db, rig.newClient(), "B"), concurrency: 2 }, jobId), {
        timeout: 5000,
        interval: 200,
      })
      .toBe("completed");
    void outcome;
    const counts = (await rig.db.bulk.counts([jobId])).get(jobId);
    expect(counts).toMatchObject({ done: ids.length, skipped: 0, failed: 0 });
    const made = livePuts("/status").filter((w) => !w.replayed);
    expect(made.length).toBe(ids.length);
    expect(new Set(made.map((w) => w.path)).size).toBe(ids.length);
    expect(livePuts("/status").some((w) => w.replayed)).toBe(true);
    for (const id of ids) expect(await sandboxStatus(id)).toBe("paused");
  });

  it("two workers racing for one job: only one runs it", async () => {
    rig = await openBulkRig({ backend, seed: 8 });
    const jobId = await rig.jobOf({ action: "resume", reason: "race" });
    const db2 = await rig.openDb();
    const outcomes = await Promise.all([
      driveJob(deps(rig.db, rig.client, "one"), jobId),
      driveJob(deps(db2, rig.newClient(), "two"), jobId),
    ]);
    expect(outcomes.sort()).toEqual(["busy", "completed"]);
    const made = livePuts("/status").filter((w) => !w.replayed);
    expect(new Set(made.map((w) => w.path)).size).toBe(made.length);
  });

  it("paces writes by the shared limiter, whichever instance takes the slot", async () => {
    rig = await openBulkRig({ backend, seed: 10 });
    const paced: PacingConfig = {
      ...OFF,
      enabled: true,
      windowMs: 1000,
      overrides: { putStatus: 10, getStatus: 1000 },
    };
    const other = createUpstreamLimiter((await rig.openDb()).kysely, rig.client.parentAccountId, paced);
    const ids = rig.accounts.filter((a) => a.status === "active").map((a) => a.accountId);
    const jobId = await rig.jobOf({ action: "pause", reason: "pacing" }, ids);
    // Another instance's interactive write takes a slot of the same bucket first.
    const started = Date.now();
    await other.count("putStatus");
    expect(await driveJob({ ...deps(rig.db, rig.client, "a", paced), concurrency: 4 }, jobId)).toBe("completed");
    const times = livePuts("/status").map((w) => w.at);
    const interval = Math.ceil(1000 / (10 * 0.95));
    // Write k goes out no sooner than its slot: the other instance's write took slot 0. (A busy machine
    // only makes writes later, never earlier, so this holds under load.)
    times.forEach((t, k) => {
      expect(t - started).toBeGreaterThanOrEqual((k + 1) * interval - 2);
    });
    expect(times.length).toBe(ids.length);
    const budget = await other.budget();
    expect(budget.find((b) => b.route === "putStatus")).toMatchObject({ limit: 10, usedInWindow: ids.length + 1 });
  });

  it("honours Retry-After: a 429 defers the merchant and holds the route's next slot for every instance", async () => {
    // The sandbox lets 1 status PUT a minute; the console's pacing is set far above it, so the API says no.
    rig = await openBulkRig({ backend, seed: 6, rateLimits: true, rateLimitFactor: 1 / 60 });
    const loose: PacingConfig = { ...OFF, enabled: true, overrides: { putStatus: 6000, getStatus: 6000 } };
    const ids = rig.accounts.filter((a) => a.status === "active").map((a) => a.accountId);
    const jobId = await rig.jobOf({ action: "pause", reason: "429" }, ids.slice(0, 2));
    const drive = driveJob({ ...deps(rig.db, rig.client, "a", loose), concurrency: 1 }, jobId);
    const deferred = async () =>
      (await rig.db.bulk.listItems(jobId)).find((i) => i.nextAttemptAt !== null && /rate limit/i.test(i.error ?? ""));
    await expect.poll(deferred, { timeout: 5000 }).toBeTruthy();
    const item = await deferred();
    expect((item?.nextAttemptAt ?? 0) - Date.now()).toBeGreaterThan(50_000);
    const bucket = await rig.db.kysely
      .selectFrom("upstream_pacing")
      .select("tat")
      .where("bucket", "like", "% putStatus")
      .executeTakeFirst();
    expect(Number(bucket?.tat) - Date.now()).toBeGreaterThan(50_000);
    expect(rig.rateLimited.length).toBe(1);
    await rig.db.bulk.setStatus(jobId, "cancelled", ["running"]);
    expect(await drive).toBe("cancelled");
  });
});
