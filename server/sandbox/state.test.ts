import { afterEach, describe, expect, it } from "vitest";
import { DEMO_PARENT_ACCOUNT_ID } from "./demo-platform";
import { type Json, KEY, type Kit, openKit, tokenFor } from "./testkit";

let kit: Kit;
afterEach(() => kit?.close());

const A = (id: string) => `/v1/partnership/accounts/${id}`;

describe("persistence and recovery (SPEC §4, §8)", () => {
  it("keeps state, tokens and kept outcomes across a restart", async () => {
    kit = await openKit();
    const id = (await kit.accounts())[0].account_id;
    const key = KEY();
    const first = await kit.json(
      await kit.write(
        "PUT",
        `${A(id)}/marketplacecontrolslists`,
        { name: "Kept", domains: [{ domain: "X.com", policy: "Block" }] },
        { "Idempotency-Key": key },
      ),
    );
    await kit.reopen();
    const read = await kit.json(await kit.call("GET", `${A(id)}/marketplacecontrolslists`));
    expect(read.body.data.name).toBe("Kept");
    expect(read.body.data.domains).toEqual([{ domain: "x.com", policy: "Block" }]);
    const replay = await kit.json(
      await kit.write(
        "PUT",
        `${A(id)}/marketplacecontrolslists`,
        { name: "Kept", domains: [{ domain: "X.com", policy: "Block" }] },
        { "Idempotency-Key": key },
      ),
    );
    expect(replay.text).toBe(first.text);
  });

  it("fails operations interrupted by a restart and frees their keys", async () => {
    kit = await openKit();
    const id = (await kit.accounts())[0].account_id;
    await kit.admin("POST", "/_sandbox/faults", { latency_ms: 400 });
    const key = KEY();
    const pending = kit
      .write("PUT", `${A(id)}/status`, { status: "paused" }, { "Idempotency-Key": key })
      .catch((e) => e);
    await new Promise((r) => setTimeout(r, 100));
    await kit.reopen();
    await pending;
    const retry = await kit.json(
      await kit.write("PUT", `${A(id)}/status`, { status: "paused" }, { "Idempotency-Key": key }),
    );
    expect(retry.status).toBe(200);
    expect(retry.headers.get("Idempotent-Replayed")).toBeNull();
  });
});

describe("faults (SPEC §8)", () => {
  it("drop_after_commit: in-process fetch rejects like a cut connection, and the write is committed and kept", async () => {
    kit = await openKit();
    const id = (await kit.accounts())[0].account_id;
    await kit.admin("POST", "/_sandbox/faults", { drop_after_commit_rate: 1 });
    const key = KEY();
    await expect(kit.write("PUT", `${A(id)}/status`, { status: "paused" }, { "Idempotency-Key": key })).rejects.toThrow(
      new TypeError("fetch failed"),
    );
    await kit.admin("POST", "/_sandbox/faults", { drop_after_commit_rate: 0 });
    const replay = await kit.json(
      await kit.write("PUT", `${A(id)}/status`, { status: "paused" }, { "Idempotency-Key": key }),
    );
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
    expect(replay.body.data.status).toBe("paused");
    const op = await kit.json(
      await kit.call("GET", `/v1/partnership/operations/${replay.headers.get("X-Operation-Id")}`),
    );
    expect(op.body.data).toMatchObject({
      status: "completed",
      http_status: 200,
      operation_type: "putPartnershipStatus",
    });
  });
});

describe("data deletion (SPEC §5.11)", () => {
  it("progresses pending → in_progress → completed from stored times, across a restart", async () => {
    kit = await openKit({ deletionMs: 10_000 });
    const id = (await kit.accounts())[9].account_id; // every tenth seeded merchant has an archived variant
    const res = await kit.json(
      await kit.write("POST", `${A(id)}/data-deletion-requests`, { reason: "merchant asked" }),
    );
    expect(res.status).toBe(202);
    const opId = res.body.data.operation_id;
    expect(res.headers.get("X-Operation-Id")).toBe(opId);
    const op = async () => (await kit.json(await kit.call("GET", `/v1/partnership/operations/${opId}`))).body.data;
    expect(await op()).toMatchObject({ status: "pending", http_status: 202 });
    expect((await kit.accounts()).find((a) => a.account_id === id).status).toBe("deleting");
    const blocked = await kit.json(await kit.write("PUT", `${A(id)}/status`, { status: "active" }));
    expect(blocked.status).toBe(409);
    expect(blocked.body.message).toBe("account is deleting");
    kit.clock.now += 5_000;
    expect((await op()).status).toBe("in_progress");
    await kit.reopen();
    kit.clock.now += 5_000;
    kit.token = await tokenFor(kit.sb);
    expect((await op()).status).toBe("completed");
    const status = (await kit.json(await kit.call("GET", `${A(id)}/status`))).body.data;
    expect(status.status).toBe("deleted");
    expect(status.variants.every((v: { status: string }) => v.status === "archived")).toBe(true);
    const mcl = (await kit.json(await kit.call("GET", `${A(id)}/marketplacecontrolslists`))).body.data;
    expect(mcl).toMatchObject({ verticals: [], translatedVerticals: [], domains: [] });
    const again = await kit.json(await kit.write("POST", `${A(id)}/data-deletion-requests`, { reason: "again" }));
    expect(again.body.message).toBe("account is deleted");
  });
});

