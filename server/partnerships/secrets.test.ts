import { describe, expect, it } from "vitest";
import { PartnershipsError } from "./errors";
import { ACCOUNT, envelope, errorResponse, fakeUpstream, KEY, SECRET, statusView, testClient } from "./test-fakes";

/** Everything a mistake could leak through: message, JSON form, enumerable props, logs. */
function exposed(err: unknown, logs: unknown[]): string {
  const e = err as Record<string, unknown>;
  const props = Object.keys(e).map((k) => String(e[k]));
  return [String((err as Error).message), JSON.stringify(err), ...props, JSON.stringify(logs)].join("\n");
}

describe("secrets", () => {
  it("an upstream message echoing the token is redacted everywhere", async () => {
    const up = fakeUpstream((c) => errorResponse(400, `${c.headers.get("authorization")} is not allowed here`));
    const { client, logs } = testClient(up.fetch);
    const err = await client.putStatus(ACCOUNT, { status: "active" }, { idempotencyKey: KEY }).catch((e) => e);
    expect(err).toBeInstanceOf(PartnershipsError);
    const text = exposed(err, logs);
    expect(up.tokens[0]).toBeDefined();
    expect(text).not.toContain(up.tokens[0]);
    expect(text).toContain("[redacted]");
  });

  it("a refused (already replaced) token echoed by a later answer is redacted too", async () => {
    const up = fakeUpstream(() => errorResponse(401, `token ${up.tokens[0]} is expired`));
    const { client, logs } = testClient(up.fetch);
    const err = await client.getStatus(ACCOUNT).catch((e) => e);
    expect(up.tokens).toHaveLength(2);
    expect(exposed(err, logs)).not.toContain(up.tokens[0]);
  });

  it("an upstream message echoing the secret is redacted", async () => {
    const up = fakeUpstream(() => errorResponse(500, `client_secret ${SECRET} rejected`));
    const { client, logs } = testClient(up.fetch, { maxAttempts: 2 });
    const err = await client.getStatus(ACCOUNT).catch((e) => e);
    expect(exposed(err, logs)).not.toContain(SECRET);
  });

  it("no log line or error across token failures, 401s, timeouts and successes carries the token or secret", async () => {
    const cases: Array<[typeof fetch, (c: ReturnType<typeof testClient>["client"]) => Promise<unknown>]> = [];
    const ok = fakeUpstream(() => envelope(200, statusView, { headers: { "X-Operation-Id": "op_1" } }));
    cases.push([ok.fetch, (c) => c.putStatus(ACCOUNT, { status: "active" }, { idempotencyKey: KEY })]);
    const unauth = fakeUpstream(() => errorResponse(401, "Unauthorized"));
    cases.push([unauth.fetch, (c) => c.getStatus(ACCOUNT)]);
    const slow = fakeUpstream(() => new Promise<Response>(() => {}));
    cases.push([slow.fetch, (c) => c.getStatus(ACCOUNT)]);
    const badToken: typeof fetch = async () =>
      new Response(`{"error":"invalid_client","echo":"${SECRET}"}`, { status: 401 });
    cases.push([badToken, (c) => c.getStatus(ACCOUNT)]);
    const down: typeof fetch = async () => {
      throw new TypeError("fetch failed");
    };
    cases.push([down, (c) => c.networkPrivacyRequest({ requestType: "NETWORK_OPT_OUT", phone: "+14155550100" })]);
    for (const [f, run] of cases) {
      const { client, logs } = testClient(f, { timeoutMs: 10, maxAttempts: 2 });
      const outcome = await run(client).catch((e) => e);
      const text = exposed(outcome, logs) + JSON.stringify(client);
      expect(text).not.toContain(SECRET);
      // Every fake token starts with "eyJtok"; none may surface, whichever case handed it out.
      expect(text).not.toContain("eyJtok");
    }
  });

  it("each attempt's request id is logged with method, path template, status, attempt and ms", async () => {
    const up = fakeUpstream((_c, i) =>
      i === 0
        ? errorResponse(500, "boom", { "X-Request-Id": "rid-1" })
        : envelope(200, statusView, { requestId: "rid-2", headers: { "X-Operation-Id": "op_9" } }),
    );
    const { client, logs } = testClient(up.fetch);
    await client.putStatus(ACCOUNT, { status: "paused" }, { idempotencyKey: KEY, dryRun: true });
    const lines = logs.filter((l) => l.event === "partnerships.request");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      method: "PUT",
      path: "/v1/partnership/accounts/{account_id}/status",
      status: 500,
      requestId: "rid-1",
      attempt: 1,
    });
    expect(lines[1]).toMatchObject({ status: 200, requestId: "rid-2", operationId: "op_9", attempt: 2 });
    expect(typeof lines[1]?.ms).toBe("number");
    expect(JSON.stringify(logs)).not.toContain(ACCOUNT);
    expect(JSON.stringify(logs)).not.toContain("dry_run");
  });
});
