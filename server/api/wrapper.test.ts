import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/server/db/schema";
import { canonicalJson, sha256 } from "./hash";
import { ROUTES } from "./routes";
import { createHarness, type Harness } from "./test-harness";
import { dispatch } from "./wrapper";

let h: Harness;
let account: string;

beforeEach(async () => {
  h = await createHarness();
  [account = ""] = await h.merchants(1);
});
afterEach(async () => {
  await h.close();
});

async function audit(action?: string) {
  return (await h.db.audit.list({ action, limit: 200 })).entries;
}
async function journal() {
  return (await h.db.journal.list({ limit: 200 })).entries;
}

describe("route lookup", () => {
  it("answers 404 JSON for a route not in the table and 405 for another method", async () => {
    h.as(h.users.admin);
    const missing = await h.call("GET", "/api/nothing-here");
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("not_found");
    expect(missing.headers.get("cache-control")).toBe("no-store");
    const wrong = await h.call("DELETE", `/api/merchants/${account}/controls`);
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("GET, PUT");
  });
});

describe("session and role", () => {
  it("answers 401 without a session and audits a refused write", async () => {
    h.as(null);
    const read = await h.call("GET", "/api/merchants");
    expect(read.status).toBe(401);
    expect(read.body.error.code).toBe("unauthenticated");
    const write = await h.call("PUT", `/api/merchants/${account}/status`, { body: { status: "paused" } });
    expect(write.status).toBe(401);
    const entries = await audit("request.denied.session");
    expect(entries.map((e) => e.request)).toMatchObject([{ method: "PUT" }, { method: "GET" }]);
    const [entry] = entries;
    expect(entry?.outcome).toBe("denied");
    expect(entry?.httpStatus).toBe(401);
    expect(await journal()).toEqual([]);
  });

  it("answers 403 below the route's role and audits it", async () => {
    h.as(h.users.support);
    const res = await h.call("POST", `/api/merchants/${account}/payout-setup`, {
      body: { return_url: "https://a.example.com/r", refresh_url: "https://a.example.com/f" },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("forbidden");
    const [entry] = await audit("request.denied.role");
    expect(entry).toMatchObject({
      userEmail: "support@api.test",
      role: "support",
      merchantId: account,
      httpStatus: 403,
    });
    expect(await journal()).toEqual([]);
  });
});

describe("CSRF", () => {
  const cases: [string, Record<string, string | null>][] = [
    ["a forged Origin", { Origin: "https://evil.example" }],
    ["a cross-site Sec-Fetch-Site", { "Sec-Fetch-Site": "cross-site" }],
    ["a same-site (other subdomain) Sec-Fetch-Site", { "Sec-Fetch-Site": "same-site" }],
    ["no X-Requested-With", { "X-Requested-With": null }],
    ["a wrong X-Requested-With", { "X-Requested-With": "fetch" }],
  ];
  for (const [name, headers] of cases) {
    it(`refuses a write with ${name}, audits it, and sends nothing upstream`, async () => {
      h.as(h.users.admin);
      const before = await h.client.getStatus(account);
      const target = before.data.status === "active" ? "paused" : "active";
      const res = await h.call("PUT", `/api/merchants/${account}/status`, { body: { status: target }, headers });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("csrf_rejected");
      expect((await h.client.getStatus(account)).data.status).toBe(before.data.status);
      expect(await journal()).toEqual([]);
      const [entry] = await audit("request.denied.csrf");
      expect(entry).toMatchObject({
        userEmail: "admin@api.test",
        outcome: "denied",
        httpStatus: 403,
        merchantId: account,
      });
    });
  }

  it("accepts a write with no Origin and no Sec-Fetch-Site when the custom header is there", async () => {
    h.as(h.users.support);
    const res = await h.call("PUT", `/api/merchants/${account}/status`, {
      body: { status: "paused" },
      headers: { Origin: null, "Sec-Fetch-Site": null },
    });
    expect(res.status).toBe(200);
  });

  it("accepts the AUTH_URL origin", async () => {
    h.config.authUrl = "https://console.example.com";
    h.as(h.users.support);
    const res = await h.call("PUT", `/api/merchants/${account}/status`, {
      body: { status: "paused" },
      headers: { Origin: "https://console.example.com" },
    });
    expect(res.status).toBe(200);
  });
});

describe("bodies and validation", () => {
  it("answers 400 to malformed JSON", async () => {
    h.as(h.users.support);
    const res = await h.call("PUT", `/api/merchants/${account}/status`, { raw: '{"status": ' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "validation_failed", fields: { body: "is not valid JSON" } });
  });

  it("answers 413 to a body over 256 KiB", async () => {
    h.as(h.users.support);
    const res = await h.call("PUT", `/api/merchants/${account}/controls`, {
      raw: JSON.stringify({ name: "x".repeat(300 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("payload_too_large");
    expect(await journal()).toEqual([]);
  });

  it("answers 415 to a write that is not JSON", async () => {
    h.as(h.users.support);
    const res = await h.call("PUT", `/api/merchants/${account}/status`, {
      raw: "status=paused",
      contentType: "text/plain",
    });
    expect(res.status).toBe(415);
  });

  it("names each invalid field with the contract's messages", async () => {
    h.as(h.users.support);
    const res = await h.call("PUT", `/api/merchants/${account}/controls?dry_run=maybe`, {
      body: {
        name: "",
        blockedVerticals: [{ partnerVerticalId: 1500, partnerSubVerticalId: 1610, policy: "Allow" }],
        extra: 1,
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_failed");
    expect(res.body.error.fields).toEqual({
      name: "must be 1 to 120 characters long",
      "blockedVerticals.0.policy": 'must be "Block"',
      extra: "is not a known field",
      "query.dry_run": "must be true or false",
    });
    expect(res.body.error.message).toMatch(/^The request is invalid: /);
    const bad = await h.call("GET", "/api/merchants/123/status");
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual({ "params.accountId": "is not a valid account id (16 digits)" });
  });

  it("validates the status body, reason included", async () => {
    h.as(h.users.support);
    const res = await h.call("PUT", `/api/merchants/${account}/status`, {
      body: { status: "x".repeat(1), reason: "" },
    });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields).sort()).toEqual(["reason", "status"]);
  });
});

describe("idempotency", () => {
  it("refuses a write without a key or with a malformed one", async () => {
    h.as(h.users.support);
    const missing = await h.call("PUT", `/api/merchants/${account}/status`, { body: { status: "paused" }, key: null });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe("idempotency_key_required");
    const bad = await h.call("PUT", `/api/merchants/${account}/status`, { body: { status: "paused" }, key: "abc" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("idempotency_key_invalid");
    expect(await journal()).toEqual([]);
  });

  it("replays the kept answer for the same key and body, once upstream", async () => {
    h.as(h.users.support);
    const key = randomUUID();
    const first = await h.call("PUT", `/api/merchants/${account}/status`, { body: { status: "paused" }, key });
    expect(first.status).toBe(200);
    const again = await h.call("PUT", `/api/merchants/${account}/status`, { body: { status: "paused" }, key });
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body).toEqual(first.body);
    expect(await journal()).toHaveLength(1);
  });

  it("refuses the same key with a different body with 422 before anything goes upstream", async () => {
    h.as(h.users.support);
    const key = randomUUID();
    expect((await h.call("PUT", `/api/merchants/${account}/status`, { body: { status: "paused" }, key })).status).toBe(
      200,
    );
    const other = await h.call("PUT", `/api/merchants/${account}/status`, { body: { status: "active" }, key });
    expect(other.status).toBe(422);
    expect(other.body.error).toMatchObject({
      code: "idempotency_key_reused",
      message: "This Idempotency-Key was already used for a different request",
    });
    expect((await h.client.getStatus(account)).data.status).toBe("paused");
    expect(await journal()).toHaveLength(1);
  });

  it("answers 409 with Retry-After while the same intent is running", async () => {
    h.as(h.users.support);
    const key = randomUUID();
    const route = `PUT /api/merchants/${account}/status`;
    const { sha256, canonicalJson } = await import("./hash");
    const hash = sha256(canonicalJson({ body: { status: "paused" }, dryRun: false }));
    expect(await h.db.intents.begin({ key, userId: h.users.support.id, route, bodyHash: hash })).toEqual({
      state: "new",
    });
    const res = await h.call("PUT", `/api/merchants/${account}/status`, { body: { status: "paused" }, key });
    expect(res.status).toBe(409);
    expect(res.headers.get("retry-after")).toBe("1");
  });
});

describe("upstream errors", () => {
  it("keeps the upstream request id and operation id on a 4xx (stale contentHash)", async () => {
    h.as(h.users.support);
    const res = await h.call("PUT", `/api/merchants/${account}/controls`, {
      body: { name: "Controls", contentHash: "stale-hash" },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("conflict");
    expect(res.body.error.message).toBe("contentHash is stale");
    expect(res.body.error.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.error.operationId).toMatch(/^op_/);
    const [op] = await journal();
    expect(op).toMatchObject({ operationId: res.body.error.operationId, status: "failed", httpStatus: 409 });
    expect(JSON.stringify(res.body)).not.toMatch(/stack|rsec_|Bearer|access_token/);
  });

  it("answers 403 for another platform's merchant, with the request id", async () => {
    h.as(h.users.support);
    const res = await h.call("GET", "/api/merchants/1000000000009999/status");
    expect([403, 404]).toContain(res.status);
    expect(res.body.error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("maps upstream 5xx on a write to 502 'outcome unknown', releases the key, and a retry with it succeeds", async () => {
    h.as(h.users.support);
    await h.sandbox("POST", "/_sandbox/faults", { error_rate: 1 });
    const key = randomUUID();
    const res = await h.call("PUT", `/api/merchants/${account}/status`, { body: { status: "paused" }, key });
    expect(res.status).toBe(502);
    expect(res.body.error.message).toContain("the outcome is unknown; it is safe to retry with the same key");
    expect(res.body.error.requestId).toMatch(/^[0-9a-f-]{36}$/);
    await h.sandbox("POST", "/_sandbox/faults", { error_rate: 0 });
    const retry = await h.call("PUT", `/api/merchants/${account}/status`, { body: { status: "paused" }, key });
    expect(retry.status).toBe(200);
    expect(retry.headers.get("idempotent-replayed")).toBeNull();
  });
});

describe("audit and journal of writes", () => {
  it("records before/after, ids, key and the reason, and strips the reason upstream", async () => {
    h.as(h.users.support);
    const before = (await h.client.getStatus(account)).data.status;
    const target = before === "active" ? "paused" : "active";
    const key = randomUUID();
    const res = await h.call("PUT", `/api/merchants/${account}/status`, {
      body: { status: target, reason: "merchant asked by phone" },
      key,
    });
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.body.data.status).toBe(target);
    const [entry] = await audit("merchant.status.update");
    expect(entry).toMatchObject({
      userEmail: "support@api.test",
      role: "support",
      merchantId: account,
      outcome: "success",
      httpStatus: 200,
      before: { status: before },
      after: { status: target },
      idempotencyKey: key,
      operationId: res.body.operationId,
      upstreamRequestId: res.body.requestId,
      userAgent: "vitest",
    });
    expect(entry?.request).toMatchObject({ method: "PUT", body: { reason: "merchant asked by phone" } });
    const [op] = await journal();
    expect(op).toMatchObject({
      operationId: res.body.operationId,
      status: "completed",
      merchantId: account,
      idempotencyKey: key,
    });
  });

  it("audits a refused (invalid) write too", async () => {
    h.as(h.users.support);
    await h.call("PUT", `/api/merchants/${account}/status`, { body: { status: "gone" } });
    const [entry] = await audit("merchant.status.update");
    expect(entry).toMatchObject({ outcome: "failure", httpStatus: 400 });
  });

  it("learns pages from add-pages answers, but not from dry runs", async () => {
    h.as(h.users.account_manager);
    const reg = await h.call("POST", "/api/merchants", {
      body: {
        brand: "Harness Shop",
        vertical_id: 1500,
        sub_vertical_id: 1610,
        country_code: "US",
        store_identifier: "https://harness.example.com",
        external_account_id: `ext-${randomUUID()}`,
        pages: [{ surface: "confirmation", layout_type: "Overlay" }],
      },
    });
    expect(reg.status, reg.text).toBe(200);
    const id = reg.body.data.account_id as string;
    // The operation id is journalled before the answer names the merchant; settling fills it in.
    const registered = (await journal()).find((e) => e.action === "merchant.register");
    expect(registered).toMatchObject({ merchantId: id, status: "completed", operationId: reg.body.operationId });
    const known = await h.call("GET", `/api/merchants/${id}/knowledge`);
    expect(known.body.data.pages.map((p: { surface: string }) => p.surface)).toEqual(["confirmation"]);
    const dry = await h.call("POST", `/api/merchants/${id}/pages?dry_run=true`, {
      body: { pages: [{ surface: "tracking", layout_type: "Embedded" }] },
    });
    expect(dry.status).toBe(200);
    expect(dry.body.dryRun).toBe(true);
    expect((await h.db.knowledge.get(id)).pages).toHaveLength(1);
    const live = await h.call("POST", `/api/merchants/${id}/pages`, {
      body: { pages: [{ surface: "tracking", layout_type: "Embedded" }] },
    });
    expect(live.status).toBe(200);
    const pages = (await h.db.knowledge.get(id)).pages;
    expect(pages.map((p) => p.surface).sort()).toEqual(["confirmation", "tracking"]);
    const tracking = pages.find((p) => p.surface === "tracking");
    const theme = await h.call("PATCH", `/api/merchants/${id}/layouts/${tracking?.layoutId}`, {
      body: { primaryColor: "#abc" },
    });
    expect(theme.status, theme.text).toBe(200);
    const layout = (await h.db.knowledge.get(id)).layouts.find((l) => l.layoutId === tracking?.layoutId);
    expect(layout?.theme).toMatchObject({ primaryColor: "#AABBCC" });
  });

  it("keeps the privacy identifier out of the audit log", async () => {
    h.as(h.users.admin);
    const res = await h.call("POST", "/api/privacy-requests", {
      body: { requestType: "NETWORK_OPT_OUT", email: "person@example.com" },
    });
    expect(res.status, res.text).toBe(202);
    const [entry] = await audit("privacy.network_request");
    expect(JSON.stringify(entry)).not.toContain("person@example.com");
    expect(entry?.request).toMatchObject({ body: { requestType: "NETWORK_OPT_OUT", identifierType: "email" } });
  });
});

describe("rate limit and users", () => {
  it("limits writes per user per minute with Retry-After, and audits the refusal", async () => {
    h.config.writeLimitPerMinute = 2;
    h.as(h.users.support);
    for (let i = 0; i < 2; i++) {
      expect((await h.call("PUT", `/api/merchants/${account}/status`, { body: { status: "paused" } })).status).toBe(
        200,
      );
    }
    const third = await h.call("PUT", `/api/merchants/${account}/status`, { body: { status: "paused" } });
    expect(third.status).toBe(429);
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await audit("request.denied.rate_limit")).toHaveLength(1);
    h.as(h.users.admin);
    expect((await h.call("PUT", `/api/merchants/${account}/status`, { body: { status: "paused" } })).status).toBe(200);
  });

  it("lets an admin change another user (audited with before/after) but not demote themself as the only admin", async () => {
    h.as(h.users.admin);
    const self = await h.call("PATCH", `/api/users/${h.users.admin.id}`, { body: { role: "support" } });
    expect(self.status).toBe(422);
    const res = await h.call("PATCH", `/api/users/${h.users.support.id}`, { body: { role: "account_manager" } });
    expect(res.status, res.text).toBe(200);
    expect(res.body.data).toMatchObject({ role: "account_manager" });
    expect(res.body.data).not.toHaveProperty("passwordHash");
    const [entry] = await audit("user.update");
    expect(entry).toMatchObject({
      before: { role: "support" },
      after: { role: "account_manager" },
      outcome: "success",
    });
    const list = await h.call("GET", "/api/users");
    expect(JSON.stringify(list.body)).not.toMatch(/passwordHash|sessionVersion/);
  });
});

describe("health, operations and bootstrap", () => {
  it("reports database and upstream without a session", async () => {
    h.as(null);
    const res = await h.call("GET", "/api/health");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok", mode: "sandbox", database: "ok", upstream: "ok" });
    h.deps.getDb = async () => {
      throw new Error("down");
    };
    const down = await h.call("GET", "/api/health");
    expect(down.status).toBe(503);
    expect(down.body.database).toBe("unreachable");
  });

  it("imports the sandbox layouts into empty knowledge on first use", async () => {
    expect(await h.db.knowledge.isEmpty()).toBe(true);
    h.as(h.users.support);
    const res = await h.call("GET", `/api/merchants/${account}/knowledge`);
    expect(res.status).toBe(200);
    expect(res.body.data.pages.length).toBeGreaterThan(0);
  });

  it("reads an operation upstream and updates the journal", async () => {
    h.as(h.users.support);
    const put = await h.call("PUT", `/api/merchants/${account}/status`, { body: { status: "paused" } });
    const opId = put.body.operationId as string;
    await h.db.journal.update(opId, { status: "unknown" });
    const res = await h.call("GET", `/api/operations/${opId}`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.data.operation.status).toBe("completed");
    expect(res.body.data.journal.status).toBe("completed");
    const list = await h.call("GET", "/api/operations");
    expect(list.body.data.entries.map((e: { operationId: string }) => e.operationId)).toContain(opId);
  });
});

describe("knowledge routes", () => {
  it("learns a layout switch, not a dry-run one", async () => {
    h.as(h.users.support);
    const known = (await h.call("GET", `/api/merchants/${account}/knowledge`)).body.data;
    const page = known.pages[0];
    const target = page.layoutType === "Overlay" ? "Embedded" : "Overlay";
    const dry = await h.call("PUT", `/api/merchants/${account}/pages/${page.pageId}?dry_run=true`, {
      body: { layout_type: target },
    });
    expect(dry.status, dry.text).toBe(200);
    expect((await h.db.knowledge.get(account)).pages.find((p) => p.pageId === page.pageId)?.layoutType).toBe(
      page.layoutType,
    );
    const live = await h.call("PUT", `/api/merchants/${account}/pages/${page.pageId}`, {
      body: { layout_type: target },
    });
    expect(live.status, live.text).toBe(200);
    const after = (await h.db.knowledge.get(account)).pages.find((p) => p.pageId === page.pageId);
    expect(after).toMatchObject({ layoutType: target, layoutId: live.body.data.layout_id });
    const [entry] = await audit("merchant.page.switch_layout");
    expect(entry?.before).toMatchObject({ pageId: page.pageId, layoutType: page.layoutType });
  });

  it("imports a layouts CSV up to 1 MiB, as text/csv only", async () => {
    h.as(h.users.admin);
    const csv = `account_id,page_id,layout_id,surface,layout_type\n${account},${randomUUID()},${randomUUID()},returns,Embedded\n`;
    const ok = await h.call("POST", "/api/knowledge/import", { raw: csv, contentType: "text/csv" });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.data.imported).toBe(1);
    const json = await h.call("POST", "/api/knowledge/import", { raw: csv, contentType: "application/json" });
    expect(json.status).toBe(415);
    const big = await h.call("POST", "/api/knowledge/import", {
      raw: csv + "x".repeat(1024 * 1024),
      contentType: "text/csv",
    });
    expect(big.status).toBe(413);
    const entries = await audit("knowledge.import");
    expect(entries.map((e) => e.httpStatus)).toEqual([413, 415, 200]);
    expect(entries[2]?.request).toMatchObject({ body: { lines: 2 } });
  });
});

describe("OpenAPI", () => {
  it("serves the contract's OpenAPI document to signed-in users", async () => {
    h.as(h.users.support);
    const res = await h.call("GET", "/api/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\.1/);
    expect(res.text).not.toMatch(/rsec_/);
  });
});

describe("network privacy double-submission guard", () => {
  it("keeps the unknown outcome under the key so the same intent is never submitted twice", async () => {
    h.as(h.users.admin);
    await h.sandbox("POST", "/_sandbox/faults", { error_rate: 1 });
    const key = randomUUID();
    const body = { requestType: "NETWORK_DATA_DELETION", phone: "+15555550123" };
    const first = await h.call("POST", "/api/privacy-requests", { body, key });
    expect(first.status).toBe(502);
    expect(first.body.error.message).toContain("Do not send it again");
    await h.sandbox("POST", "/_sandbox/faults", { error_rate: 0 });
    const again = await h.call("POST", "/api/privacy-requests", { body, key });
    // The "outcome unknown" answer is kept under the key (not a reservation that lapses): replayed, not resent.
    expect(again.status).toBe(502);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect(again.body.error.message).toContain("Do not send it again");
    const recorded = await h.sandbox("GET", "/_sandbox/privacy-requests");
    expect(recorded.body.data.requests).toEqual([]);
  });

  it("a reservation abandoned by a console that died mid-request becomes the kept 'outcome unknown', never a resend", async () => {
    h.as(h.users.admin);
    const key = randomUUID();
    const body = { requestType: "NETWORK_OPT_OUT", email: "crash@example.com" };
    // What a console killed between reserving the intent and hearing back leaves behind.
    const begun = await h.db.intents.begin({
      key,
      userId: h.users.admin.id,
      route: "POST /api/privacy-requests",
      bodyHash: sha256(canonicalJson({ body, dryRun: false })),
    });
    expect(begun.state).toBe("new");
    const busy = await h.call("POST", "/api/privacy-requests", { body, key });
    expect(busy.status).toBe(409);
    await (h.db.kysely as Kysely<Database>)
      .updateTable("idempotency_intents")
      .set({ in_flight_until: Date.now() - 1 })
      .execute();
    const retry = await h.call("POST", "/api/privacy-requests", { body, key });
    expect(retry.status).toBe(504);
    expect(retry.body.error.message).toContain("Do not send it again");
    const again = await h.call("POST", "/api/privacy-requests", { body, key });
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    const recorded = await h.sandbox("GET", "/_sandbox/privacy-requests");
    expect(recorded.body.data.requests).toEqual([]);
  });

  it("a keyed write abandoned the same way is taken over and sent with the same key", async () => {
    h.as(h.users.support);
    const key = randomUUID();
    const accountId = account;
    const body = { status: "paused" };
    await h.db.intents.begin({
      key,
      userId: h.users.support.id,
      route: `PUT /api/merchants/${accountId}/status`,
      bodyHash: sha256(canonicalJson({ body, dryRun: false })),
    });
    await (h.db.kysely as Kysely<Database>)
      .updateTable("idempotency_intents")
      .set({ in_flight_until: Date.now() - 1 })
      .execute();
    const retry = await h.call("PUT", `/api/merchants/${accountId}/status`, { body, key });
    expect(retry.status).toBe(200);
    expect(retry.body.data.status).toBe("paused");
  });
});

describe("reads the browser gave up on", () => {
  it("are answered 499 and not logged as failures", async () => {
    h.as(h.users.support);
    const logged: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void logged.push(args);
    try {
      const controller = new AbortController();
      controller.abort();
      const request = new Request(`http://console.test/api/merchants/${account}/status`, {
        headers: { "X-Requested-With": "XMLHttpRequest" },
        signal: controller.signal,
      });
      const res = await dispatch(request, h.deps, ROUTES);
      expect(res.status).toBe(499);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("client_closed_request");
      expect(logged).toEqual([]);
      // A read that fails on its own is still logged.
      const broken = await dispatch(
        new Request(`http://console.test/api/merchants/${account}/status`),
        { ...h.deps, getClient: async () => Promise.reject(new Error("boom")) },
        ROUTES,
      );
      expect(broken.status).toBe(500);
      expect(logged.map((l) => String(l[0]))).toEqual([expect.stringContaining("failed:")]);
    } finally {
      console.error = original;
    }
  });
});

describe("security headers of API answers", () => {
  it("are set by the route layer on every answer (proxy.ts leaves /api alone), HSTS away from localhost", async () => {
    h.as(null);
    for (const res of [
      await dispatch(new Request("https://console.example.com/api/nothing-here"), h.deps, ROUTES),
      await dispatch(new Request("https://console.example.com/api/merchants"), h.deps, ROUTES),
    ]) {
      expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    }
    const local = await dispatch(new Request("http://localhost:3000/api/nothing-here"), h.deps, ROUTES);
    expect(local.headers.get("x-frame-options")).toBe("DENY");
    expect(local.headers.get("strict-transport-security")).toBeNull();
  });
});
