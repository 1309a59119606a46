import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEMO_PARENT_ACCOUNT_ID } from "./demo-platform";
import { type Json, type Kit, ORIGIN, openKit, tokenFor } from "./testkit";

let kit: Kit;
beforeEach(async () => {
  kit = await openKit();
});
afterEach(() => kit.close());

const token = (body: string, headers: Record<string, string> = {}) =>
  kit.sb.fetch(
    new Request(`${ORIGIN}/api/v1/oauth/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
      body,
    }),
  );

describe("token endpoint (SPEC §1)", () => {
  it("issues 300 s bearer tokens by form or Basic, always no-store", async () => {
    const form = await token("grant_type=client_credentials&client_id=rspub_demo&client_secret=rsec_demo");
    expect(form.status).toBe(200);
    expect(form.headers.get("Cache-Control")).toBe("no-store");
    expect(await form.json()).toMatchObject({ token_type: "Bearer", expires_in: 300 });
    const basic = await token("grant_type=client_credentials", {
      Authorization: `Basic ${Buffer.from("rspub_demo:rsec_demo").toString("base64")}`,
    });
    expect(basic.status).toBe(200);
  });

  it("answers in the documented order: invalid_request, unsupported_grant_type, invalid_client", async () => {
    const cases: [string, Record<string, string>, number, string][] = [
      ['{"grant_type":"client_credentials"}', { "Content-Type": "application/json" }, 400, "invalid_request"],
      ["grant_type=password&client_id=&client_secret=x", {}, 400, "invalid_request"],
      [
        "grant_type=client_credentials&client_id=rspub_demo&client_secret=rsec_demo",
        { Authorization: `Basic ${Buffer.from("rspub_demo:rsec_demo").toString("base64")}` },
        400,
        "invalid_request",
      ],
      ["grant_type=password&client_id=rspub_demo&client_secret=wrong", {}, 400, "unsupported_grant_type"],
      ["grant_type=client_credentials&client_id=rspub_demo&client_secret=wrong", {}, 401, "invalid_client"],
    ];
    for (const [body, headers, status, error] of cases) {
      const res = await token(body, headers);
      expect(res.status, body).toBe(status);
      expect(res.headers.get("Cache-Control")).toBe("no-store");
      expect(await res.json()).toEqual({ error });
      if (status === 401) expect(res.headers.get("WWW-Authenticate")).toMatch(/^Basic/);
    }
  });

  it("rejects expired and unknown tokens with 401 and WWW-Authenticate: Bearer", async () => {
    const path = `/v1/partnership/accounts?parent_account_id=${DEMO_PARENT_ACCOUNT_ID}`;
    expect((await kit.call("GET", path)).status).toBe(200);
    kit.clock.now += 300_000;
    const expired = await kit.call("GET", path);
    expect(expired.status).toBe(401);
    expect(expired.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
    kit.token = "nope";
    expect((await kit.call("GET", path)).status).toBe(401);
  });
});

describe("list (SPEC §5.2)", () => {
  it("pages by created_at then account_id with signed cursors", async () => {
    const all = await kit.accounts();
    expect(all).toHaveLength(20);
    const sorted = [...all].sort((a: Json, b: Json) =>
      a.created_at === b.created_at ? (a.account_id < b.account_id ? -1 : 1) : a.created_at < b.created_at ? -1 : 1,
    );
    expect(all).toEqual(sorted);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
      const page: Json = await kit.json(
        await kit.call("GET", `/v1/partnership/accounts?parent_account_id=${DEMO_PARENT_ACCOUNT_ID}&limit=7${q}`),
      );
      seen.push(...page.body.data.accounts.map((a: Json) => a.account_id));
      cursor = page.body.data.next_cursor;
    } while (cursor);
    expect(seen).toEqual(all.map((a: Json) => a.account_id));
    const forged = await kit.json(
      await kit.call("GET", `/v1/partnership/accounts?parent_account_id=${DEMO_PARENT_ACCOUNT_ID}&cursor=abc.def`),
    );
    expect(forged.status).toBe(400);
    for (const q of ["limit=0", "limit=201", "limit=1.5", "foo=1", "dry_run=true"]) {
      const r = await kit.call("GET", `/v1/partnership/accounts?parent_account_id=${DEMO_PARENT_ACCOUNT_ID}&${q}`);
      expect(r.status, q).toBe(400);
    }
    expect((await kit.call("GET", "/v1/partnership/accounts")).status).toBe(400);
    expect((await kit.call("GET", "/v1/partnership/accounts?parent_account_id=1000000000000002")).status).toBe(403);
  });
});

describe("tenancy", () => {
  it("answers 403 for another manager's account, whether it exists or not, and 404 for its operations", async () => {
    const mine = (await kit.accounts())[0].account_id;
    const op = (await kit.write("PUT", `/v1/partnership/accounts/${mine}/status`, { status: "paused" })).headers.get(
      "X-Operation-Id",
    );
    kit.token = await tokenFor(kit.sb, "rspub_other", "rsec_other");
    expect((await kit.call("GET", `/v1/partnership/accounts/${mine}/status`)).status).toBe(403);
    expect((await kit.call("GET", "/v1/partnership/accounts/9999999999999999/status")).status).toBe(403);
    expect((await kit.call("GET", `/v1/partnership/operations/${op}`)).status).toBe(404);
    const write = await kit.call("PUT", `/v1/partnership/accounts/${mine}/status`, {
      body: { status: "active" },
      headers: { "X-Platform-Parent-Account-Id": DEMO_PARENT_ACCOUNT_ID, "Idempotency-Key": crypto.randomUUID() },
    });
    expect(write.status).toBe(403);
    const noParent = await kit.json(
      await kit.call("PUT", `/v1/partnership/accounts/${mine}/status`, {
        body: { status: "active" },
        headers: { "X-Platform-Parent-Account-Id": " ", "Idempotency-Key": crypto.randomUUID() },
      }),
    );
    expect(noParent.status).toBe(422);
    expect(noParent.body.message).toBe("X-Platform-Parent-Account-Id is required");
  });
});

describe("payout and privacy", () => {
  it("keeps one Stripe account with a fresh 5-minute link per call, and refuses dry-runs", async () => {
    const id = (await kit.accounts())[0].account_id;
    const body = { return_url: "https://console.example.com/done", refresh_url: "http://localhost:3000/again" };
    const a = await kit.json(await kit.write("POST", `/v1/partnership/accounts/${id}/payout-setup`, body));
    kit.clock.now += 1000;
    const b = await kit.json(await kit.write("POST", `/v1/partnership/accounts/${id}/payout-setup`, body));
    expect(a.body.data.stripe_account_id).toMatch(/^acct_/);
    expect(b.body.data.stripe_account_id).toBe(a.body.data.stripe_account_id);
    expect(b.body.data.onboarding_url).not.toBe(a.body.data.onboarding_url);
    expect(Date.parse(b.body.data.expires_at)).toBe(kit.clock.now + 300_000);
    const dry = await kit.json(
      await kit.write("POST", `/v1/partnership/accounts/${id}/payout-setup?dry_run=true`, body),
    );
    expect(dry.status).toBe(400);
    expect(dry.headers.get("X-Dry-Run")).toBe("true");
    const op = await kit.json(await kit.call("GET", `/v1/partnership/operations/${dry.headers.get("X-Operation-Id")}`));
    expect(op.body.data).toMatchObject({ status: "failed", dry_run: true, http_status: 400 });
  });

  it("answers 202 unenveloped with a new request id each time; dry-runs are not recorded", async () => {
    const path = `/v1/partnership/network-privacy-requests?parent_account_id=${DEMO_PARENT_ACCOUNT_ID}`;
    const body = { requestType: "NETWORK_OPT_OUT", hashedEmail: "A".repeat(64) };
    const one = await kit.call("POST", path, { body });
    const two = await kit.call("POST", path, { body });
    await kit.call("POST", `${path}&dry_run=true`, { body });
    const first = (await one.json()) as Json;
    expect(one.status).toBe(202);
    expect(first).toEqual({ requestId: one.headers.get("X-Network-Privacy-Request-Id"), status: "submitted" });
    expect(((await two.json()) as Json).requestId).not.toBe(first.requestId);
    const listed = await kit.json(await kit.admin("GET", "/_sandbox/privacy-requests"));
    expect(listed.body.data.requests).toHaveLength(2);
    expect(listed.body.data.requests[1]).toMatchObject({
      requestId: first.requestId,
      identifier_type: "hashedEmail",
      identifier: "a".repeat(64),
    });
    const both = await kit.json(await kit.call("POST", path, { body: { ...body, email: "a@b.co" } }));
    expect(both.status).toBe(400);
    expect(both.body.message).toMatch(/exactly one/);
  });
});
