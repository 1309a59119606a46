import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "./errors";
import { apiFetch, mintIdempotencyKey } from "./fetch";

afterEach(() => {
  vi.unstubAllGlobals();
});

function stubFetch(response: Response | Error) {
  const calls: { url: string; init: RequestInit }[] = [];
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    if (response instanceof Error) throw response;
    return response;
  });
  return calls;
}

describe("apiFetch", () => {
  it("sends the CSRF header, the key, JSON and dry_run", async () => {
    const calls = stubFetch(
      new Response(JSON.stringify({ data: 1 }), { status: 200, headers: { "Idempotent-Replayed": "true" } }),
    );
    const key = mintIdempotencyKey();
    const res = await apiFetch("/api/merchants/1/status", {
      method: "PUT",
      body: { status: "paused" },
      idempotencyKey: key,
      dryRun: true,
    });
    expect(res).toEqual({ status: 200, data: { data: 1 }, replayed: true });
    const [call] = calls;
    expect(call?.url).toBe("/api/merchants/1/status?dry_run=true");
    expect(call?.init.headers).toMatchObject({
      "X-Requested-With": "XMLHttpRequest",
      "Idempotency-Key": key,
      "Content-Type": "application/json",
    });
    expect(call?.init.body).toBe('{"status":"paused"}');
  });

  it("turns the error shape into an ApiError with fields, ids and Retry-After", async () => {
    stubFetch(
      new Response(
        JSON.stringify({
          error: {
            code: "validation_failed",
            message: "bad",
            fields: { name: "is empty" },
            requestId: "r1",
            operationId: "op_1",
          },
        }),
        { status: 429, headers: { "Retry-After": "3" } },
      ),
    );
    const err = await apiFetch("/api/x").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      status: 429,
      code: "validation_failed",
      fields: { name: "is empty" },
      requestId: "r1",
      operationId: "op_1",
      retryAfterSeconds: 3,
      retryable: true,
    });
  });

  it("reports a network failure as status 0, retryable", async () => {
    stubFetch(new TypeError("Failed to fetch"));
    await expect(apiFetch("/api/x")).rejects.toMatchObject({ status: 0, code: "network_error", retryable: true });
  });

  it("mints a new UUID each time", () => {
    const a = mintIdempotencyKey();
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    expect(mintIdempotencyKey()).not.toBe(a);
  });
});
