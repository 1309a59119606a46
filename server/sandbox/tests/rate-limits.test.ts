/** §6: per-partner, per-route-template rate limits. */
import { describe, expect, it } from "vitest";
import {
  DELETION_PATH,
  DEMO,
  type Env,
  expectEnvelope,
  LAYOUT_PATH,
  MCL_PATH,
  OPERATION_PATH,
  OTHER,
  open,
  PAGES_PATH,
  PAYOUT_PATH,
  PRIVACY_PATH,
  type Res,
  STATUS_PATH,
} from "./harness";

const LIST = `/v1/partnership/accounts?parent_account_id=${DEMO.parent}`;
const limitOf = (r: Res) => r.headers.get("x-ratelimit-limit");
const remainingOf = (r: Res) => Number(r.headers.get("x-ratelimit-remaining"));

async function exhaustRegister(env: Env, p = DEMO): Promise<void> {
  for (let i = 0; i < 10; i++) {
    const res = await env.register({ platform_parent_account_id: p.parent }, { platform: p });
    expect(res.status).not.toBe(429);
  }
}

describe("rate limits", () => {
  it("declares each route's per-minute limit in X-RateLimit-Limit", async () => {
    const env = open({ rateLimits: true });
    const acc = await env.newAccount();
    const id = acc.account_id;
    const p = acc.pages[0];
    const urls = { return_url: "https://a.example.com", refresh_url: "https://a.example.com" };
    const st = await env.write("PUT", STATUS_PATH(id), { status: "active" });
    const checks: [string, Res, string][] = [
      ["register", await env.register(), "10"],
      ["payout", await env.write("POST", PAYOUT_PATH(id), urls), "10"],
      [
        "privacy",
        await env.write("POST", PRIVACY_PATH(DEMO.parent), { requestType: "NETWORK_OPT_OUT", email: "a@b.co" }),
        "10",
      ],
      [
        "add pages",
        await env.write("POST", PAGES_PATH(id), { pages: [{ surface: "returns", layout_type: "Overlay" }] }),
        "30",
      ],
      ["switch", await env.write("PUT", `${PAGES_PATH(id)}/${p.page_id}`, { layout_type: "Embedded" }), "30"],
      ["patch", await env.write("PATCH", LAYOUT_PATH(id, p.layout_id), { borderRadius: 1 }), "60"],
      ["MCL PUT", await env.write("PUT", MCL_PATH(id), { name: "n" }), "60"],
      ["status PUT", st, "60"],
      ["operations GET", await env.get(OPERATION_PATH(st.headers.get("x-operation-id")!)), "600"],
      ["list", await env.get(LIST), "600"],
      ["MCL GET", await env.get(MCL_PATH(id)), "600"],
      ["status GET", await env.get(STATUS_PATH(id)), "600"],
      ["deletion", await env.write("POST", DELETION_PATH(id), { reason: "r" }), "10"],
    ];
    for (const [name, res, limit] of checks) {
      expect(limitOf(res), name).toBe(limit);
      expect(res.headers.get("x-ratelimit-remaining"), name).toMatch(/^\d+$/);
      expect(Number(res.headers.get("x-ratelimit-reset")), name).toBeGreaterThanOrEqual(1);
    }
  });

  it("lets the first N through, then 429 with Retry-After to the window's end (≥ 1)", async () => {
    const env = open({ rateLimits: true });
    const first = await env.register();
    expect(remainingOf(first)).toBe(9);
    expect(first.headers.get("x-ratelimit-reset")).toBe("60");
    for (let i = 0; i < 9; i++) expectEnvelope(await env.register(), 200);
    env.advance(20_500);
    const limited = await env.register();
    expectEnvelope(limited, 429);
    expect(limited.headers.get("retry-after")).toBe("40");
    expect(limited.headers.get("x-ratelimit-reset")).toBe("40");
    expect(remainingOf(limited)).toBe(0);
    env.advance(39_400);
    const last = await env.register();
    expectEnvelope(last, 429);
    expect(last.headers.get("retry-after")).toBe("1");
    env.advance(200);
    const next = await env.register();
    expectEnvelope(next, 200);
    expect(remainingOf(next)).toBe(9);
  });

  it("counts rejections and dry-runs; not 401s, 404s, the token endpoint or /_sandbox/", async () => {
    const env = open({ rateLimits: true });
    const [acc] = await env.listAll();
    const path = STATUS_PATH(acc.account_id);
    await env.write("PUT", path, { status: "x" });
    await env.write("PUT", path, { status: "active" }, { dryRun: true });
    await env.write("PUT", path, { status: "active" }, { parent: null });
    await env.write("PUT", path, { status: "active" }, { token: "bad" });
    await env.write("PUT", `${path}/nope`, { status: "active" });
    const tok = await env.tokenResponse({
      grant_type: "client_credentials",
      client_id: DEMO.clientId,
      client_secret: DEMO.secret,
    });
    expect(tok.headers.get("x-ratelimit-limit")).toBeNull();
    const admin = await env.admin("GET", `/_sandbox/accounts/${acc.account_id}`);
    expect(admin.headers.get("x-ratelimit-limit")).toBeNull();
    const res = await env.write("PUT", path, { status: "active" });
    expect(remainingOf(res)).toBe(60 - 4);
  });

  it("counts replays and key conflicts too", async () => {
    const env = open({ rateLimits: true });
    const [acc] = await env.listAll();
    const key = crypto.randomUUID();
    expect(remainingOf(await env.write("PUT", STATUS_PATH(acc.account_id), { status: "active" }, { key }))).toBe(59);
    const replay = await env.write("PUT", STATUS_PATH(acc.account_id), { status: "active" }, { key });
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(remainingOf(replay)).toBe(58);
    const conflict = await env.write("PUT", STATUS_PATH(acc.account_id), { status: "paused" }, { key });
    expectEnvelope(conflict, 422);
    expect(remainingOf(conflict)).toBe(57);
  });

  it("buckets by route template: two accounts share one; another route or method has its own", async () => {
    const env = open({ rateLimits: true });
    const [a, b] = await env.listAll();
    expect(remainingOf(await env.write("PUT", STATUS_PATH(a.account_id), { status: "active" }))).toBe(59);
    expect(remainingOf(await env.write("PUT", STATUS_PATH(b.account_id), { status: "active" }))).toBe(58);
    expect(remainingOf(await env.write("PUT", MCL_PATH(a.account_id), { name: "n" }))).toBe(59);
    // listAll above made one list request.
    expect(remainingOf(await env.get(STATUS_PATH(a.account_id)))).toBe(599);
    expect(remainingOf(await env.get(LIST))).toBe(598);
  });

  it("shares one bucket across a partner's tokens; another partner has its own", async () => {
    const env = open({ rateLimits: true });
    await exhaustRegister(env);
    const t2 = (
      await env.tokenResponse({
        grant_type: "client_credentials",
        client_id: DEMO.clientId,
        client_secret: DEMO.secret,
      })
    ).body.access_token;
    expectEnvelope(await env.register({}, { token: t2 }), 429);
    const other = await env.register({ platform_parent_account_id: OTHER.parent }, { platform: OTHER });
    expect(other.status).not.toBe(429);
    expect(remainingOf(other)).toBe(9);
  });

  it("while off: nothing counted, no headers", async () => {
    const env = open({ rateLimits: false });
    for (let i = 0; i < 12; i++) {
      const res = await env.register();
      expectEnvelope(res, 200);
      expect(res.headers.get("x-ratelimit-limit")).toBeNull();
      expect(res.headers.get("x-ratelimit-remaining")).toBeNull();
      expect(res.headers.get("x-ratelimit-reset")).toBeNull();
    }
  });

  it("toggling rate_limits empties the buckets; setting the same value does not", async () => {
    const env = open({ rateLimits: true });
    await exhaustRegister(env);
    await env.faults({ rate_limits: true });
    expectEnvelope(await env.register(), 429);
    await env.faults({ rate_limits: false });
    expect((await env.register()).headers.get("x-ratelimit-limit")).toBeNull();
    await env.faults({ rate_limits: true });
    const res = await env.register();
    expectEnvelope(res, 200);
    expect(remainingOf(res)).toBe(9);
  });

  it("reset empties the buckets and restores the configured setting", async () => {
    const env = open({ rateLimits: true });
    await exhaustRegister(env);
    await env.faults({ rate_limits: true });
    expectEnvelope(await env.admin("POST", "/_sandbox/reset"), 200);
    expect(remainingOf(await env.register())).toBe(9);
    await env.faults({ rate_limits: false });
    expectEnvelope(await env.admin("POST", "/_sandbox/reset"), 200);
    expect(limitOf(await env.register())).toBe("10");
  });

  it("rate-limits network privacy requests at 10 per minute", async () => {
    const env = open({ rateLimits: true });
    const body = { requestType: "NETWORK_OPT_OUT", email: "a@example.com" };
    for (let i = 0; i < 10; i++) expect((await env.write("POST", PRIVACY_PATH(DEMO.parent), body)).status).toBe(202);
    const res = await env.write("POST", PRIVACY_PATH(DEMO.parent), body);
    expectEnvelope(res, 429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  });

  it("register: rate limit (429) before the parent header", async () => {
    const env = open({ rateLimits: true });
    await exhaustRegister(env);
    expectEnvelope(await env.register({}, { parent: null }), 429);
  });

  it("list and privacy: rate limit (429) before parent_account_id", async () => {
    const env = open({ rateLimits: true });
    for (let i = 0; i < 600; i++) await env.get(LIST);
    expectEnvelope(await env.get("/v1/partnership/accounts"), 429);
    const body = { requestType: "NETWORK_OPT_OUT", email: "a@example.com" };
    for (let i = 0; i < 10; i++) await env.write("POST", PRIVACY_PATH(DEMO.parent), body);
    expectEnvelope(await env.write("POST", "/v1/partnership/network-privacy-requests", body), 429);
  });

  it("a 429 carries the X-RateLimit-* headers too and is itself counted", async () => {
    const env = open({ rateLimits: true });
    await exhaustRegister(env);
    const res = await env.register();
    expect(limitOf(res)).toBe("10");
    expect(res.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(res.headers.get("x-ratelimit-reset")).toBe(res.headers.get("retry-after"));
  });
});
