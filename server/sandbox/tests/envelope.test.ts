/** §2: envelope, X-Request-Id, 404 routing before any other check, formats (§2.1). */
import { describe, expect, it } from "vitest";
import {
  ACCOUNT_RE,
  DEMO,
  expectEnvelope,
  MCL_PATH,
  open,
  PAGES_PATH,
  PRIVACY_PATH,
  STATUS_PATH,
  TS_RE,
  UUID_RE,
} from "./harness";

const listPath = `/v1/partnership/accounts?parent_account_id=${DEMO.parent}`;

describe("envelope", () => {
  it("wraps a success: status, error null, message ok, request_id = X-Request-Id, data", async () => {
    const env = open();
    const res = await env.get(listPath);
    expectEnvelope(res, 200);
    expect(res.headers.get("content-type") ?? "").toMatch(/^application\/json/);
    expect(Array.isArray(res.body.data.accounts)).toBe(true);
  });

  it("wraps errors with their code and data null", async () => {
    const env = open();
    const [acc] = await env.listAll();
    expectEnvelope(await env.get("/v1/partnership/accounts"), 400);
    expectEnvelope(await env.get(listPath, { token: null }), 401);
    expectEnvelope(await env.get(STATUS_PATH("9999999999999999")), 403);
    expectEnvelope(await env.get("/v1/nothing-here"), 404);
    const res = await env.write("PUT", STATUS_PATH(acc.account_id), { status: "active" }, { parent: null });
    expectEnvelope(res, 422, "X-Platform-Parent-Account-Id is required");
  });

  it("wraps /_sandbox/ answers, errors included", async () => {
    const env = open();
    const [acc] = await env.listAll();
    expectEnvelope(await env.admin("GET", `/_sandbox/accounts/${acc.account_id}`), 200);
    expectEnvelope(await env.admin("GET", "/_sandbox/accounts/9999999999999999"), 404);
    expectEnvelope(await env.admin("POST", "/_sandbox/reset", undefined, null), 401);
    expectEnvelope(await env.admin("GET", "/_sandbox/privacy-requests"), 200);
  });

  it("gives every attempt a new X-Request-Id", async () => {
    const env = open();
    const a = await env.get(listPath);
    const b = await env.get(listPath);
    expect(a.body.request_id).not.toBe(b.body.request_id);
    expect(a.headers.get("x-request-id")).not.toBe(b.headers.get("x-request-id"));
  });

  it("puts X-Request-Id on answers that are not enveloped (token, 202 privacy, CSV)", async () => {
    const env = open();
    const tok = await env.tokenResponse({
      grant_type: "client_credentials",
      client_id: DEMO.clientId,
      client_secret: DEMO.secret,
    });
    const priv = await env.write("POST", PRIVACY_PATH(DEMO.parent), {
      requestType: "NETWORK_OPT_OUT",
      email: "a@example.com",
    });
    expect(priv.status).toBe(202);
    const csv = await env.admin("GET", "/_sandbox/export/layouts.csv");
    expect(csv.status).toBe(200);
    const ids = [tok, priv, csv].map((r) => r.headers.get("x-request-id"));
    for (const id of ids) expect(id).toMatch(UUID_RE);
    expect(new Set(ids).size).toBe(3);
  });
});

describe("routing: 404 NotFound before any other check", () => {
  it.each([
    ["GET", "/v1/nope"],
    ["GET", "/nope"],
    ["POST", "/v1/partnership/accounts"],
    ["DELETE", "/v1/partnership/accounts/1234567890123456/status"],
    ["POST", "/v1/partnership/accounts/1234567890123456/status"],
    ["GET", "/v1/partnership/accounts/1234567890123456/payout-setup"],
    ["GET", "/v1/partnership/network-privacy-requests"],
    ["GET", "/v1/partnership/accounts/1234567890123456/offercontrolslists"],
    ["POST", "/v1/partnership/accounts/1234567890123456/offercontrolslists"],
    ["PUT", "/v1/partnership/accounts/1234567890123456/offercontrolslists"],
    ["GET", "/v1/partnership/vertical-mappings"],
    ["POST", "/v1/partnership/vertical-mappings"],
    ["GET", "/_sandbox/nope"],
    ["DELETE", "/_sandbox/reset"],
    ["HEAD", "/v1/partnership/accounts"],
    ["OPTIONS", "/v1/accounts/register/partnership"],
    ["GET", "/v1/accounts/register/partnership"],
    ["GET", "/v1/partnership/accounts/1234567890123456"],
    ["GET", "/v1/partnership/accounts/1234567890123456/pages"],
    ["GET", "/v1/partnership/accounts/1234567890123456/pages/0f8fad5b-d9cb-469f-a165-70867728950e"],
    ["GET", "/v1/partnership/accounts/1234567890123456/layouts/0f8fad5b-d9cb-469f-a165-70867728950e"],
    ["PUT", "/v1/partnership/accounts/1234567890123456/layouts/0f8fad5b-d9cb-469f-a165-70867728950e"],
    ["GET", "/v1/partnership/accounts/1234567890123456/data-deletion-requests"],
    ["GET", "/v1/partnership/operations"],
    ["PATCH", "/v1/partnership/accounts/1234567890123456/marketplacecontrolslists"],
  ])("%s %s → 404 even without a token or headers", async (method, path) => {
    const env = open();
    const res = await env.raw(method, path, {
      headers: { "content-type": "text/plain" },
      body: ["GET", "HEAD"].includes(method) ? undefined : "x",
    });
    expectEnvelope(res, 404);
  });

  it("answers 404 for offer controls and vertical mappings with a valid token and headers", async () => {
    const env = open();
    const [acc] = await env.listAll();
    const path = `/v1/partnership/accounts/${acc.account_id}/offercontrolslists`;
    expectEnvelope(await env.get(path, { parent: DEMO.parent }), 404);
    expectEnvelope(await env.write("PUT", path, { name: "x" }), 404);
    expectEnvelope(await env.write("POST", path, { name: "x" }), 404);
    expectEnvelope(await env.get("/v1/partnership/vertical-mappings"), 404);
    expectEnvelope(await env.write("POST", "/v1/partnership/vertical-mappings", {}), 404);
  });
});

describe("formats (§2.1)", () => {
  it("uses 16-digit account ids, lowercase uuids and ISO timestamps with milliseconds", async () => {
    const env = open();
    const accounts = await env.listAll();
    for (const a of accounts) {
      expect(a.account_id).toMatch(ACCOUNT_RE);
      expect(a.created_at).toMatch(TS_RE);
      expect(a.updated_at).toMatch(TS_RE);
      expect(Number.isInteger(a.vertical_id) && a.vertical_id > 0).toBe(true);
      expect(Number.isInteger(a.sub_vertical_id) && a.sub_vertical_id > 0).toBe(true);
    }
    const created = await env.newAccount();
    expect(created.account_id).toMatch(ACCOUNT_RE);
    for (const p of created.pages) {
      expect(p.page_id).toMatch(UUID_RE);
      expect(p.layout_id).toMatch(UUID_RE);
    }
    const mcl = await env.get(MCL_PATH(created.account_id));
    expect(mcl.body.data.marketplaceControlsListId).toMatch(UUID_RE);
    const st = await env.get(STATUS_PATH(created.account_id));
    for (const v of st.body.data.variants) expect(v.pageVariantId).toMatch(UUID_RE);
    const added = await env.write("POST", PAGES_PATH(created.account_id), {
      pages: [{ surface: "returns", layout_type: "Embedded" }],
    });
    expect(added.body.data.pages[0].page_id).toMatch(UUID_RE);
  });
});
