/** §5.2: list managed accounts. */
import { describe, expect, it } from "vitest";
import { DEMO, expectEnvelope, type Json, OTHER, open } from "./harness";

const LIST = "/v1/partnership/accounts";
const q = (params: string) => `${LIST}?parent_account_id=${DEMO.parent}${params}`;
const ROW_KEYS = [
  "account_id",
  "brand",
  "country_code",
  "created_at",
  "external_account_id",
  "status",
  "store_identifier",
  "sub_vertical_id",
  "updated_at",
  "vertical_id",
];

describe("list accounts", () => {
  it("parent_account_id missing → 400 naming it", async () => {
    const env = open();
    expectEnvelope(await env.get(LIST), 400, /parent_account_id/);
    expectEnvelope(await env.get(`${LIST}?limit=5`), 400, /parent_account_id/);
  });

  it("parent_account_id not the token's manager → 403", async () => {
    const env = open();
    expectEnvelope(await env.get(`${LIST}?parent_account_id=${OTHER.parent}`), 403);
    expectEnvelope(await env.get(`${LIST}?parent_account_id=1234567890123456`), 403);
  });

  it("checks parent_account_id before the parent header, and both before other query parameters", async () => {
    const env = open();
    expectEnvelope(await env.get(`${LIST}?parent_account_id=${OTHER.parent}&limit=0`), 403);
    expectEnvelope(await env.get(q("&limit=0"), { parent: OTHER.parent }), 403);
    expectEnvelope(await env.get(`${LIST}?bogus=1`), 400, /parent_account_id/);
  });

  it("answers rows with exactly the documented fields, paged with next_cursor null at the end", async () => {
    const env = open();
    const res = await env.get(q(""));
    expectEnvelope(res, 200);
    expect(Object.keys(res.body.data).sort()).toEqual(["accounts", "next_cursor"]);
    expect(res.body.data.accounts).toHaveLength(20);
    expect(res.body.data.next_cursor).toBeNull();
    for (const a of res.body.data.accounts) {
      expect(Object.keys(a).sort()).toEqual(ROW_KEYS);
      expect(["active", "paused"]).toContain(a.status);
    }
  });

  it("defaults limit to 50", async () => {
    const env = open({ seedMerchants: 60 });
    const res = await env.get(q(""));
    expect(res.body.data.accounts).toHaveLength(50);
    expect(typeof res.body.data.next_cursor).toBe("string");
  });

  it.each(["0", "201", "-1", "abc", "1.5", ""])("limit=%s → 400 naming limit", async (limit) => {
    const env = open();
    expectEnvelope(await env.get(q(`&limit=${limit}`)), 400, /limit/);
  });

  it("accepts limit 1 and 200", async () => {
    const env = open();
    expect((await env.get(q("&limit=1"))).body.data.accounts).toHaveLength(1);
    expect((await env.get(q("&limit=200"))).body.data.accounts).toHaveLength(20);
  });

  it("pages with cursors through every account exactly once, in the same order", async () => {
    const env = open();
    const all = (await env.get(q("&limit=200"))).body.data.accounts;
    const seen: Json[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: Json = await env.get(q(`&limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`));
      expectEnvelope(res, 200);
      seen.push(...res.body.data.accounts);
      cursor = res.body.data.next_cursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(all);
  });

  it("an unknown cursor → 400 naming cursor", async () => {
    const env = open();
    expectEnvelope(await env.get(q("&cursor=not-a-real-cursor")), 400, /cursor/);
  });

  it.each(["status=active", "search=acme", "dry_run=false", "offset=2"])(
    "an unnamed query parameter (%s) → 400 naming it",
    async (param) => {
      const env = open();
      expectEnvelope(await env.get(q(`&${param}`)), 400, new RegExp(param.split("=")[0]!));
    },
  );

  it("orders by created_at ascending, then account_id as a string; new accounts last", async () => {
    const env = open();
    const created = await env.newAccount();
    const all = await env.listAll();
    const sorted = [...all].sort((a, b) =>
      a.created_at === b.created_at ? (a.account_id < b.account_id ? -1 : 1) : a.created_at < b.created_at ? -1 : 1,
    );
    expect(all.map((a) => a.account_id)).toEqual(sorted.map((a) => a.account_id));
    expect(all.at(-1).account_id).toBe(created.account_id);
  });

  it("lists only the caller's accounts", async () => {
    const env = open();
    const mine = await env.listAll();
    const theirs = await env.listAll(OTHER);
    expect(mine).toHaveLength(20);
    expect(theirs).toHaveLength(3);
    const ids = new Set(mine.map((a) => a.account_id));
    for (const a of theirs) expect(ids.has(a.account_id)).toBe(false);
  });
});
