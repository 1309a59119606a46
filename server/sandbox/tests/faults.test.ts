/** §8 faults: latency, error_rate, drop_after_commit_rate; only /v1 routes are affected. */
import { describe, expect, it } from "vitest";
import { DEMO, expectEnvelope, open, randomUUID, STATUS_PATH } from "./harness";

const LIST = `/v1/partnership/accounts?parent_account_id=${DEMO.parent}`;
const form = { grant_type: "client_credentials", client_id: DEMO.clientId, client_secret: DEMO.secret };

async function timed<T>(p: Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const v = await p;
  return [v, performance.now() - t];
}

describe("latency", () => {
  it("delays /v1 reads and writes, not the token endpoint or /_sandbox/", async () => {
    const env = open();
    const [acc] = await env.listAll();
    await env.token();
    await env.faults({ latency_ms: 1_000 });
    const [read, readMs] = await timed(env.get(LIST));
    expectEnvelope(read, 200);
    expect(readMs).toBeGreaterThanOrEqual(950);
    const [write, writeMs] = await timed(env.write("PUT", STATUS_PATH(acc.account_id), { status: "active" }));
    expectEnvelope(write, 200);
    expect(writeMs).toBeGreaterThanOrEqual(950);
    const [tok, tokMs] = await timed(env.tokenResponse(form));
    expect(tok.status).toBe(200);
    expect(tokMs).toBeLessThan(700);
    const [, adminMs] = await timed(env.admin("GET", `/_sandbox/accounts/${acc.account_id}`));
    expect(adminMs).toBeLessThan(700);
  });

  it("keeps a write's operation in_progress while it waits", async () => {
    const env = open();
    const [acc] = await env.listAll();
    await env.faults({ latency_ms: 1_500 });
    const key = randomUUID();
    const slow = env.write("PUT", STATUS_PATH(acc.account_id), { status: "active" }, { key });
    await new Promise((r) => setTimeout(r, 100));
    const busy = await env.write("PUT", STATUS_PATH(acc.account_id), { status: "active" }, { key });
    const opId = busy.headers.get("x-operation-id")!;
    await env.faults({ latency_ms: 0 });
    const op = (await env.operation(opId)).body.data;
    expect(op).toMatchObject({ status: "in_progress", http_status: null, response_body: null });
    await slow;
    expect((await env.operation(opId)).body.data.status).toBe("completed");
  });
});

describe("error_rate", () => {
  it("1 → every /v1 request gets a 500; a write's operation fails and nothing changes", async () => {
    const env = open();
    const [acc] = await env.listAll();
    const before = await env.state(acc.account_id);
    await env.faults({ error_rate: 1 });
    expectEnvelope(await env.get(LIST), 500);
    const w = await env.write("PUT", STATUS_PATH(acc.account_id), {
      status: acc.status === "active" ? "paused" : "active",
    });
    expectEnvelope(w, 500);
    const opId = w.headers.get("x-operation-id")!;
    expect(opId).toBeTruthy();
    expect(await env.state(acc.account_id)).toEqual(before);
    await env.faults({ error_rate: 0 });
    const op = (await env.operation(opId)).body.data;
    expect(op).toMatchObject({ status: "failed", http_status: 500 });
  });

  it("1 → register fails with its operation, privacy requests are not recorded", async () => {
    const env = open();
    const before = await env.listAll();
    await env.faults({ error_rate: 1 });
    const reg = await env.register();
    expectEnvelope(reg, 500);
    const priv = await env.write("POST", `/v1/partnership/network-privacy-requests?parent_account_id=${DEMO.parent}`, {
      requestType: "NETWORK_OPT_OUT",
      email: "a@example.com",
    });
    expectEnvelope(priv, 500);
    await env.faults({ error_rate: 0 });
    expect((await env.operation(reg.headers.get("x-operation-id")!)).body.data).toMatchObject({
      status: "failed",
      http_status: 500,
      operation_type: "registerPartnership",
      account_id: null,
    });
    expect(await env.listAll()).toEqual(before);
    expect((await env.admin("GET", "/_sandbox/privacy-requests")).body.data.requests).toEqual([]);
  });

  it("a 500 is not kept: the same key then succeeds", async () => {
    const env = open();
    const [acc] = await env.listAll();
    const key = randomUUID();
    await env.faults({ error_rate: 1 });
    expectEnvelope(await env.write("PUT", STATUS_PATH(acc.account_id), { status: "paused" }, { key }), 500);
    await env.faults({ error_rate: 0 });
    const ok = await env.write("PUT", STATUS_PATH(acc.account_id), { status: "paused" }, { key });
    expectEnvelope(ok, 200);
    expect(ok.headers.get("idempotent-replayed")).toBeNull();
  });

  it("does not touch the token endpoint or /_sandbox/", async () => {
    const env = open();
    await env.faults({ error_rate: 1, drop_after_commit_rate: 1 });
    expect((await env.tokenResponse(form)).status).toBe(200);
    expectEnvelope(await env.admin("GET", "/_sandbox/privacy-requests"), 200);
    expectEnvelope(await env.admin("POST", "/_sandbox/reset"), 200);
    expectEnvelope(await env.get(LIST), 200);
  });

  it("a field left out keeps its value", async () => {
    const env = open();
    await env.faults({ error_rate: 1 });
    await env.faults({ latency_ms: 0 });
    expectEnvelope(await env.get(LIST), 500);
    await env.faults({ rate_limits: false });
    expectEnvelope(await env.get(LIST), 500);
  });

  it.each([
    [{ error_rate: 1.5 }],
    [{ drop_after_commit_rate: -0.1 }],
    [{ latency_ms: -1 }],
    [{ latency_ms: 1.5 }],
    [{ rate_limits: "on" }],
    [{ error_rate: null }],
    [{ chaos: true }],
  ])("rejects a bad faults body %j with 400", async (body) => {
    const env = open();
    expectEnvelope(await env.admin("POST", "/_sandbox/faults", body), 400);
    expectEnvelope(await env.get(LIST), 200);
  });
});

describe("drop_after_commit_rate", () => {
  it("1 → a 2xx write is committed, then fetch rejects; the same key replays", async () => {
    const env = open();
    const [acc] = await env.listAll();
    const target = acc.status === "active" ? "paused" : "active";
    const key = randomUUID();
    await env.faults({ drop_after_commit_rate: 1 });
    await expect(env.write("PUT", STATUS_PATH(acc.account_id), { status: target }, { key })).rejects.toBeInstanceOf(
      TypeError,
    );
    await env.faults({ drop_after_commit_rate: 0 });
    expect((await env.get(STATUS_PATH(acc.account_id))).body.data.status).toBe(target);
    const replay = await env.write("PUT", STATUS_PATH(acc.account_id), { status: target }, { key });
    expectEnvelope(replay, 200);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    const op = (await env.operation(replay.headers.get("x-operation-id")!)).body.data;
    expect(op).toMatchObject({ status: "completed", http_status: 200 });
    expect(op.response_body).toEqual(replay.body);
  });

  it("does not drop reads or writes that answer 4xx", async () => {
    const env = open();
    const [acc] = await env.listAll();
    await env.faults({ drop_after_commit_rate: 1 });
    expectEnvelope(await env.get(LIST), 200);
    expectEnvelope(await env.write("PUT", STATUS_PATH(acc.account_id), { status: "nope" }), 400);
  });
});
