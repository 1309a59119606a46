import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetBulkRunnerForTests } from "@/server/bulk/runner";
import { resetEnvForTests } from "@/server/env";
import { createHarness, type Harness } from "./test-harness";

/**
 * The bulk routes end to end (real wrapper, database, runner and in-process
 * sandbox): preview, create, progress, a merchant that fails (it is being
 * deleted), the failures CSV, and "Retry failed" re-running only that merchant.
 */

let h: Harness;
let ids: string[];

beforeAll(async () => {
  process.env.UPSTREAM_PACING = "off";
  resetEnvForTests();
  resetBulkRunnerForTests();
  h = await createHarness({ seedMerchants: 6 });
  h.as(h.users.support);
  expect((await h.call("GET", "/api/merchants")).status).toBe(200); // fills the merchant index
  ids = await h.merchants(3);
});
afterAll(async () => {
  await h.close();
  delete process.env.UPSTREAM_PACING;
  resetEnvForTests();
});

async function settled(jobId: string) {
  for (let i = 0; i < 100; i++) {
    const res = await h.call("GET", `/api/bulk/jobs/${jobId}`);
    if (res.body.data.job.status !== "running") return res.body.data;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("the job did not finish");
}

describe("bulk routes", () => {
  it("previews, runs, reports a failure in CSV, and retries exactly the failed merchant", async () => {
    const [a, b, deleting] = ids as [string, string, string];
    await h.client.requestDataDeletion(deleting, { reason: "bulk test" }, { idempotencyKey: randomUUID() });
    const body = { params: { action: "resume", reason: "lifted" }, selection: { kind: "ids", accountIds: ids } };

    const preview = await h.call("POST", "/api/bulk/preview", { body });
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body.data.total).toBe(3);
    expect(preview.body.data.willChange + preview.body.data.alreadyMatch).toBe(3);

    const bad = await h.call("POST", "/api/bulk/jobs", { body: { ...body, params: { action: "pause", reason: "" } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty(["params.reason"]);

    const created = await h.call("POST", "/api/bulk/jobs", { body });
    expect(created.status, created.text).toBe(201);
    const jobId = created.body.data.id as string;
    const first = await settled(jobId);
    expect(first.job.status).toBe("completed");
    const byId = (items: { accountId: string; state: string }[]) => new Map(items.map((i) => [i.accountId, i]));
    const before = byId(first.items);
    expect(before.get(deleting)).toMatchObject({ state: "failed", error: expect.stringMatching(/deleting/) });
    for (const id of [a, b]) expect(["done", "skipped"]).toContain(before.get(id)?.state);
    expect(first.job.counts).toMatchObject({ failed: 1, remaining: 0 });

    const csv = await h.call("GET", `/api/bulk/jobs/${jobId}/failures.csv`);
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    const lines = csv.text.trim().split(/\r\n/);
    expect(lines[0]).toBe("account_id,brand,error");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(new RegExp(`^${deleting},`));

    const retried = await h.call("POST", `/api/bulk/jobs/${jobId}/retry`);
    expect(retried.status, retried.text).toBe(200);
    const second = await settled(jobId);
    const after = byId(second.items);
    expect(after.get(deleting)).toMatchObject({ state: "failed" });
    for (const id of [a, b]) expect(after.get(id)).toEqual(before.get(id));

    const list = await h.call("GET", "/api/bulk/jobs");
    expect(list.body.data.jobs[0]).toMatchObject({ id: jobId, createdByEmail: h.users.support.email, progress: 100 });
    const audit = await h.db.audit.list({ action: "merchant.status.update", merchantId: deleting });
    expect(audit.entries.length).toBe(2);
    expect(audit.entries[0]?.request).toMatchObject({ bulkJobId: jobId });

    const done = await h.call("POST", `/api/bulk/jobs/${jobId}/control`, { body: { command: "pause" } });
    expect(done.status).toBe(409);
  });
});