describe("controls, status, layouts", () => {
  it("translates, sorts and guards controls with contentHash; an unmapped pair changes nothing", async () => {
    kit = await openKit();
    const id = (await kit.accounts())[0].account_id;
    const mcl = `${A(id)}/marketplacecontrolslists`;
    const before = (await kit.json(await kit.call("GET", mcl))).body.data;
    const put = await kit.json(
      await kit.write("PUT", mcl, {
        name: "Blocks",
        blockedVerticals: [
          { partnerVerticalId: 1504, partnerSubVerticalId: 1612, policy: "Block" },
          { partnerVerticalId: 1500, partnerSubVerticalId: 1610, policy: "Block" },
        ],
        domains: [
          { domain: "b.com", policy: "Block" },
          { domain: "A.com", policy: "Block" },
        ],
        contentHash: before.contentHash,
      }),
    );
    expect(put.status).toBe(200);
    expect(put.body.data.translatedVerticals.map((v: Json) => v.partner_vertical_id)).toEqual([1500, 1504]);
    expect(put.body.data.verticals).toHaveLength(2);
    expect(put.body.data.domains.map((d: Json) => d.domain)).toEqual(["a.com", "b.com"]);
    expect(put.body.data.contentHash).not.toBe(before.contentHash);
    const stale = await kit.json(await kit.write("PUT", mcl, { name: "X", contentHash: before.contentHash }));
    expect(stale.status).toBe(409);
    expect(stale.body.message).toBe("contentHash is stale");
    const unmapped = await kit.json(
      await kit.write("PUT", mcl, {
        name: "Y",
        blockedVerticals: [{ partnerVerticalId: 9999, partnerSubVerticalId: 9999, policy: "Block" }],
      }),
    );
    expect(unmapped.status).toBe(400);
    expect(unmapped.body.message).toMatch(/blockedVerticals\[0\]/);
    expect((await kit.json(await kit.call("GET", mcl))).body.data.contentHash).toBe(put.body.data.contentHash);
  });

  it("cascades status to every variant except archived ones", async () => {
    kit = await openKit();
    const id = (await kit.accounts())[9].account_id;
    const res = await kit.json(await kit.write("PUT", `${A(id)}/status`, { status: "paused" }));
    const archived = res.body.data.variants.filter((v: Json) => v.status === "archived");
    expect(archived).toHaveLength(1);
    expect(
      res.body.data.variants.filter((v: Json) => v.status !== "archived").every((v: Json) => v.status === "paused"),
    ).toBe(true);
    const active = await kit.json(await kit.write("PUT", `${A(id)}/status`, { status: "active" }));
    expect(active.body.data.variants.filter((v: Json) => v.status === "archived")).toHaveLength(1);
  });

  it("switching back brings back the earlier layout with its theme; dry-runs change nothing", async () => {
    kit = await openKit();
    const id = (await kit.accounts())[0].account_id;
    const reg = await kit.json(
      await kit.write("POST", "/v1/accounts/register/partnership", {
        brand: "Test Brand",
        vertical_id: 1502,
        sub_vertical_id: 1620,
        country_code: "GB",
        platform_parent_account_id: DEMO_PARENT_ACCOUNT_ID,
        store_identifier: "https://test-brand.example.com",
        external_account_id: "ext-1",
        pages: [{ surface: "tracking", layout_type: "Overlay" }],
      }),
    );
    expect(reg.body.data.status).toBe("paused");
    const acc = reg.body.data.account_id;
    const page = reg.body.data.pages[0];
    const patched = await kit.json(
      await kit.write("PATCH", `${A(acc)}/layouts/${page.layout_id}`, { primaryColor: "#abc" }),
    );
    expect(patched.body.data.theme.primaryColor).toBe("#AABBCC");
    const dry = await kit.json(
      await kit.write("PUT", `${A(acc)}/pages/${page.page_id}?dry_run=true`, { layout_type: "Embedded" }),
    );
    expect(dry.headers.get("X-Dry-Run")).toBe("true");
    const live = await kit.json(await kit.write("PUT", `${A(acc)}/pages/${page.page_id}`, { layout_type: "Embedded" }));
    expect(live.body.data.layout_id).not.toBe(dry.body.data.layout_id);
    expect(live.body.data.layout_id).not.toBe(page.layout_id);
    const back = await kit.json(await kit.write("PUT", `${A(acc)}/pages/${page.page_id}`, { layout_type: "Overlay" }));
    expect(back.body.data.layout_id).toBe(page.layout_id);
    const state = (await kit.json(await kit.admin("GET", `/_sandbox/accounts/${acc}`))).body.data;
    expect(state.pages[0].layouts.find((l: Json) => l.layout_id === page.layout_id).theme.primaryColor).toBe("#AABBCC");
    expect(id).not.toBe(acc);
  });
});

