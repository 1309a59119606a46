import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEMO_PARENT_ACCOUNT_ID } from "./demo-platform";
import { KEY, type Kit, openKit, tokenFor } from "./testkit";

let kit: Kit;
let account: string;
const statusPath = () => `/v1/partnership/accounts/${account}/status`;

beforeEach(async () => {
  kit = await openKit();
  account = (await kit.accounts())[0].account_id;
});
afterEach(() => kit.close());

describe("idempotency (SPEC §3)", () => {
  it("replays the first answer byte for byte with Idempotent-Replayed and a new X-Request-Id", async () => {
    const key = KEY();
    const first = await kit.json(
      await kit.write("PUT", statusPath(), { status: "paused" }, { "Idempotency-Key": key }),
    );
    await kit.write("PUT", statusPath(), { status: "active" }); // state moves on under another key
    const again = await kit.json(
      await kit.write("PUT", statusPath(), { status: "paused" }, { "Idempotency-Key": key }),
    );
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.text).toBe(first.text);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect(first.headers.get("Idempotent-Replayed")).toBeNull();
    expect(again.headers.get("X-Operation-Id")).toBe(first.headers.get("X-Operation-Id"));
    expect(again.headers.get("X-Request-Id")).not.toBe(first.headers.get("X-Request-Id"));
    expect(first.headers.get("X-Request-Id")).toBe(first.body.request_id);
  });

  it("compares bodies as JSON values: key order and whitespace ignored, quoted and upper-case keys equal", async () => {
    const key = KEY();
    const body = { name: "N", domains: [{ domain: "a.com", policy: "Block" }] };
    const mcl = `/v1/partnership/accounts/${account}/marketplacecontrolslists`;
    const first = await kit.json(await kit.write("PUT", mcl, body, { "Idempotency-Key": key }));
    const raw = '{ "domains" : [ { "policy":"Block", "domain":"a.com" } ],\n "name":"N" }';
    const again = await kit.json(
      await kit.call("PUT", mcl, {
        raw,
        headers: {
          "Content-Type": "application/json",
          "X-Platform-Parent-Account-Id": DEMO_PARENT_ACCOUNT_ID,
          "Idempotency-Key": `"${key.toUpperCase()}"`,
        },
      }),
    );
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect(again.text).toBe(first.text);
  });

  it("answers 422 for the same key with another request, pointing at the first operation, and keeps the first", async () => {
    const key = KEY();
    const first = await kit.write("PUT", statusPath(), { status: "paused" }, { "Idempotency-Key": key });
    const other = await kit.json(
      await kit.write("PUT", statusPath(), { status: "active" }, { "Idempotency-Key": key }),
    );
    expect(other.status).toBe(422);
    expect(other.body.error).toBe("ValidationFailed");
    expect(other.body.message).toBe("Idempotency-Key was used with a different request");
    expect(other.headers.get("X-Operation-Id")).toBe(first.headers.get("X-Operation-Id"));
    const dry = await kit.json(
      await kit.write("PUT", `${statusPath()}?dry_run=true`, { status: "paused" }, { "Idempotency-Key": key }),
    );
    expect(dry.status).toBe(422);
    const replay = await kit.write(
      "PUT",
      `${statusPath()}?dry_run=false`,
      { status: "paused" },
      { "Idempotency-Key": key },
    );
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
  });

  it("answers 409 with Retry-After: 1 while the first request runs", async () => {
    await kit.admin("POST", "/_sandbox/faults", { latency_ms: 300 });
    const key = KEY();
    const slow = kit.write("PUT", statusPath(), { status: "paused" }, { "Idempotency-Key": key });
    await new Promise((r) => setTimeout(r, 50));
    await kit.admin("POST", "/_sandbox/faults", { latency_ms: 0 });
    const busy = await kit.json(await kit.write("PUT", statusPath(), { status: "paused" }, { "Idempotency-Key": key }));
    const done = await slow;
    expect(busy.status).toBe(409);
    expect(busy.headers.get("Retry-After")).toBe("1");
    expect(busy.headers.get("X-Operation-Id")).toBe(done.headers.get("X-Operation-Id"));
    const after = await kit.write("PUT", statusPath(), { status: "paused" }, { "Idempotency-Key": key });
    expect(after.headers.get("Idempotent-Replayed")).toBe("true");
  });

  it("scopes keys per account and forgets them after 24 hours", async () => {
    const second = (await kit.accounts())[1].account_id;
    const key = KEY();
    const a = await kit.write("PUT", statusPath(), { status: "paused" }, { "Idempotency-Key": key });
    const b = await kit.write(
      "PUT",
      `/v1/partnership/accounts/${second}/status`,
      { status: "paused" },
      { "Idempotency-Key": key },
    );
    expect(b.headers.get("Idempotent-Replayed")).toBeNull();
    expect(b.headers.get("X-Operation-Id")).not.toBe(a.headers.get("X-Operation-Id"));
    kit.clock.now += 24 * 3600 * 1000 + 1;
    kit.token = await tokenFor(kit.sb); // the old token expired with the clock jump
    const later = await kit.write("PUT", statusPath(), { status: "active" }, { "Idempotency-Key": key });
    expect(later.status).toBe(200);
    expect(later.headers.get("Idempotent-Replayed")).toBeNull();
  });

  it("rejects a missing or malformed key with 400 before any operation", async () => {
    for (const key of [
      undefined,
      "",
      "not-a-uuid",
      "00000000-0000-0000-0000-000000000000",
      '""3b241101-e2bb-4255-8caf-4136c566a962""',
    ]) {
      const headers: Record<string, string> = { "X-Platform-Parent-Account-Id": DEMO_PARENT_ACCOUNT_ID };
      if (key !== undefined) headers["Idempotency-Key"] = key;
      const r = await kit.json(await kit.call("PUT", statusPath(), { body: { status: "paused" }, headers }));
      expect(r.status).toBe(400);
      expect(r.body.message).toMatch(/Idempotency-Key/);
      expect(r.headers.get("X-Operation-Id")).toBeNull();
    }
  });

  it("keeps 4xx outcomes but not 5xx: a key that met an injected 500 is new again", async () => {
    const key = KEY();
    const bad = await kit.json(await kit.write("PUT", statusPath(), { status: "gone" }, { "Idempotency-Key": key }));
    expect(bad.status).toBe(400);
    const badAgain = await kit.write("PUT", statusPath(), { status: "gone" }, { "Idempotency-Key": key });
    expect(badAgain.headers.get("Idempotent-Replayed")).toBe("true");

    await kit.admin("POST", "/_sandbox/faults", { error_rate: 1 });
    const key2 = KEY();
    const boom = await kit.json(
      await kit.write("PUT", statusPath(), { status: "paused" }, { "Idempotency-Key": key2 }),
    );
    expect(boom.status).toBe(500);
    await kit.admin("POST", "/_sandbox/faults", { error_rate: 0 });
    const retry = await kit.json(
      await kit.write("PUT", statusPath(), { status: "paused" }, { "Idempotency-Key": key2 }),
    );
    expect(retry.status).toBe(200);
    expect(retry.headers.get("Idempotent-Replayed")).toBeNull();
    const op = await kit.json(
      await kit.call("GET", `/v1/partnership/operations/${boom.headers.get("X-Operation-Id")}`),
    );
    expect(op.body.data).toMatchObject({ status: "failed", http_status: 500 });
  });
});
