/** Concurrent writes: dedup, existing-surface and contentHash rules must hold when requests overlap. */
import { describe, expect, it } from "vitest";
import { expectEnvelope, MCL_PATH, open, PAGES_PATH, REGISTER_PATH, randomUUID, regBody, STATUS_PATH } from "./harness";

describe("overlapping writes", () => {
  it("identical registers at once create one account", async () => {
    const env = open();
    await env.faults({ latency_ms: 100 });
    const body = regBody();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => env.write("POST", REGISTER_PATH, body, { key: null })),
    );
    await env.faults({ latency_ms: 0 });
    for (const res of answers) expectEnvelope(res, 200);
    expect(new Set(answers.map((r) => r.body.data.account_id)).size).toBe(1);
    const rows = (await env.listAll()).filter((a) => a.external_account_id === body.external_account_id);
    expect(rows).toHaveLength(1);
  });

  it("the same surface added under different keys at once: one 200, the rest 409", async () => {
    const env = open();
    const acc = await env.newAccount();
    await env.faults({ latency_ms: 100 });
    const body = { pages: [{ surface: "returns", layout_type: "Overlay" }] };
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => env.write("POST", PAGES_PATH(acc.account_id), body)),
    );
    await env.faults({ latency_ms: 0 });
    expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of answers.filter((x) => x.status !== 200)) expectEnvelope(r, 409, "surface returns already exists");
    const variants = (await env.get(STATUS_PATH(acc.account_id))).body.data.variants;
    expect(variants.filter((v: { name: string }) => v.name.startsWith("Returns"))).toHaveLength(2);
  });

  it("two PUTs with the same contentHash at once: one wins, the other is stale", async () => {
    const env = open();
    const acc = await env.newAccount();
    const hash = (await env.get(MCL_PATH(acc.account_id))).body.data.contentHash;
    await env.faults({ latency_ms: 100 });
    const [a, b] = await Promise.all(
      ["first", "second"].map((name) => env.write("PUT", MCL_PATH(acc.account_id), { name, contentHash: hash })),
    );
    await env.faults({ latency_ms: 0 });
    const statuses = [a!.status, b!.status].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = a!.status === 409 ? a! : b!;
    const winner = a!.status === 200 ? a! : b!;
    expectEnvelope(loser, 409, "contentHash is stale");
    expect((await env.get(MCL_PATH(acc.account_id))).body.data.name).toBe(winner.body.data.name);
  });

  it("one key sent many times at once executes once", async () => {
    const env = open();
    const acc = await env.newAccount();
    await env.faults({ latency_ms: 200 });
    const key = randomUUID();
    const body = { pages: [{ surface: "tracking", layout_type: "Embedded" }] };
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => env.write("POST", PAGES_PATH(acc.account_id), body, { key })),
    );
    await env.faults({ latency_ms: 0 });
    const ok = answers.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    for (const r of answers.filter((x) => x.status !== 200)) {
      expectEnvelope(r, 409, "Idempotency-Key is in use by a running request");
      expect(r.headers.get("x-operation-id")).toBe(ok[0]!.headers.get("x-operation-id"));
    }
    const replay = await env.write("POST", PAGES_PATH(acc.account_id), body, { key });
    expect(replay.text).toBe(ok[0]!.text);
  });
});
