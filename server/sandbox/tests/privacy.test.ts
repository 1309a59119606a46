/** §5.10: network privacy requests (202, not enveloped, no key, no operation). */
import { describe, expect, it } from "vitest";
import { DEMO, expectEnvelope, OTHER, open, PRIVACY_PATH, T0, UUID_RE } from "./harness";

const P = PRIVACY_PATH(DEMO.parent);
const HASH = "A".repeat(32) + "b".repeat(32);

describe("network privacy requests", () => {
  it("answers 202 {requestId, status: submitted} with X-Network-Privacy-Request-Id; no key, no operation", async () => {
    const env = open();
    const res = await env.write(
      "POST",
      P,
      { requestType: "NETWORK_OPT_OUT", email: "jane@example.com" },
      { key: null },
    );
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ requestId: expect.stringMatching(UUID_RE), status: "submitted" });
    expect(res.headers.get("x-network-privacy-request-id")).toBe(res.body.requestId);
    expect(res.headers.get("x-operation-id")).toBeNull();
  });

  it("records live requests newest first, hashedEmail lowercased", async () => {
    const env = open();
    const a = await env.write("POST", P, { requestType: "NETWORK_OPT_OUT", email: "jane@example.com" });
    env.advance(1_000);
    const b = await env.write("POST", P, { requestType: "NETWORK_DATA_DELETION", phone: "+14155550100" });
    env.advance(1_000);
    const c = await env.write("POST", P, { requestType: "NETWORK_DATA_DELETION", hashedEmail: HASH });
    const list = await env.admin("GET", "/_sandbox/privacy-requests");
    expectEnvelope(list, 200);
    const base = { parent_account_id: DEMO.parent };
    expect(list.body.data.requests).toEqual([
      {
        ...base,
        requestId: c.body.requestId,
        requestType: "NETWORK_DATA_DELETION",
        identifier_type: "hashedEmail",
        identifier: HASH.toLowerCase(),
        created_at: new Date(T0 + 2_000).toISOString(),
      },
      {
        ...base,
        requestId: b.body.requestId,
        requestType: "NETWORK_DATA_DELETION",
        identifier_type: "phone",
        identifier: "+14155550100",
        created_at: new Date(T0 + 1_000).toISOString(),
      },
      {
        ...base,
        requestId: a.body.requestId,
        requestType: "NETWORK_OPT_OUT",
        identifier_type: "email",
        identifier: "jane@example.com",
        created_at: new Date(T0).toISOString(),
      },
    ]);
  });

  it.each([
    ["a 15-digit phone", { phone: "+123456789012345" }],
    ["a 254-character email", { email: `${"a".repeat(242)}@example.com` }],
  ])("accepts %s", async (_n, id) => {
    const env = open();
    const res = await env.write("POST", P, { requestType: "NETWORK_OPT_OUT", ...id });
    expect(res.status, res.text).toBe(202);
  });

  it("creates a new request on every call, even with an identical body", async () => {
    const env = open();
    const body = { requestType: "NETWORK_OPT_OUT", email: "same@example.com" };
    const a = await env.write("POST", P, body);
    const b = await env.write("POST", P, body);
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    expect(a.body.requestId).not.toBe(b.body.requestId);
    expect((await env.admin("GET", "/_sandbox/privacy-requests")).body.data.requests).toHaveLength(2);
  });

  it("dry-run: 202 of the same shape with X-Dry-Run, nothing recorded", async () => {
    const env = open();
    const res = await env.write(
      "POST",
      P,
      { requestType: "NETWORK_OPT_OUT", email: "d@example.com" },
      { dryRun: true },
    );
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ requestId: expect.stringMatching(UUID_RE), status: "submitted" });
    expect(res.headers.get("x-dry-run")).toBe("true");
    expect((await env.admin("GET", "/_sandbox/privacy-requests")).body.data.requests).toEqual([]);
  });

  it("parent_account_id missing → 400, another manager's → 403", async () => {
    const env = open();
    const body = { requestType: "NETWORK_OPT_OUT", email: "x@example.com" };
    expectEnvelope(await env.write("POST", "/v1/partnership/network-privacy-requests", body), 400, /parent_account_id/);
    expectEnvelope(await env.write("POST", PRIVACY_PATH(OTHER.parent), body), 403);
  });

  it("the parent header is optional but checked if present", async () => {
    const env = open();
    const body = { requestType: "NETWORK_OPT_OUT", email: "x@example.com" };
    expect((await env.write("POST", P, body, { parent: null })).status).toBe(202);
    expect((await env.write("POST", P, body, { parent: "" })).status).toBe(202);
    expectEnvelope(await env.write("POST", P, body, { parent: OTHER.parent }), 403);
  });

  it("check order: parent_account_id (403) → parent header (403) → query (400) → body (400)", async () => {
    const env = open();
    const bad = { requestType: "NOPE" };
    expectEnvelope(await env.write("POST", `${PRIVACY_PATH(OTHER.parent)}&bogus=1`, bad), 403);
    expectEnvelope(await env.write("POST", `${P}&bogus=1`, bad, { parent: OTHER.parent }), 403);
    expectEnvelope(await env.write("POST", `${P}&bogus=1`, bad), 400, /bogus/);
    expectEnvelope(await env.write("POST", `${P}&dry_run=yes`, bad), 400, /dry_run/);
  });

  it.each([
    ["no identifier", { requestType: "NETWORK_OPT_OUT" }],
    ["two identifiers", { requestType: "NETWORK_OPT_OUT", email: "a@example.com", phone: "+14155550100" }],
    [
      "three identifiers",
      { requestType: "NETWORK_OPT_OUT", email: "a@example.com", phone: "+14155550100", hashedEmail: HASH },
    ],
    ["an unknown requestType", { requestType: "OPT_OUT", email: "a@example.com" }],
    ["a missing requestType", { email: "a@example.com" }],
    ["a bad email", { requestType: "NETWORK_OPT_OUT", email: "a@example" }],
    ["an email with a space", { requestType: "NETWORK_OPT_OUT", email: "a b@example.com" }],
    ["a phone without +", { requestType: "NETWORK_OPT_OUT", phone: "14155550100" }],
    ["a phone starting with 0", { requestType: "NETWORK_OPT_OUT", phone: "+04155550100" }],
    ["a phone of 16 digits", { requestType: "NETWORK_OPT_OUT", phone: "+1234567890123456" }],
    ["an email over 254 characters", { requestType: "NETWORK_OPT_OUT", email: `${"a".repeat(243)}@example.com` }],
    ["an email with two @", { requestType: "NETWORK_OPT_OUT", email: "a@b@example.com" }],
    ["an email with an empty local part", { requestType: "NETWORK_OPT_OUT", email: "@example.com" }],
    ["a hash with a non-hex digit", { requestType: "NETWORK_OPT_OUT", hashedEmail: `${"a".repeat(63)}g` }],
    ["a short hash", { requestType: "NETWORK_OPT_OUT", hashedEmail: "ab".repeat(31) }],
    ["a null identifier besides one", { requestType: "NETWORK_OPT_OUT", email: "a@example.com", phone: null }],
    ["an unknown field", { requestType: "NETWORK_OPT_OUT", email: "a@example.com", name: "Jane" }],
  ])("%s → 400 enveloped, nothing recorded", async (_n, body) => {
    const env = open();
    expectEnvelope(await env.write("POST", P, body), 400);
    expect((await env.admin("GET", "/_sandbox/privacy-requests")).body.data.requests).toEqual([]);
  });

  it("records the calling platform as parent_account_id", async () => {
    const env = open();
    const res = await env.write(
      "POST",
      PRIVACY_PATH(OTHER.parent),
      { requestType: "NETWORK_OPT_OUT", email: "o@example.com" },
      { platform: OTHER },
    );
    expect(res.status).toBe(202);
    const [entry] = (await env.admin("GET", "/_sandbox/privacy-requests")).body.data.requests;
    expect(entry.parent_account_id).toBe(OTHER.parent);
  });
});