describe("bad input never answers 500 or half-applies", () => {
  it("answers 400 naming the problem", async () => {
    kit = await openKit();
    const id = (await kit.accounts())[0].account_id;
    const H = { "X-Platform-Parent-Account-Id": DEMO_PARENT_ACCOUNT_ID };
    const cases: [string, Record<string, string>, RegExp][] = [
      ['{"status":', { "Content-Type": "application/json" }, /not valid JSON/],
      ['{"status":"paused"}', { "Content-Type": "text/plain" }, /Content-Type/],
      ['{"status":null}', { "Content-Type": "application/json" }, /status must not be null/],
      ['{"status":"paused","reason":"x"}', { "Content-Type": "application/json" }, /reason is not a known field/],
      [`{"status":"paused","pad":"${"x".repeat(300_000)}"}`, { "Content-Type": "application/json" }, /exceeds/],
      ["[1]", { "Content-Type": "application/json; charset=utf-8" }, /JSON object/],
    ];
    for (const [raw, headers, msg] of cases) {
      const r = await kit.json(
        await kit.call("PUT", `${A(id)}/status`, { raw, headers: { ...H, ...headers, "Idempotency-Key": KEY() } }),
      );
      expect(r.status, raw.slice(0, 40)).toBe(400);
      expect(r.body.message).toMatch(msg);
    }
    const url = await kit.json(
      await kit.write("POST", "/v1/accounts/register/partnership", {
        brand: "B",
        vertical_id: 1500,
        sub_vertical_id: 1610,
        country_code: "US",
        platform_parent_account_id: DEMO_PARENT_ACCOUNT_ID,
        store_identifier: "https://acme",
        external_account_id: "e",
      }),
    );
    expect(url.body.message).toBe("store_identifier https://acme is not a valid URL");
    const q = await kit.json(await kit.write("PUT", `${A(id)}/status?dry_run=yes`, { status: "paused" }));
    expect(q.body.message).toMatch(/dry_run/);
    expect((await kit.json(await kit.call("GET", `${A(id)}/status`))).body.data.status).toBe(
      (await kit.accounts())[0].status,
    );
  });
});

describe("rate limits (SPEC §6)", () => {
  it("lets N through per window, then 429 with Retry-After; off means no headers", async () => {
    kit = await openKit();
    const id = (await kit.accounts())[0].account_id;
    let last: Response | undefined;
    for (let i = 0; i < 600; i++) last = await kit.call("GET", `${A(id)}/status`);
    expect(last?.headers.get("X-RateLimit-Remaining")).toBe("0");
    kit.clock.now += 20_000;
    const limited = await kit.json(await kit.call("GET", `${A(id)}/status`));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Retry-After")).toBe("40");
    expect(limited.body.error).toBe("RateLimitExceeded");
    kit.clock.now += 40_000;
    expect((await kit.call("GET", `${A(id)}/status`)).status).toBe(200);
    await kit.admin("POST", "/_sandbox/faults", { rate_limits: false });
    const off = await kit.call("GET", `${A(id)}/status`);
    expect(off.headers.get("X-RateLimit-Limit")).toBeNull();
  });
});

describe("rate limit factor (SANDBOX_RATE_LIMIT_FACTOR)", () => {
  it("scales every route's limit: 0.5 lets 30 status PUTs through a window, then 429", async () => {
    kit = await openKit({ rateLimitFactor: 0.5 });
    const id = (await kit.accounts())[0].account_id;
    let last: Response | undefined;
    for (let i = 0; i < 30; i++) last = await kit.write("PUT", `${A(id)}/status`, { status: "paused" });
    expect(last?.status).toBe(200);
    expect(last?.headers.get("X-RateLimit-Limit")).toBe("30");
    expect(last?.headers.get("X-RateLimit-Remaining")).toBe("0");
    expect((await kit.write("PUT", `${A(id)}/status`, { status: "paused" })).status).toBe(429);
  });
});
