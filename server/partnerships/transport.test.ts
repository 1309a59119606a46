import { describe, expect, it } from "vitest";
import {
  BadRequestError,
  ForbiddenError,
  RateLimitedError,
  UpstreamServerError,
  UpstreamUnavailableError,
  ValidationFailedError,
} from "./errors";
import { ACCOUNT, envelope, errorResponse, fakeUpstream, KEY, PARENT, statusView, testClient } from "./test-fakes";

const privacyBody = { requestType: "NETWORK_OPT_OUT" as const, email: "jo@example.com" };
const accepted = () =>
  new Response(JSON.stringify({ requestId: "3f0c6a1e-3b7d-4c1a-9e2f-0a1b2c3d4e5f", status: "submitted" }), {
    status: 202,
    headers: { "X-Request-Id": "rq-202" },
  });

describe("request headers", () => {
  it("reads carry Bearer, the parent header, and no key", async () => {
    const up = fakeUpstream(() => envelope(200, { accounts: [], next_cursor: null }));
    const { client } = testClient(up.fetch);
    await client.listAccounts({ limit: 10 });
    const c = up.calls[0]!;
    expect(c.headers.get("authorization")).toBe(`Bearer ${up.tokens[0]}`);
    expect(c.headers.get("x-platform-parent-account-id")).toBe(PARENT);
    expect(c.headers.get("idempotency-key")).toBeNull();
    expect(c.url.searchParams.get("parent_account_id")).toBe(PARENT);
    expect(c.url.searchParams.get("limit")).toBe("10");
    expect(c.url.searchParams.has("cursor")).toBe(false);
  });

  it("writes carry the caller's key, a JSON body and ?dry_run=true when asked", async () => {
    const up = fakeUpstream(() =>
      envelope(200, statusView, { headers: { "X-Dry-Run": "true", "X-Operation-Id": "op_1" } }),
    );
    const { client } = testClient(up.fetch);
    const res = await client.putStatus(ACCOUNT, { status: "active" }, { idempotencyKey: KEY, dryRun: true });
    const c = up.calls[0]!;
    expect(c.method).toBe("PUT");
    expect(c.path).toBe(`/v1/partnership/accounts/${ACCOUNT}/status`);
    expect(c.url.searchParams.get("dry_run")).toBe("true");
    expect(c.headers.get("idempotency-key")).toBe(KEY);
    expect(c.headers.get("content-type")).toBe("application/json");
    expect(JSON.parse(c.body!)).toEqual({ status: "active" });
    expect(res).toMatchObject({ dryRun: true, operationId: "op_1", replayed: false, status: 200 });
  });

  it("register sends the caller's key too", async () => {
    const up = fakeUpstream(() =>
      envelope(200, { account_id: ACCOUNT, external_account_id: "m-1", status: "paused", pages: [] }),
    );
    const { client } = testClient(up.fetch);
    await client.register(
      {
        brand: "Acme",
        vertical_id: 1500,
        sub_vertical_id: 1610,
        country_code: "US",
        platform_parent_account_id: PARENT,
        store_identifier: "https://acme.example",
        external_account_id: "m-1",
      },
      { idempotencyKey: KEY },
    );
    expect(up.calls[0]?.headers.get("idempotency-key")).toBe(KEY);
  });

  it("payout setup refuses dryRun locally, sending nothing", async () => {
    const up = fakeUpstream(() => envelope(200, {}));
    const { client } = testClient(up.fetch);
    const body = { return_url: "https://a.example/r", refresh_url: "https://a.example/f" };
    const err = await client.payoutSetup(ACCOUNT, body, { idempotencyKey: KEY, dryRun: true }).catch((e) => e);
    expect(err).toBeInstanceOf(BadRequestError);
    expect(err.local).toBe(true);
    expect(err.message).toMatch(/no dry-run/);
    expect(up.calls).toHaveLength(0);
  });
});

