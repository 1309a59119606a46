import { describe, expect, it } from "vitest";
import { BACKENDS, withTestDatabase } from "./test-backends";
import type { ConsoleDb, PrivacyRequestInput } from "./types";

const consumer = (extra: Partial<PrivacyRequestInput> = {}): PrivacyRequestInput => ({
  kind: "consumer",
  requestType: "NETWORK_OPT_OUT",
  identifierType: "hashedEmail",
  identifierMasked: "973dfe46…",
  fingerprint: "fp-1",
  status: "sending",
  submittedById: "u1",
  submittedByEmail: "admin@demo.test",
  idempotencyKey: "k1",
  ...extra,
});

describe.each(BACKENDS)("privacy requests on $name", (backend) => {
  let db: ConsoleDb;
  withTestDatabase(backend, async (created) => {
    db = await created.open();
  });

  it("creates, updates and lists newest first with paging", async () => {
    const a = await db.privacyRequests.create(consumer());
    expect(a).toMatchObject({ status: "sending", upstreamRequestId: null, kind: "consumer" });
    expect(await db.privacyRequests.update(a.id, { status: "submitted", upstreamRequestId: "req-1" })).toBe(true);
    const tick = () => new Promise((r) => setTimeout(r, 3)); // distinct creation times: the order is by time
    await tick();
    const b = await db.privacyRequests.create(consumer({ fingerprint: "fp-2" }));
    await tick();
    const c = await db.privacyRequests.create(
      consumer({
        kind: "merchant_deletion",
        requestType: "MERCHANT_DATA_DELETION",
        identifierType: "account",
        identifierMasked: "ext-1",
        fingerprint: null,
        accountId: "1234567890123456",
        reason: "closed",
      }),
    );
    const first = await db.privacyRequests.list({ limit: 2 });
    expect(first.entries.map((e) => e.id)).toEqual([c.id, b.id]);
    const second = await db.privacyRequests.list({ limit: 2, cursor: first.nextCursor! });
    expect(second.entries.map((e) => e.id)).toEqual([a.id]);
    expect(second.nextCursor).toBeNull();
    expect(second.entries[0]).toMatchObject({ status: "submitted", upstreamRequestId: "req-1" });
    expect((await db.privacyRequests.list({ kind: "merchant_deletion" })).entries.map((e) => e.id)).toEqual([c.id]);
  });

  it("finds recent requests by fingerprint", async () => {
    const a = await db.privacyRequests.create(consumer());
    await db.privacyRequests.create(consumer({ fingerprint: "other" }));
    const since = new Date(Date.now() - 60_000).toISOString();
    expect((await db.privacyRequests.recentByFingerprint("fp-1", since)).map((r) => r.id)).toEqual([a.id]);
    expect(await db.privacyRequests.recentByFingerprint("fp-1", new Date(Date.now() + 60_000).toISOString())).toEqual(
      [],
    );
  });

  it("transitions only from the given statuses, and shows the operation's status from the journal", async () => {
    const d = await db.privacyRequests.create(
      consumer({ kind: "merchant_deletion", status: "awaiting_approval", fingerprint: null }),
    );
    expect(await db.privacyRequests.update(d.id, { status: "submitted" }, ["sending"])).toBe(false);
    expect(
      await db.privacyRequests.update(
        d.id,
        {
          status: "submitted",
          operationId: "op_1",
          approvedByEmail: "second@demo.test",
          approvedAt: "2026-01-01T00:00:00.000Z",
        },
        ["awaiting_approval"],
      ),
    ).toBe(true);
    expect(await db.privacyRequests.update(d.id, { status: "submitted" }, ["awaiting_approval"])).toBe(false);
    await db.journal.record({
      operationId: "op_1",
      userId: "u1",
      userEmail: "admin@demo.test",
      merchantId: "1234567890123456",
      action: "merchant.data_deletion",
      operationType: "dataDeletion",
      dryRun: false,
      status: "in_progress",
      idempotencyKey: "k9",
    });
    expect(await db.privacyRequests.get(d.id)).toMatchObject({
      operationStatus: "in_progress",
      approvedByEmail: "second@demo.test",
    });
    expect(await db.privacyRequests.get("nope")).toBeUndefined();
  });
});
