/** §1: the token endpoint and bearer authentication of API calls. */
import { describe, expect, it } from "vitest";
import { DEMO, expectEnvelope, OTHER, open, STATUS_PATH } from "./harness";

const TOKEN_PATH = "/api/v1/oauth/token";
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;
const good = { grant_type: "client_credentials", client_id: DEMO.clientId, client_secret: DEMO.secret };
const listPath = `/v1/partnership/accounts?parent_account_id=${DEMO.parent}`;

describe("token endpoint", () => {
  it("issues a Bearer token for form credentials: expires_in 300, no-store", async () => {
    const env = open();
    const res = await env.tokenResponse(good);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ access_token: expect.any(String), token_type: "Bearer", expires_in: 300 });
    expect(res.body.access_token.length).toBeGreaterThan(0);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const list = await env.get(listPath, { token: res.body.access_token });
    expectEnvelope(list, 200);
  });

  it("accepts client id and secret by HTTP Basic", async () => {
    const env = open();
    const res = await env.tokenResponse(
      { grant_type: "client_credentials" },
      { authorization: basic(DEMO.clientId, DEMO.secret) },
    );
    expect(res.status).toBe(200);
    expect(res.body.token_type).toBe("Bearer");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expectEnvelope(await env.get(listPath, { token: res.body.access_token }), 200);
  });

  it("answers invalid_request for a body that is not form-encoded", async () => {
    const env = open();
    const res = await env.raw("POST", TOKEN_PATH, {
      headers: { "content-type": "application/json" },
      body: JSON.stringify(good),
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: "invalid_request" });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it.each([
    ["missing client_secret", { grant_type: "client_credentials", client_id: DEMO.clientId }],
    ["empty client_id", { ...good, client_id: "" }],
    ["missing grant_type", { client_id: DEMO.clientId, client_secret: DEMO.secret }],
    ["empty grant_type", { ...good, grant_type: "" }],
  ])("answers invalid_request for %s", async (_n, form) => {
    const env = open();
    const res = await env.tokenResponse(form as Record<string, string>);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: "invalid_request" });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("answers invalid_request for credentials both in Basic and in the form, even if valid", async () => {
    const env = open();
    const res = await env.tokenResponse(good, { authorization: basic(DEMO.clientId, DEMO.secret) });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: "invalid_request" });
  });

  it("answers unsupported_grant_type for another grant, before checking credentials", async () => {
    const env = open();
    for (const secret of [DEMO.secret, "rsec_wrong"]) {
      const res = await env.tokenResponse({ ...good, grant_type: "password", client_secret: secret });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: "unsupported_grant_type" });
      expect(res.headers.get("cache-control")).toBe("no-store");
    }
  });

  it("checks missing fields before the grant type", async () => {
    const env = open();
    const res = await env.tokenResponse({ grant_type: "password", client_id: DEMO.clientId });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: "invalid_request" });
  });

  it("answers 401 invalid_client with WWW-Authenticate: Basic for bad credentials (form and Basic)", async () => {
    const env = open();
    const viaForm = await env.tokenResponse({ ...good, client_secret: "rsec_wrong" });
    const viaBasic = await env.tokenResponse(
      { grant_type: "client_credentials" },
      { authorization: basic("rspub_nobody", DEMO.secret) },
    );
    const crossed = await env.tokenResponse({ ...good, client_secret: OTHER.secret });
    for (const res of [viaForm, viaBasic, crossed]) {
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ error: "invalid_client" });
      expect(res.headers.get("www-authenticate") ?? "").toMatch(/^Basic/);
      expect(res.headers.get("cache-control")).toBe("no-store");
    }
  });
});

describe("bearer authentication of API calls", () => {
  it.each([
    ["missing", undefined],
    ["malformed (no scheme)", "abc"],
    ["malformed (Basic)", basic(DEMO.clientId, DEMO.secret)],
    ["empty bearer", "Bearer "],
    ["unknown token", "Bearer not-a-token-the-sandbox-issued"],
  ])("answers 401 Unauthorized with WWW-Authenticate: Bearer for a %s token", async (_n, authorization) => {
    const env = open();
    const headers: Record<string, string> = authorization ? { authorization } : {};
    const res = await env.raw("GET", listPath, { headers });
    expectEnvelope(res, 401);
    expect(res.headers.get("www-authenticate") ?? "").toMatch(/^Bearer/);
  });

  it("answers 401 on writes too, for an unknown token", async () => {
    const env = open();
    const [acc] = await env.listAll();
    const res = await env.write("PUT", STATUS_PATH(acc.account_id), { status: "active" }, { token: "bogus" });
    expectEnvelope(res, 401);
    expect(res.headers.get("www-authenticate") ?? "").toMatch(/^Bearer/);
  });

  it("expires a token after 300 s", async () => {
    const env = open();
    const token = await env.token();
    env.advance(299_000);
    expectEnvelope(await env.get(listPath, { token }), 200);
    env.advance(2_000);
    const res = await env.get(listPath, { token });
    expectEnvelope(res, 401);
    expect(res.headers.get("www-authenticate") ?? "").toMatch(/^Bearer/);
  });

  it("ties a token to its platform's manager", async () => {
    const env = open();
    const other = await env.listAll(OTHER);
    expect(other).toHaveLength(3);
    const res = await env.get(listPath, { platform: OTHER });
    expectEnvelope(res, 403);
  });
});