describe("retries", () => {
  it("honours Retry-After on 429, same key on the retry", async () => {
    const up = fakeUpstream((_c, i) =>
      i === 0 ? errorResponse(429, "Too many requests", { "Retry-After": "7" }) : envelope(200, statusView),
    );
    const { client, sleeps } = testClient(up.fetch);
    await client.putStatus(ACCOUNT, { status: "paused" }, { idempotencyKey: KEY });
    expect(sleeps).toEqual([7000]);
    expect(up.calls.map((c) => c.headers.get("idempotency-key"))).toEqual([KEY, KEY]);
  });

  it("reads Retry-After given as an HTTP date", async () => {
    const now = Date.parse("2026-11-29T05:00:00.000Z");
    const up = fakeUpstream((_c, i) =>
      i === 0
        ? errorResponse(503, "maintenance", { "Retry-After": "Sun, 29 Nov 2026 05:00:03 GMT" })
        : envelope(200, statusView),
    );
    const { client, sleeps } = testClient(up.fetch, { now: () => now });
    await client.getStatus(ACCOUNT);
    expect(sleeps).toEqual([3000]);
  });

  it("backs off on its own when a 429 has no Retry-After", async () => {
    const up = fakeUpstream((_c, i) => (i < 2 ? errorResponse(429, "slow down") : envelope(200, statusView)));
    const { client, sleeps } = testClient(up.fetch, { baseDelayMs: 100, random: () => 0.5 });
    await client.getStatus(ACCOUNT);
    expect(sleeps).toEqual([50, 100]);
  });

  it("does not wait out a Retry-After beyond maxRetryAfterMs: the caller gets RateLimitedError", async () => {
    const up = fakeUpstream(() => errorResponse(429, "Too many requests", { "Retry-After": "45" }));
    const { client, sleeps } = testClient(up.fetch, { maxRetryAfterMs: 30_000 });
    const err = await client.getStatus(ACCOUNT).catch((e) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect(err.retryAfterSeconds).toBe(45);
    expect(err.message).toContain("45 s");
    expect(sleeps).toEqual([]);
    expect(up.calls).toHaveLength(1);
  });

  it("exponential backoff with full jitter, capped, on 5xx; gives up after maxAttempts", async () => {
    const up = fakeUpstream(() => errorResponse(500, "boom"));
    const draws = [1, 0.5, 0.999, 0.25];
    const { client, sleeps } = testClient(up.fetch, {
      baseDelayMs: 100,
      maxDelayMs: 300,
      maxAttempts: 5,
      random: () => draws.shift() ?? 0,
    });
    const err = await client.getStatus(ACCOUNT).catch((e) => e);
    expect(err).toBeInstanceOf(UpstreamServerError);
    expect(err.attempts).toBe(5);
    expect(up.calls).toHaveLength(5);
    // ceilings 100, 200, 300 (capped from 400), 300 (capped from 800), each scaled by the draw
    expect(sleeps).toEqual([100, 100, 299, 75]);
  });

  it.each([
    [400, BadRequestError, "name must be 1 to 120 characters long"],
    [403, ForbiddenError, "Forbidden"],
    [422, ValidationFailedError, "X-Platform-Parent-Account-Id is required"],
  ])("never retries a %i", async (status, cls, message) => {
    const up = fakeUpstream(() => errorResponse(status, message));
    const { client, sleeps } = testClient(up.fetch);
    const err = await client.putControls(ACCOUNT, { name: "x" }, { idempotencyKey: KEY }).catch((e) => e);
    expect(err).toBeInstanceOf(cls);
    expect(up.calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("retries a keyed write after a network error, with the same key", async () => {
    const up = fakeUpstream((_c, i) => {
      if (i === 0) throw new TypeError("fetch failed");
      return envelope(200, statusView, { headers: { "Idempotent-Replayed": "true" } });
    });
    const { client } = testClient(up.fetch);
    const res = await client.putStatus(ACCOUNT, { status: "active" }, { idempotencyKey: KEY });
    expect(res.replayed).toBe(true);
    expect(up.calls.map((c) => c.headers.get("idempotency-key"))).toEqual([KEY, KEY]);
  });

  it("times out a try after timeoutMs and retries; then reports Timeout with outcome unknown", async () => {
    const up = fakeUpstream(() => new Promise<Response>(() => {}));
    const { client } = testClient(up.fetch, { timeoutMs: 20, maxAttempts: 2 });
    const err = await client.putStatus(ACCOUNT, { status: "active" }, { idempotencyKey: KEY }).catch((e) => e);
    expect(err).toBeInstanceOf(UpstreamUnavailableError);
    expect(err.code).toBe("Timeout");
    expect(err.outcomeUnknown).toBe(true);
    expect(err.message).toMatch(/same key/);
    expect(up.calls).toHaveLength(2);
  });

  it("a read that cannot connect is retried, then reported as NetworkError (outcome known)", async () => {
    const up = fakeUpstream(() => {
      throw new TypeError("fetch failed");
    });
    const { client } = testClient(up.fetch, { maxAttempts: 3 });
    const err = await client.getControls(ACCOUNT).catch((e) => e);
    expect(err).toBeInstanceOf(UpstreamUnavailableError);
    expect(err.code).toBe("NetworkError");
    expect(err.outcomeUnknown).toBe(false);
    expect(up.calls).toHaveLength(3);
  });

  it("a caller's abort stops the call without retrying", async () => {
    const up = fakeUpstream(() => new Promise<Response>(() => {}));
    const { client } = testClient(up.fetch);
    const ctl = new AbortController();
    const pending = client.getStatus(ACCOUNT, { signal: ctl.signal }).catch((e) => e);
    setTimeout(() => ctl.abort(new Error("user left")), 5);
    expect((await pending).message).toBe("user left");
    expect(up.calls).toHaveLength(1);
  });
});

describe("network privacy requests (no key upstream)", () => {
  it("succeeds with the bare 202 body", async () => {
    const up = fakeUpstream(() => accepted());
    const { client } = testClient(up.fetch);
    const res = await client.networkPrivacyRequest(privacyBody);
    expect(res).toMatchObject({ status: 202, requestId: "rq-202", data: { status: "submitted" } });
    expect(up.calls[0]?.headers.get("idempotency-key")).toBeNull();
    expect(up.calls[0]?.url.searchParams.get("parent_account_id")).toBe(PARENT);
  });

  it("is not resent after a network error: outcome unknown, check before resubmitting", async () => {
    const up = fakeUpstream(() => {
      throw new TypeError("fetch failed");
    });
    const { client } = testClient(up.fetch);
    const err = await client.networkPrivacyRequest(privacyBody).catch((e) => e);
    expect(err).toBeInstanceOf(UpstreamUnavailableError);
    expect(err.outcomeUnknown).toBe(true);
    expect(err.message).toMatch(/duplicate/);
    expect(up.calls).toHaveLength(1);
  });

  it("is not resent after a 5xx or a timeout", async () => {
    const up500 = fakeUpstream(() => errorResponse(500, "boom"));
    await expect(testClient(up500.fetch).client.networkPrivacyRequest(privacyBody)).rejects.toBeInstanceOf(
      UpstreamServerError,
    );
    expect(up500.calls).toHaveLength(1);
    const upSlow = fakeUpstream(() => new Promise<Response>(() => {}));
    const err = await testClient(upSlow.fetch, { timeoutMs: 15 })
      .client.networkPrivacyRequest(privacyBody)
      .catch((e) => e);
    expect(err.code).toBe("Timeout");
    expect(upSlow.calls).toHaveLength(1);
  });

  it("is resent after a 429 (rejected before any work)", async () => {
    const up = fakeUpstream((_c, i) => (i === 0 ? errorResponse(429, "slow", { "Retry-After": "1" }) : accepted()));
    const { client, sleeps } = testClient(up.fetch);
    await client.networkPrivacyRequest(privacyBody, { dryRun: true });
    expect(up.calls).toHaveLength(2);
    expect(up.calls[1]?.url.searchParams.get("dry_run")).toBe("true");
    expect(sleeps).toEqual([1000]);
  });
});
