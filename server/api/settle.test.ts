import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ConsoleDb } from "@/server/db/types";
import { ROUTES } from "./routes";
import { type Outcome, settle } from "./settle";
import { createHarness, type Harness } from "./test-harness";

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await h.close();
});

const route = ROUTES.find((r) => r.method === "PUT" && r.path === "/api/merchants/:accountId/status")!;

async function settleOne(db: ConsoleDb) {
  const key = randomUUID();
  const user = h.users.account_manager;
  await h.db.intents.begin({ key, userId: user.id, route: "PUT /api/merchants/1/status", bodyHash: "x" });
  const operationId = `op_${randomUUID()}`;
  const outcome: Outcome = {
    status: 200,
    body: { data: { status: "paused" }, operationId },
    headers: {},
    requestId: "req_1",
    operationId,
    release: false,
    unknown: false,
  };
  const journal = async (id: string, merchantId: string | null) => {
    await h.db.journal.record({
      operationId: id,
      userId: user.id,
      userEmail: user.email,
      merchantId,
      action: route.audit,
      operationType: null,
      dryRun: false,
      status: "in_progress",
      idempotencyKey: key,
    });
  };
  const request = new Request("http://console.test/api/merchants/1/status", { method: "PUT" });
  await settle({
    db,
    request,
    user,
    route,
    outcome,
    notes: { merchantId: "1" },
    summary: null,
    intentKey: key,
    key,
    journal,
  });
  return { key, operationId, user };
}

async function expectSettled({ key, operationId, user }: Awaited<ReturnType<typeof settleOne>>) {
  const replay = await h.db.intents.begin({
    key,
    userId: user.id,
    route: "PUT /api/merchants/1/status",
    bodyHash: "x",
  });
  expect(replay.state).toBe("replay");
  expect((await h.db.journal.get(operationId))?.status).toBe("completed");
  const audit = await h.db.audit.list({ action: route.audit, limit: 10 });
  expect(audit.entries.map((e) => e.operationId)).toContain(operationId);
}

describe("settle", () => {
  it("keeps the intent, completes the journal and audits the write, in one transaction", async () => {
    await expectSettled(await settleOne(h.db));
  });

  it("writes them one by one when the transaction cannot run", async () => {
    const broken = {
      ...h.db,
      kysely: {
        transaction: () => {
          throw new Error("no transaction today");
        },
      },
    } as unknown as ConsoleDb;
    await expectSettled(await settleOne(broken));
  });

  it("rolls back when the audit fails, then keeps the intent's answer and logs the audit failure on its own", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    await sql`drop table audit_log`.execute(h.db.kysely);
    const done = await settleOne(h.db);
    const replay = await h.db.intents.begin({
      key: done.key,
      userId: done.user.id,
      route: "PUT /api/merchants/1/status",
      bodyHash: "x",
    });
    expect(replay.state).toBe("replay");
    expect((await h.db.journal.get(done.operationId))?.status).toBe("completed");
    expect(error.mock.calls.map((c) => String(c[0]))).toEqual(["audit append failed:"]);
  });
});
