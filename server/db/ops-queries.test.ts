import { describe, expect, it } from "vitest";
import { BACKENDS, withTestDatabase } from "./test-backends";
import type { ConsoleDb } from "./types";

/** The journal and audit filters behind the operation tracker, the audit log page and the home chart. */
describe.each(BACKENDS)("operation and audit queries on $name", (backend) => {
  let db: ConsoleDb;
  withTestDatabase(backend, async (created) => {
    db = await created.open();
  });

  it("filters the journal by action prefix, user, several statuses and time", async () => {
    const base = { merchantId: "1234567890123456", operationType: null, dryRun: false, idempotencyKey: null };
    await db.journal.record({
      ...base,
      operationId: "op_a",
      userId: "u1",
      userEmail: "a@demo.test",
      action: "merchant.status.update",
      status: "completed",
    });
    await db.journal.record({
      ...base,
      operationId: "op_b",
      userId: "u2",
      userEmail: "b@demo.test",
      action: "merchant.data_deletion",
      status: "pending",
    });
    await db.journal.record({
      ...base,
      operationId: "op_c",
      userId: "u2",
      userEmail: "b@demo.test",
      action: "merchant.status.update",
      status: "in_progress",
    });
    const ids = async (q: Parameters<ConsoleDb["journal"]["list"]>[0]) =>
      (await db.journal.list(q)).entries.map((e) => e.operationId).sort();
    expect(await ids({ action: "merchant.status" })).toEqual(["op_a", "op_c"]);
    expect(await ids({ userEmail: "B@demo.test" })).toEqual(["op_b", "op_c"]);
    expect(await ids({ action: ["merchant.data_deletion", "merchant.status.update"] })).toEqual([
      "op_a",
      "op_b",
      "op_c",
    ]);
    expect(await ids({ action: [] })).toHaveLength(3);
    expect(await ids({ statuses: ["pending", "in_progress"] })).toEqual(["op_b", "op_c"]);
    expect(await ids({ statuses: ["pending"], action: "merchant.status" })).toEqual([]);
    expect(await ids({ since: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
    expect(await ids({ since: new Date(Date.now() - 60_000).toISOString() })).toHaveLength(3);
  });

  it("filters the audit log by operation and time range, and gives the activity since a time", async () => {
    const entry = (action: string, outcome: "success" | "failure", operationId: string | null) =>
      db.audit.append({ userId: "u1", userEmail: "a@demo.test", role: "admin", action, outcome, operationId });
    await entry("merchant.status.update", "success", "op_1");
    await entry("merchant.controls.update", "failure", null);
    await new Promise((r) => setTimeout(r, 5));
    const mid = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    await entry("privacy.network_request", "success", null);
    expect((await db.audit.list({ operationId: "op_1" })).entries.map((e) => e.action)).toEqual([
      "merchant.status.update",
    ]);
    expect((await db.audit.list({ from: mid })).entries.map((e) => e.action)).toEqual(["privacy.network_request"]);
    expect((await db.audit.list({ to: mid })).entries).toHaveLength(2);
    const activity = await db.audit.activity(new Date(Date.now() - 60_000).toISOString());
    expect(activity.map((a) => a.outcome)).toEqual(["success", "failure", "success"]);
    expect(await db.audit.activity(new Date(Date.now() + 60_000).toISOString())).toEqual([]);
  });
});
