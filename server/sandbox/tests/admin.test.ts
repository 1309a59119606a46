/** §8: /_sandbox/ admin endpoints and the deterministic seed. */
import { describe, expect, it } from "vitest";
import { expectEnvelope, type Json, OTHER, open, REGISTER_PATH, regBody, STATUS_PATH } from "./harness";

const csvRows = (text: string) => text.trim().split(/\r?\n/);

describe("admin token", () => {
  it.each([
    ["POST", "/_sandbox/reset"],
    ["GET", "/_sandbox/accounts/1234567890123456"],
    ["GET", "/_sandbox/privacy-requests"],
    ["GET", "/_sandbox/export/layouts.csv"],
    ["POST", "/_sandbox/faults"],
  ])("%s %s without or with a wrong X-Sandbox-Admin → 401", async (method, path) => {
    const env = open();
    expectEnvelope(await env.admin(method, path, method === "POST" ? {} : undefined, null), 401);
    expectEnvelope(await env.admin(method, path, method === "POST" ? {} : undefined, "wrong"), 401);
    expectEnvelope(await env.admin(method, path, method === "POST" ? {} : undefined, ""), 401);
  });

  it("does not accept an API bearer token instead", async () => {
    const env = open();
    const res = await env.raw("POST", "/_sandbox/reset", { headers: { authorization: `Bearer ${await env.token()}` } });
    expectEnvelope(res, 401);
  });
});

describe("account state", () => {
  it("shows an account's stored state; unknown → 404", async () => {
    const env = open();
    const acc = await env.newAccount();
    const res = await env.admin("GET", `/_sandbox/accounts/${acc.account_id}`);
    expectEnvelope(res, 200);
    expect(JSON.stringify(res.body.data)).toContain(acc.pages[0].layout_id);
    expectEnvelope(await env.admin("GET", "/_sandbox/accounts/9999999999999999"), 404);
  });
});

describe("reset", () => {
  it("goes back to the seed and clears faults", async () => {
    const env = open();
    const seedList = await env.listAll();
    const seedCsv = (await env.admin("GET", "/_sandbox/export/layouts.csv")).text;
    await env.newAccount();
    await env.write("PUT", STATUS_PATH(seedList[0].account_id), {
      status: seedList[0].status === "active" ? "paused" : "active",
    });
    await env.write("POST", "/v1/partnership/network-privacy-requests?parent_account_id=1000000000000001", {
      requestType: "NETWORK_OPT_OUT",
      email: "a@example.com",
    });
    await env.faults({ error_rate: 1, latency_ms: 50 });
    expectEnvelope(await env.admin("POST", "/_sandbox/reset"), 200);
    expect(await env.listAll()).toEqual(seedList);
    expect((await env.admin("GET", "/_sandbox/export/layouts.csv")).text).toBe(seedCsv);
    expect((await env.admin("GET", "/_sandbox/privacy-requests")).body.data.requests).toEqual([]);
  });

  it("forgets operations and keys made before it", async () => {
    const env = open();
    const [acc] = await env.listAll();
    const key = crypto.randomUUID();
    const w = await env.write("PUT", STATUS_PATH(acc.account_id), { status: "active" }, { key });
    expectEnvelope(await env.admin("POST", "/_sandbox/reset"), 200);
    expectEnvelope(await env.operation(w.headers.get("x-operation-id")!), 404);
    const again = await env.write("PUT", STATUS_PATH(acc.account_id), { status: "active" }, { key });
    expect(again.headers.get("idempotent-replayed")).toBeNull();
  });
});

