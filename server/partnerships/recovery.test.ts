import { describe, expect, it } from "vitest";
import { ConflictError, StaleContentError } from "./errors";
import {
  ACCOUNT,
  envelope,
  errorResponse,
  fakeUpstream,
  KEY,
  type RecordedCall,
  statusView,
  testClient,
} from "./test-fakes";

const OP = "op_abcdefghijklmnopqrstuvwxyz";
const inFlight = () =>
  errorResponse(409, "Idempotency-Key is in use by a running request", { "Retry-After": "1", "X-Operation-Id": OP });

function operation(status: string, http_status: number | null, response_body?: unknown) {
  return envelope(200, {
    operation_id: OP,
    operation_type: "putPartnershipStatus",
    account_id: ACCOUNT,
    status,
    dry_run: false,
    created_at: "2026-11-28T10:00:00.000Z",
    updated_at: "2026-11-28T10:00:00.000Z",
    http_status,
    ...(response_body === undefined ? {} : { response_body }),
    error: null,
  });
}
const isPoll = (c: RecordedCall) => c.path === `/v1/partnership/operations/${OP}`;
const writes = (calls: RecordedCall[]) => calls.filter((c) => !isPoll(c));

describe("recovery of lost answers", () => {
  it("409 in flight: polls the operation until settled and returns its kept answer", async () => {
    let polls = 0;
    const kept = { status: 200, error: null, message: "ok", request_id: "req-first", data: statusView };
    const up = fakeUpstream((c) => {
      if (!isPoll(c)) return inFlight();
      polls++;
      return polls < 3 ? operation("in_progress", null) : operation("completed", 200, kept);
    });
    const seen: string[] = [];
    const { client, sleeps } = testClient(up.fetch, { baseDelayMs: 100 });
    const res = await client.putStatus(
      ACCOUNT,
      { status: "active" },
      { idempotencyKey: KEY, onOperationId: (id) => void seen.push(id) },
    );
    expect(res).toMatchObject({
      status: 200,
      operationId: OP,
      requestId: "req-first",
      replayed: true,
      data: statusView,
    });
    expect(writes(up.calls)).toHaveLength(1);
    expect(polls).toBe(3);
    expect(sleeps).toEqual([100, 200]);
    expect(seen).toEqual([OP]);
  });

  it("a kept 4xx in the operation becomes the matching typed error", async () => {
    const kept = { status: 409, error: "Conflict", message: "contentHash is stale", request_id: "req-k", data: null };
    const up = fakeUpstream((c) => (isPoll(c) ? operation("failed", 409, kept) : inFlight()));
    const { client } = testClient(up.fetch);
    const err = await client
      .putControls(ACCOUNT, { name: "n", contentHash: "old" }, { idempotencyKey: KEY })
      .catch((e) => e);
    expect(err).toBeInstanceOf(StaleContentError);
    expect(err).toMatchObject({ requestId: "req-k", operationId: OP });
    expect(writes(up.calls)).toHaveLength(1);
  });

  it("tolerance: an operation settled without response_body makes the client resend with the same key", async () => {
    const up = fakeUpstream((c, i) => {
      if (isPoll(c)) return operation("completed", 200);
      return i === 0 ? inFlight() : envelope(200, statusView, { headers: { "Idempotent-Replayed": "true" } });
    });
    const { client } = testClient(up.fetch);
    const res = await client.putStatus(ACCOUNT, { status: "active" }, { idempotencyKey: KEY });
    expect(res.replayed).toBe(true);
    expect(writes(up.calls).map((c) => c.headers.get("idempotency-key"))).toEqual([KEY, KEY]);
  });

  it("an interrupted operation (no http_status, failed) is resent too", async () => {
    const up = fakeUpstream((c, i) => {
      if (isPoll(c)) return operation("failed", null);
      return i === 0 ? inFlight() : envelope(200, statusView);
    });
    const { client } = testClient(up.fetch);
    await client.putStatus(ACCOUNT, { status: "active" }, { idempotencyKey: KEY });
    expect(writes(up.calls)).toHaveLength(2);
  });

  it("an unknown operation (404) is resent with the same key", async () => {
    const up = fakeUpstream((c, i) => {
      if (isPoll(c)) return errorResponse(404, "Not Found");
      return i === 0 ? inFlight() : envelope(200, statusView);
    });
    const { client } = testClient(up.fetch);
    await client.putStatus(ACCOUNT, { status: "active" }, { idempotencyKey: KEY });
    expect(writes(up.calls)).toHaveLength(2);
  });

  it("polling that fails (5xx after its retries) falls back to resending the same key", async () => {
    const up = fakeUpstream((c, i) => {
      if (isPoll(c)) return errorResponse(503, "unavailable");
      return i === 0 ? inFlight() : envelope(200, statusView, { headers: { "Idempotent-Replayed": "true" } });
    });
    const { client } = testClient(up.fetch, { maxAttempts: 2 });
    const res = await client.putStatus(ACCOUNT, { status: "active" }, { idempotencyKey: KEY });
    expect(res.replayed).toBe(true);
    expect(up.calls.filter(isPoll)).toHaveLength(2);
    expect(writes(up.calls).map((c) => c.headers.get("idempotency-key"))).toEqual([KEY, KEY]);
  });

  it("a 409 in flight without X-Operation-Id waits Retry-After and resends", async () => {
    const up = fakeUpstream((_c, i) =>
      i === 0
        ? errorResponse(409, "Idempotency-Key is in use by a running request", { "Retry-After": "1" })
        : envelope(200, statusView),
    );
    const { client, sleeps } = testClient(up.fetch);
    await client.putStatus(ACCOUNT, { status: "active" }, { idempotencyKey: KEY });
    expect(sleeps).toEqual([1000]);
    expect(up.calls).toHaveLength(2);
  });

  it("gives up polling after maxPollMs with a ConflictError naming the operation", async () => {
    const up = fakeUpstream((c) => (isPoll(c) ? operation("in_progress", null) : inFlight()));
    const { client } = testClient(up.fetch, { baseDelayMs: 100, maxDelayMs: 1000, maxPollMs: 3000 });
    const err = await client.putStatus(ACCOUNT, { status: "active" }, { idempotencyKey: KEY }).catch((e) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.reason).toBe("in_flight");
    expect(err.operationId).toBe(OP);
    expect(err.message).toContain(OP);
  });

  it("a dropped answer is resent with the same key and the replay is returned", async () => {
    let applied = 0;
    const up = fakeUpstream((_c, i) => {
      if (i === 0) {
        applied++;
        throw new TypeError("fetch failed", { cause: new Error("other side closed") });
      }
      return envelope(200, statusView, { headers: { "Idempotent-Replayed": "true", "X-Operation-Id": OP } });
    });
    const { client } = testClient(up.fetch);
    const res = await client.putStatus(ACCOUNT, { status: "active" }, { idempotencyKey: KEY });
    expect(applied).toBe(1);
    expect(res).toMatchObject({ replayed: true, operationId: OP });
  });
});
