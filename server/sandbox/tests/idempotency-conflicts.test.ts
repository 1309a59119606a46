/** §3: same key, different request (422); in flight (409); scope; what is kept; 24 h retention. */
import { describe, expect, it } from "vitest";
import { expectEnvelope, MCL_PATH, OTHER, open, randomUUID, STATUS_PATH, sleep } from "./harness";

const DIFFERENT = "Idempotency-Key was used with a different request";
const IN_USE = "Idempotency-Key is in use by a running request";

describe("same key, different request → 422", () => {
  it("answers 422 with the first operation's id and never replaces the first outcome", async () => {
    const env = open();
    const [acc] = await env.listAll();
    const key = randomUUID();
    const first = await env.write("PUT", STATUS_PATH(acc.account_id), { status: "active" }, { key });
    expectEnvelope(first, 200);
    const opId = first.headers.get("x-operation-id");
    const cases = [
      env.write("PUT", STATUS_PATH(acc.account_id), { status: "paused" }, { key }),
      env.write("PUT", MCL_PATH(acc.account_id), { name: "x" }, { key }),
    ];
    for (const res of await Promise.all(cases)) {
      expectEnvelope(res, 422, DIFFERENT);
      expect(res.headers.get("x-operation-id")).toBe(opId);
      expect(res.headers.get("idempotent-replayed")).toBeNull();
    }
    const again = await env.write("PUT", STATUS_PATH(acc.account_id), { status: "active" }, { key });
    expect(again.text).toBe(first.text);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect((await env.get(STATUS_PATH(acc.account_id))).body.data.status).toBe("active");
    const op = await env.operation(opId!);
    expect(op.body.data.http_status).toBe(200);
    expect(op.body.data.status).toBe("completed");
  });
});

describe("same key while the first request runs → 409", () => {
  it("answers 409 Conflict with Retry-After: 1 and the running operation's id", async () => {
    const env = open();
    const [acc] = await env.listAll();
    await env.faults({ latency_ms: 1_500 });
    const key = randomUUID();
    const slow = env.write("PUT", STATUS_PATH(acc.account_id), { status: "active" }, { key });
    await sleep(100);
    const t = Date.now();
    const busy = await env.write("PUT", STATUS_PATH(acc.account_id), { status: "active" }, { key });
    expect(Date.now() - t).toBeLessThan(1_000);
    const first = await slow;
    expectEnvelope(first, 200);
    expectEnvelope(busy, 409, IN_USE);
    expect(busy.headers.get("retry-after")).toBe("1");
    expect(busy.headers.get("x-operation-id")).toBe(first.headers.get("x-operation-id"));
    await env.faults({ latency_ms: 0 });
    const replay = await env.write("PUT", STATUS_PATH(acc.account_id), { status: "active" }, { key });
    expect(replay.text).toBe(first.text);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
  });

  it("answers 409 even for a different body while the key runs, and does not keep it", async () => {
    const env = open();
    const [acc] = await env.listAll();
    await env.faults({ latency_ms: 1_500 });
    const key = randomUUID();
    const slow = env.write("PUT", STATUS_PATH(acc.account_id), { status: "paused" }, { key });
    await sleep(100);
    const busy = await env.write("PUT", STATUS_PATH(acc.account_id), { status: "active" }, { key });
    expectEnvelope(busy, 409, IN_USE);
    const first = await slow;
    await env.faults({ latency_ms: 0 });
    const replay = await env.write("PUT", STATUS_PATH(acc.account_id), { status: "paused" }, { key });
    expect(replay.text).toBe(first.text);
  });
});

