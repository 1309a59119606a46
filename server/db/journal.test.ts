import { describe, expect, it } from "vitest";
import { BACKENDS, withTestDatabase } from "./test-backends";
import type { ConsoleDb } from "./types";

const op = (operationId: string, extra: Partial<Parameters<ConsoleDb["journal"]["record"]>[0]> = {}) => ({
  operationId,
  userId: "u1",
  userEmail: "support@demo.test",
  merchantId: "1234567890123456",
  action: "merchant.status.update",
  operationType: null,
  dryRun: false,
  status: "pending",
  idempotencyKey: "k1",
  ...extra,
});

describe.each(BACKENDS)("operations journal on $name", (backend) => {
  let db: ConsoleDb;
  withTestDatabase(backend, async (created) => {
    db = await created.open();
  });

  it("records, gets and updates an operation", async () => {
    await db.journal.record(op("op-1", { dryRun: true }));
    const first = await db.journal.get("op-1");
    expect(first).toMatchObject({ status: "pending", dryRun: true, httpStatus: null, error: null });
    expect(first?.createdAt).toBe(first?.updatedAt);
    await new Promise((r) => setTimeout(r, 5));
    await db.journal.update("op-1", { status: "failed", httpStatus: 502, error: "upstream down" });
    const after = await db.journal.get("op-1");
    expect(after).toMatchObject({ status: "failed", httpStatus: 502, error: "upstream down" });
    expect(after!.updatedAt > after!.createdAt).toBe(true);
    await db.journal.update("op-1", { status: "completed" }); // absent fields stay
    expect(await db.journal.get("op-1")).toMatchObject({
      status: "completed",
      httpStatus: 502,
      error: "upstream down",
    });
    expect(await db.journal.get("missing")).toBeUndefined();
  });

  it("is idempotent on operationId: a second record changes nothing known and fills only gaps", async () => {
    await db.journal.record(op("op-2", { merchantId: null, operationType: null, status: "pending" }));
    await db.journal.update("op-2", { status: "in_progress" });
    await db.journal.record(
      op("op-2", {
        merchantId: "9999999999999999",
        operationType: "ACCOUNT_STATUS",
        status: "pending",
        action: "other",
        userId: "u2",
      }),
    );
    expect(await db.journal.get("op-2")).toMatchObject({
      status: "in_progress",
      action: "merchant.status.update",
      userId: "u1",
      merchantId: "9999999999999999",
      operationType: "ACCOUNT_STATUS",
    });
    expect((await db.journal.list()).entries).toHaveLength(1);
  });

  it("lists newest first with filters and a cursor", async () => {
    for (let i = 0; i < 12; i++) {
      await db.journal.record(
        op(`op-${String(i).padStart(2, "0")}`, { merchantId: i % 3 === 0 ? "m3" : "other", userId: `u${i % 2}` }),
      );
    }
    await db.journal.update("op-05", { status: "completed" });
    const all: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await db.journal.list({ limit: 5, cursor });
      all.push(...page.entries.map((e) => e.operationId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(all).toEqual(Array.from({ length: 12 }, (_, i) => `op-${String(11 - i).padStart(2, "0")}`));
    expect((await db.journal.list({ merchantId: "m3" })).entries.map((e) => e.operationId)).toEqual([
      "op-09",
      "op-06",
      "op-03",
      "op-00",
    ]);
    expect((await db.journal.list({ userId: "u1", merchantId: "m3" })).entries.map((e) => e.operationId)).toEqual([
      "op-09",
      "op-03",
    ]);
    expect((await db.journal.list({ status: "completed" })).entries.map((e) => e.operationId)).toEqual(["op-05"]);
  });
});
