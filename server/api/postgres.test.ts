import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "@/server/db/test-backends";
import { createHarness, type Harness } from "./test-harness";

/**
 * The wrapper's database-backed guarantees on every backend the console
 * supports (SQLite and PostgreSQL): intents (replay, 422), the write limit,
 * the journal, the audit entry and the knowledge bootstrap.
 */
for (const backend of BACKENDS) {
  describe(`route layer on ${backend.name}`, () => {
    let h: Harness;
    let account: string;
    beforeAll(async () => {
      h = await createHarness({ backend, seedMerchants: 5, writeLimitPerMinute: 5 });
      [account = ""] = await h.merchants(1);
    });
    afterAll(async () => {
      await h?.close();
    });

    it("replays a kept answer, refuses a reused key, journals and audits", async () => {
      expect(h.db.dialect).toBe(backend.name);
      h.as(h.users.support);
      const key = randomUUID();
      const path = `/api/merchants/${account}/controls`;
      const body = { name: "PG Controls", domains: [{ domain: "Example.COM", policy: "Block" }] };
      const first = await h.call("PUT", path, { body, key });
      expect(first.status, first.text).toBe(200);
      expect(first.body.data.domains).toEqual([{ domain: "example.com", policy: "Block" }]);
      const replay = await h.call("PUT", path, { body: { domains: body.domains, name: body.name }, key });
      expect(replay.headers.get("idempotent-replayed")).toBe("true");
      expect(replay.body).toEqual(first.body);
      const reused = await h.call("PUT", path, { body: { ...body, name: "Other" }, key });
      expect(reused.status).toBe(422);
      const ops = (await h.db.journal.list({})).entries;
      expect(ops).toHaveLength(1);
      expect(ops[0]).toMatchObject({ operationId: first.body.operationId, status: "completed" });
      const [entry] = (await h.db.audit.list({ action: "merchant.controls.update" })).entries;
      expect(entry).toMatchObject({ httpStatus: 422, idempotencyKey: key });
      const success = (await h.db.audit.list({ action: "merchant.controls.update", outcome: "success" })).entries;
      expect(success).toHaveLength(2);
      expect(success.at(-1)).toMatchObject({ operationId: first.body.operationId, after: { name: "PG Controls" } });
    });

    it("limits writes per user across the shared database", async () => {
      h.as(h.users.account_manager);
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        statuses.push(
          (await h.call("PUT", `/api/merchants/${account}/status?dry_run=true`, { body: { status: "paused" } })).status,
        );
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    });

    it("seeds merchant knowledge from the sandbox export", async () => {
      h.as(h.users.admin);
      const res = await h.call("GET", `/api/merchants/${account}/knowledge`);
      expect(res.body.data.pages.length).toBeGreaterThan(0);
    });
  });
}