describe("scope (parent, account, key)", () => {
  it("the same key on two accounts does not collide", async () => {
    const env = open();
    const [a, b] = await env.listAll();
    const key = randomUUID();
    const ra = await env.write("PUT", STATUS_PATH(a.account_id), { status: "active" }, { key });
    const rb = await env.write("PUT", STATUS_PATH(b.account_id), { status: "paused" }, { key });
    expectEnvelope(ra, 200);
    expectEnvelope(rb, 200);
    expect(rb.headers.get("idempotent-replayed")).toBeNull();
    expect(rb.headers.get("x-operation-id")).not.toBe(ra.headers.get("x-operation-id"));
    expect(rb.body.data.accountId).toBe(b.account_id);
  });

  it("the same key on two platforms does not collide", async () => {
    const env = open();
    const [mine] = await env.listAll();
    const [theirs] = await env.listAll(OTHER);
    const key = randomUUID();
    expectEnvelope(await env.write("PUT", STATUS_PATH(mine.account_id), { status: "active" }, { key }), 200);
    const res = await env.write("PUT", STATUS_PATH(theirs.account_id), { status: "active" }, { key, platform: OTHER });
    expectEnvelope(res, 200);
    expect(res.headers.get("idempotent-replayed")).toBeNull();
  });
});

describe("what is kept", () => {
  it("does not keep a 5xx: the same key then executes", async () => {
    const env = open();
    const [acc] = await env.listAll();
    const key = randomUUID();
    await env.faults({ error_rate: 1 });
    const failed = await env.write("PUT", STATUS_PATH(acc.account_id), { status: "active" }, { key });
    expectEnvelope(failed, 500);
    await env.faults({ error_rate: 0 });
    const ok = await env.write("PUT", STATUS_PATH(acc.account_id), { status: "active" }, { key });
    expectEnvelope(ok, 200);
    expect(ok.headers.get("idempotent-replayed")).toBeNull();
    expect(ok.headers.get("x-operation-id")).not.toBe(failed.headers.get("x-operation-id"));
  });

  it("does not keep a 429: after the limit lifts, the same key executes", async () => {
    const env = open({ rateLimits: true });
    const [acc] = await env.listAll();
    for (let i = 0; i < 60; i++) {
      expectEnvelope(await env.write("PUT", STATUS_PATH(acc.account_id), { status: "active" }), 200);
    }
    const key = randomUUID();
    const limited = await env.write("PUT", STATUS_PATH(acc.account_id), { status: "paused" }, { key });
    expectEnvelope(limited, 429);
    env.advance(61_000);
    const ok = await env.write("PUT", STATUS_PATH(acc.account_id), { status: "paused" }, { key });
    expectEnvelope(ok, 200);
    expect(ok.headers.get("idempotent-replayed")).toBeNull();
  });

  it("keeps a dry-run under its key: replayed as dry-run, the same key live → 422", async () => {
    const env = open();
    const [acc] = await env.listAll();
    const key = randomUUID();
    const dry = await env.write("PUT", STATUS_PATH(acc.account_id), { status: "active" }, { key, dryRun: true });
    expectEnvelope(dry, 200);
    const replay = await env.write("PUT", STATUS_PATH(acc.account_id), { status: "active" }, { key, dryRun: true });
    expect(replay.text).toBe(dry.text);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    const live = await env.write("PUT", STATUS_PATH(acc.account_id), { status: "active" }, { key });
    expectEnvelope(live, 422, DIFFERENT);
    expect(live.headers.get("x-operation-id")).toBe(dry.headers.get("x-operation-id"));
  });
});

describe("retention", () => {
  it("keeps a key 24 hours from the first request, then the key is new again", async () => {
    const env = open();
    const [acc] = await env.listAll();
    const key = randomUUID();
    const first = await env.write("PUT", STATUS_PATH(acc.account_id), { status: "active" }, { key });
    env.advance(24 * 3600_000 - 1_000);
    const replay = await env.write("PUT", STATUS_PATH(acc.account_id), { status: "active" }, { key });
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.text).toBe(first.text);
    env.advance(2_000);
    const fresh = await env.write("PUT", STATUS_PATH(acc.account_id), { status: "paused" }, { key });
    expectEnvelope(fresh, 200);
    expect(fresh.headers.get("idempotent-replayed")).toBeNull();
    expect(fresh.headers.get("x-operation-id")).not.toBe(first.headers.get("x-operation-id"));
    expect(fresh.body.data.status).toBe("paused");
  });
});
