import { describe, expect, it } from "vitest";
import { UnauthorizedError } from "./errors";
import {
  ACCOUNT,
  envelope,
  errorResponse,
  fakeUpstream,
  KEY,
  PARENT,
  SECRET,
  statusView,
  testClient,
} from "./test-fakes";

describe("token", () => {
  it("sends client credentials as form fields, not Basic auth", async () => {
    const up = fakeUpstream(() => envelope(200, statusView));
    const { client } = testClient(up.fetch);
    await client.getStatus(ACCOUNT);
    expect(up.tokenHeaders[0]?.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(up.tokenHeaders[0]?.get("authorization")).toBeNull();
    const form = new URLSearchParams(up.tokenBodies[0]);
    expect(Object.fromEntries(form)).toEqual({
      grant_type: "client_credentials",
      client_id: "rspub_test",
      client_secret: SECRET,
    });
  });

  it("a burst of 20 concurrent calls makes one token request", async () => {
    const up = fakeUpstream(() => envelope(200, statusView));
    let open!: () => void;
    up.tokenGate = new Promise((r) => {
      open = r;
    });
    const { client } = testClient(up.fetch);
    const burst = Array.from({ length: 20 }, () => client.getStatus(ACCOUNT));
    await new Promise((r) => setTimeout(r, 10));
    open();
    await Promise.all(burst);
    expect(up.tokenBodies).toHaveLength(1);
    expect(up.calls).toHaveLength(20);
    expect(new Set(up.calls.map((c) => c.headers.get("authorization")))).toEqual(new Set([`Bearer ${up.tokens[0]}`]));
  });

  it("reuses the token until 80% of expires_in, then renews it", async () => {
    const up = fakeUpstream(() => envelope(200, statusView));
    let now = 1_000_000;
    const { client } = testClient(up.fetch, { now: () => now });
    await client.getStatus(ACCOUNT);
    now += 239_000; // 300 s · 0.8 = 240 s
    await client.getStatus(ACCOUNT);
    expect(up.tokenBodies).toHaveLength(1);
    now += 2_000;
    await client.getStatus(ACCOUNT);
    expect(up.tokenBodies).toHaveLength(2);
    expect(up.calls[2]?.headers.get("authorization")).toBe(`Bearer ${up.tokens[1]}`);
  });

  it("renews by the answer's expires_in, not a fixed period", async () => {
    const up = fakeUpstream(() => envelope(200, statusView));
    up.expiresIn = 10;
    let now = 0;
    const { client } = testClient(up.fetch, { now: () => now });
    await client.getStatus(ACCOUNT);
    now = 8_001;
    await client.getStatus(ACCOUNT);
    expect(up.tokenBodies).toHaveLength(2);
  });

  it("on a 401 renews the token once and retries the call once", async () => {
    const up = fakeUpstream((call) =>
      call.headers.get("authorization") === `Bearer ${up.tokens[0]}`
        ? errorResponse(401, "token expired", { "WWW-Authenticate": "Bearer" })
        : envelope(200, statusView),
    );
    const { client, sleeps } = testClient(up.fetch);
    const res = await client.putStatus(ACCOUNT, { status: "active" }, { idempotencyKey: KEY });
    expect(res.data.status).toBe("active");
    expect(up.tokenBodies).toHaveLength(2);
    expect(up.calls).toHaveLength(2);
    expect(up.calls.map((c) => c.headers.get("idempotency-key"))).toEqual([KEY, KEY]);
    expect(sleeps).toEqual([]);
  });

  it("a second 401 is final: UnauthorizedError, no loop", async () => {
    const up = fakeUpstream(() => errorResponse(401, "Unauthorized"));
    const { client } = testClient(up.fetch);
    const err = await client.getStatus(ACCOUNT).catch((e) => e);
    expect(err).toBeInstanceOf(UnauthorizedError);
    expect(err.status).toBe(401);
    expect(up.tokenBodies).toHaveLength(2);
    expect(up.calls).toHaveLength(2);
  });

  it("bad credentials at the token endpoint: UnauthorizedError naming the settings, not the values", async () => {
    const fetchImpl: typeof fetch = async () =>
      new Response(JSON.stringify({ error: "invalid_client" }), {
        status: 401,
        headers: { "WWW-Authenticate": "Basic" },
      });
    const { client, logs } = testClient(fetchImpl);
    const err = await client.listAccounts().catch((e) => e);
    expect(err).toBeInstanceOf(UnauthorizedError);
    expect(err.message).toContain("invalid_client");
    expect(err.message).toContain("PARTNERSHIPS_CLIENT_SECRET");
    expect(err.message).not.toContain(SECRET);
    expect(JSON.stringify(logs)).not.toContain(SECRET);
    expect(await client.ping()).toBe(false);
  });

  it("ping obtains a token and reports reachability", async () => {
    const up = fakeUpstream(() => envelope(200, statusView));
    const { client } = testClient(up.fetch);
    expect(await client.ping()).toBe(true);
    expect(await client.ping()).toBe(true);
    expect(up.tokenBodies).toHaveLength(1);
    expect(client.parentAccountId).toBe(PARENT);
  });
});