describe("seed", () => {
  it("is a pure function of n: two sandboxes give identical lists, exports and state", async () => {
    const a = open({ seedMerchants: 25 });
    const b = open({ seedMerchants: 25, start: Date.parse("2027-03-01T12:00:00.000Z") });
    const la = await a.listAll();
    expect(await b.listAll()).toEqual(la);
    expect((await b.admin("GET", "/_sandbox/export/layouts.csv")).text).toBe(
      (await a.admin("GET", "/_sandbox/export/layouts.csv")).text,
    );
    expect(await b.listAll(OTHER)).toEqual(await a.listAll(OTHER));
    expect(await b.state(la[3].account_id)).toEqual(await a.state(la[3].account_id));
  });

  it("has n demo merchants from 2025, both statuses, floor(n/10) with one archived variant, mapped pairs, pages", async () => {
    const n = 25;
    const env = open({ seedMerchants: n });
    const list = await env.listAll();
    expect(list).toHaveLength(n);
    expect(new Set(list.map((a) => a.status))).toEqual(new Set(["active", "paused"]));
    const csv = csvRows((await env.admin("GET", "/_sandbox/export/layouts.csv")).text).slice(1);
    let withArchived = 0;
    for (const a of list) {
      expect(a.created_at.startsWith("2025-")).toBe(true);
      const st = (await env.get(STATUS_PATH(a.account_id))).body.data;
      const archived = st.variants.filter((v: Json) => v.status === "archived").length;
      expect(archived).toBeLessThanOrEqual(1);
      withArchived += archived;
      expect(csv.some((r) => r.startsWith(`${a.account_id},`))).toBe(true);
      const dry = await env.write(
        "POST",
        REGISTER_PATH,
        regBody({ vertical_id: a.vertical_id, sub_vertical_id: a.sub_vertical_id }),
        { key: null, dryRun: true },
      );
      expect(dry.status, `pair ${a.vertical_id}/${a.sub_vertical_id}: ${dry.text}`).toBe(200);
    }
    expect(withArchived).toBe(Math.floor(n / 10));
  });

  it("has both statuses already for n = 2, and honours n = 1", async () => {
    const two = open({ seedMerchants: 2 });
    expect(new Set((await two.listAll()).map((a) => a.status))).toEqual(new Set(["active", "paused"]));
    const one = open({ seedMerchants: 1 });
    expect(await one.listAll()).toHaveLength(1);
  });

  it("gives the Other Platform 3 merchants", async () => {
    const env = open({ seedMerchants: 5 });
    const other = await env.listAll(OTHER);
    expect(other).toHaveLength(3);
    for (const a of other) expect(["active", "paused"]).toContain(a.status);
  });
});

describe("layouts CSV export", () => {
  it("lists every demo page as account_id,page_id,layout_id,surface,layout_type in list order", async () => {
    const env = open();
    const created = await env.newAccount({
      pages: [
        { surface: "returns", layout_type: "Embedded" },
        { surface: "confirmation", layout_type: "Overlay" },
      ],
    });
    const res = await env.admin("GET", "/_sandbox/export/layouts.csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type") ?? "").toMatch(/^text\/csv/);
    const [header, ...rows] = csvRows(res.text);
    expect(header).toBe("account_id,page_id,layout_id,surface,layout_type");
    const order = (await env.listAll()).map((a) => a.account_id);
    const rowAccounts = rows.map((r) => r.split(",")[0]!);
    expect([...new Set(rowAccounts)]).toEqual(order);
    for (const r of rows) {
      const [, , , surface, type] = r.split(",");
      expect(["confirmation", "tracking", "returns"]).toContain(surface);
      expect(["Overlay", "Embedded"]).toContain(type);
    }
    expect(rows.slice(-2)).toEqual(
      created.pages.map((p: Json) => `${created.account_id},${p.page_id},${p.layout_id},${p.surface},${p.layout_type}`),
    );
    const theirs = await env.listAll(OTHER);
    for (const a of theirs) expect(rowAccounts).not.toContain(a.account_id);
  });

  it("has one row per page of every demo account, matching the pages the variants belong to", async () => {
    const env = open();
    const rows = csvRows((await env.admin("GET", "/_sandbox/export/layouts.csv")).text).slice(1);
    const fromCsv = new Set(rows.map((r) => r.split(",").slice(0, 2).join(",")));
    expect(fromCsv.size).toBe(rows.length);
    const fromVariants = new Set<string>();
    for (const a of await env.listAll()) {
      const st = (await env.get(STATUS_PATH(a.account_id))).body.data;
      for (const v of st.variants) fromVariants.add(`${a.account_id},${v.pageId}`);
    }
    expect(fromCsv).toEqual(fromVariants);
  });
});
