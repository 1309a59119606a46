import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { Account } from "@/lib/partnerships/accounts";
import { pgSearch } from "./pg-search-migration";
import { idsTextOf, searchTextOf, storeWords } from "./repos/merchants";
import { BACKENDS, withTestDatabase } from "./test-backends";
import type { ConsoleDb } from "./types";

let n = 0;
function account(over: Partial<Account> = {}): Account {
  n += 1;
  const i = String(n).padStart(4, "0");
  return {
    account_id: `100000000000${i}`,
    external_account_id: `mer_${i}`,
    brand: `Brand ${i}`,
    country_code: "US",
    store_identifier: `https://www.brand${i}.com`,
    vertical_id: 1500,
    sub_vertical_id: 1610,
    status: "active",
    created_at: `2025-01-01T00:00:${String(n % 60).padStart(2, "0")}.000Z`,
    updated_at: "2025-02-01T00:00:00.000Z",
    ...over,
  };
}

const T0 = "2000-01-01T00:00:00.000Z";
const brands = async (db: ConsoleDb, q: Parameters<ConsoleDb["merchants"]["search"]>[0]) =>
  (await db.merchants.search(q)).rows.map((r) => r.brand);

describe("search words", () => {
  it("folds accents and case, drops the scheme, www and the public suffix", () => {
    expect(storeWords("https://www.Harbor-Lumen.co.uk/shop")).toEqual(["harbor", "lumen"]);
    expect(storeWords("https://shop.acme.com")).toEqual(["acme"]);
    expect(storeWords("https://shop.com")).toEqual(["shop"]);
    expect(storeWords("http://acme.de/")).toEqual(["acme"]);
    const text = searchTextOf({
      accountId: "1000000000000042",
      externalAccountId: "mer_000042",
      brand: "Café & Crème",
      countryCode: "FR",
      storeIdentifier: "https://www.cafe-creme.fr",
      verticalId: 1,
      subVerticalId: 2,
      status: "active",
      createdAt: T0,
      updatedAt: T0,
    });
    expect(text).toBe(" cafe creme");
    expect(idsTextOf({ externalAccountId: "MER_000042", accountId: "1000000000000042" } as never)).toBe(
      " mer000042 1000000000000042",
    );
  });
});

describe.each(BACKENDS)("merchant index on $name", (backend) => {
  let db: ConsoleDb;
  withTestDatabase(backend, async (created) => {
    db = await created.open();
  });

  it("merges synced pages: new, changed and unchanged rows are told apart", async () => {
    const a = account({ brand: "Harbor & Lumen" });
    const b = account({ brand: "Cedar Outfitters" });
    expect(await db.merchants.applySyncPage([a, b], T0)).toEqual({ added: 2, changed: 0 });
    expect(await db.merchants.applySyncPage([a, { ...b, status: "paused" }], T0)).toEqual({ added: 0, changed: 1 });
    expect(await db.merchants.applySyncPage([a, { ...b, status: "paused" }], T0)).toEqual({ added: 0, changed: 0 });
    expect(await db.merchants.get(b.account_id)).toMatchObject({ brand: "Cedar Outfitters", status: "paused" });
    expect(await db.merchants.count()).toBe(2);
    // A page that repeats an account counts it once.
    expect(await db.merchants.applySyncPage([account(), account({ account_id: a.account_id })], T0)).toEqual({
      added: 1,
      changed: 1,
    });
  });

  it("searches by word prefix over brand, ids and store host, with filters, sorts and pages", async () => {
    await db.merchants.applySyncPage(
      [
        account({ brand: "Harbor & Lumen", country_code: "GB", created_at: "2025-03-01T00:00:00.000Z" }),
        account({ brand: "Lumen Supply Co.", status: "paused", created_at: "2025-01-01T00:00:00.000Z" }),
        account({ brand: "Café Harmonie", country_code: "FR", vertical_id: 1700, created_at: "2025-02-01T00:00:00Z" }),
        account({ brand: "Northwind Goods", store_identifier: "https://shop.harborview.co.uk" }),
        account({ brand: "Zephyr", external_account_id: "ext-harb-77" }),
      ],
      T0,
    );
    expect(await brands(db, { q: "h" })).toEqual(["Café Harmonie", "Harbor & Lumen", "Northwind Goods"]);
    expect(await brands(db, { q: "HARB" })).toEqual(["Harbor & Lumen", "Northwind Goods"]);
    expect(await brands(db, { q: "harbor" })).toEqual(["Harbor & Lumen", "Northwind Goods"]);
    expect(await brands(db, { q: "lum" })).toEqual(["Harbor & Lumen", "Lumen Supply Co."]);
    expect(await brands(db, { q: "lumen harb" })).toEqual(["Harbor & Lumen"]);
    expect(await brands(db, { q: "cafe" })).toEqual(["Café Harmonie"]);
    expect(await brands(db, { q: "umen" })).toEqual([]); // a prefix, not a substring
    // Ids match from their start only, as a whole (punctuation ignored), never word by word.
    expect(await brands(db, { q: "ext-harb" })).toEqual(["Zephyr"]);
    expect(await brands(db, { q: "EXTHARB7" })).toEqual(["Zephyr"]);
    expect(await brands(db, { q: "ex" })).toEqual([]);
    expect(await brands(db, { q: "%" })).toHaveLength(5); // nothing searchable: no text condition
    const [first] = (await db.merchants.search({ q: "lumen", sort: "created", dir: "asc" })).rows;
    expect(first?.brand).toBe("Lumen Supply Co.");
    expect(await brands(db, { q: first?.accountId.slice(0, 14) })).toContain("Harbor & Lumen");
    expect(await brands(db, { q: first?.accountId })).toEqual(["Lumen Supply Co."]);

    expect(await brands(db, { status: "paused" })).toEqual(["Lumen Supply Co."]);
    expect(await brands(db, { country: "gb" })).toEqual(["Harbor & Lumen"]);
    expect(await brands(db, { vertical: 1700 })).toEqual(["Café Harmonie"]);
    expect(await brands(db, { q: "h", country: "US" })).toEqual(["Northwind Goods"]);
    expect(await brands(db, { sort: "brand", dir: "desc", limit: 2 })).toEqual(["Zephyr", "Northwind Goods"]);
    expect(await brands(db, { sort: "created", dir: "desc", limit: 2 })).toEqual(["Harbor & Lumen", "Café Harmonie"]);
    const page2 = await db.merchants.search({ sort: "brand", limit: 2, offset: 2 });
    expect(page2.total).toBe(5);
    expect(page2.rows.map((r) => r.brand)).toEqual(["Lumen Supply Co.", "Northwind Goods"]);
    const past = await db.merchants.search({ q: "h", offset: 100 });
    expect(past).toEqual({ rows: [], total: 3 });
    expect(await db.merchants.countries()).toEqual(["FR", "GB", "US"]);
  });

  it("keeps the text index in step with updates and deletions", async () => {
    const a = account({ brand: "Granite Works" });
    await db.merchants.applySyncPage([a], T0);
    expect(await brands(db, { q: "gran" })).toEqual(["Granite Works"]);
    await db.merchants.applySyncPage([{ ...a, brand: "Opal Studio" }], T0);
    expect(await brands(db, { q: "gran" })).toEqual([]);
    expect(await brands(db, { q: "opal st" })).toEqual(["Opal Studio"]);
    const syncStart = new Date(Date.now() + 1000).toISOString();
    expect(await db.merchants.removeUnseen(syncStart)).toBe(1);
    expect(await brands(db, { q: "opal" })).toEqual([]);
    expect(await db.merchants.search({})).toEqual({ rows: [], total: 0 });
  });

  it("matches the same merchants on both engines when words repeat, overlap or change", async () => {
    const a = account({ brand: "Lumen Lumen Supply", store_identifier: "https://www.lumen.com" });
    const b = account({ brand: "Harbor", external_account_id: "harbor-1" });
    await db.merchants.applySyncPage([a, b], T0);
    // A word found twice (brand, store) is one match, and so is one word matching two typed prefixes.
    expect(await db.merchants.search({ q: "lum" })).toMatchObject({ total: 1 });
    expect(await db.merchants.search({ q: "lum", status: "active" })).toMatchObject({ total: 1 });
    expect(await brands(db, { q: "lu lumen" })).toEqual(["Lumen Lumen Supply"]);
    expect(await brands(db, { q: "lumen lumen" })).toEqual(["Lumen Lumen Supply"]);
    // Words or the whole id: "harbor1" is no word, but starts the external id.
    expect(await brands(db, { q: "harbor" })).toEqual(["Harbor"]);
    expect(await brands(db, { q: "harbor-1" })).toEqual(["Harbor"]);
    expect(await brands(db, { q: "harbor 1" })).toEqual(["Harbor"]);
    expect(await db.merchants.search({ q: "harbor 2" })).toEqual({ rows: [], total: 0 });
    // A changed store changes the words; a status write (no word changed) keeps them.
    await db.merchants.applySyncPage([{ ...a, store_identifier: "https://shop.quartz.io" }], T0);
    expect(await brands(db, { q: "quartz" })).toEqual(["Lumen Lumen Supply"]);
    expect(await brands(db, { q: "lumen" })).toEqual(["Lumen Lumen Supply"]);
    expect(await db.merchants.setStatusLocal(a.account_id, "paused")).toBe(true);
    expect(await brands(db, { q: "quartz", status: "paused" })).toEqual(["Lumen Lumen Supply"]);
  });

  it("finds rows indexed before the search index existed (PostgreSQL backfill)", async () => {
    if (db.dialect !== "postgres") return;
    await db.merchants.applySyncPage([account({ brand: "Old Tide" })], T0);
    await sql`delete from merchant_words`.execute(db.kysely);
    // (Another text than below: counts are cached per index version, which this delete does not bump.)
    expect(await brands(db, { q: "old ti" })).toEqual([]);
    await pgSearch(db.kysely, "postgres");
    expect(await brands(db, { q: "tide" })).toEqual(["Old Tide"]);
  });

  it("a sync removes what it did not list, but keeps and does not overwrite the console's newer writes", async () => {
    const keep = account();
    const gone = account();
    const mine = account({ status: "paused" });
    await db.merchants.applySyncPage([keep, gone, mine], T0);
    await new Promise((r) => setTimeout(r, 5));
    const syncStart = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    // The console activates `mine` while the sync runs, and registers a new merchant.
    expect(await db.merchants.setStatusLocal(mine.account_id, "active")).toBe(true);
    expect(await db.merchants.setStatusLocal("9999999999999999", "active")).toBe(false);
    const registered = account({ brand: "Fresh Registration" });
    await db.merchants.upsertLocal({
      accountId: registered.account_id,
      externalAccountId: registered.external_account_id,
      brand: registered.brand,
      countryCode: "US",
      storeIdentifier: registered.store_identifier,
      verticalId: 1500,
      subVerticalId: 1610,
      status: "paused",
      createdAt: T0,
      updatedAt: T0,
    });
    // The sync's listing is older than the console's write for `mine`.
    expect(await db.merchants.applySyncPage([keep, mine], syncStart)).toEqual({ added: 0, changed: 0 });
    expect(await db.merchants.removeUnseen(syncStart)).toBe(1);
    expect(await db.merchants.get(gone.account_id)).toBeUndefined();
    expect((await db.merchants.get(mine.account_id))?.status).toBe("active");
    expect(await brands(db, { q: "fresh" })).toEqual(["Fresh Registration"]);
    // A later sync's listing wins again.
    await new Promise((r) => setTimeout(r, 5));
    const later = new Date().toISOString();
    expect(await db.merchants.applySyncPage([keep, mine, registered], later)).toEqual({ added: 0, changed: 2 });
    expect((await db.merchants.get(mine.account_id))?.status).toBe("paused");
  });

  it("scans every matching row in order, chunk by chunk", async () => {
    const rows = Array.from({ length: 23 }, (_, i) =>
      account({
        brand: i % 2 ? `Willow ${String(i).padStart(2, "0")}` : `Same Name`,
        status: i % 3 ? "active" : "paused",
      }),
    );
    await db.merchants.applySyncPage(rows, T0);
    for (const dir of ["asc", "desc"] as const) {
      const chunks: string[][] = [];
      for await (const chunk of db.merchants.scan({ sort: "brand", dir }, { chunkSize: 4 })) {
        chunks.push(chunk.map((r) => r.accountId));
      }
      const all = chunks.flat();
      expect(all).toHaveLength(23);
      expect(new Set(all).size).toBe(23);
      const paged = (await db.merchants.search({ sort: "brand", dir, limit: 100 })).rows.map((r) => r.accountId);
      expect(all).toEqual(paged);
    }
    const willows: string[] = [];
    for await (const chunk of db.merchants.scan({ q: "willow", status: "active", sort: "created" }, { chunkSize: 2 })) {
      willows.push(...chunk.map((r) => r.brand));
    }
    expect(willows).toEqual(
      (await db.merchants.search({ q: "willow", status: "active", sort: "created", limit: 100 })).rows.map(
        (r) => r.brand,
      ),
    );
    expect(willows.length).toBeGreaterThan(3);
  });

  it("every paging strategy agrees with a plain sort (text first or walked, read forwards or backwards)", async () => {
    const words = ["alpha", "beta", "gamma", "delta", "aster", "bravo"];
    const rows = Array.from({ length: 2600 }, (_, i) =>
      account({
        brand: `${words[i % 6]} ${words[(i * 7) % 5]} ${i % 13}`,
        status: i % 4 ? "active" : "paused",
        created_at: new Date(Date.UTC(2025, 0, 1) + ((i * 7919) % 2600) * 60_000).toISOString(),
      }),
    );
    for (let i = 0; i < rows.length; i += 500) await db.merchants.applySyncPage(rows.slice(i, i + 500), T0);
    const key = (r: Account) => r.brand.toLowerCase();
    for (const [q, status, sort, dir] of [
      ["a", undefined, "brand", "asc"], // ~2/3 match: walked
      ["al", undefined, "created", "desc"], // a few hundred: text index first
      ["a", "paused", "created", "asc"],
      [undefined, "active", "brand", "desc"],
    ] as const) {
      const expected = rows
        .filter((r) => !q || r.brand.split(" ").some((w) => w.startsWith(q)))
        .filter((r) => !status || r.status === status)
        .sort((x, y) => {
          const [a, b] = sort === "brand" ? [key(x), key(y)] : [x.created_at, y.created_at];
          const c = a < b ? -1 : a > b ? 1 : x.account_id < y.account_id ? -1 : 1;
          return dir === "asc" ? c : -c;
        })
        .map((r) => r.account_id);
      for (const offset of [0, 25, Math.floor(expected.length / 2) - 10, expected.length - 30, expected.length - 5]) {
        const got = await db.merchants.search({ q, status, sort, dir, offset, limit: 25 });
        expect(got.total, `${q} ${status} ${sort} ${dir}`).toBe(expected.length);
        expect(
          got.rows.map((r) => r.accountId),
          `${q} ${status} ${sort} ${dir} @${offset}`,
        ).toEqual(expected.slice(offset, offset + 25));
      }
    }
  });

  it("records the sync's state", async () => {
    expect(await db.merchants.syncState()).toMatchObject({ startedAt: null, okAt: null, seen: 0 });
    const started = new Date().toISOString();
    await db.merchants.syncStarted(started);
    await db.merchants.syncHeartbeat();
    expect(await db.merchants.syncState()).toMatchObject({ startedAt: started, okAt: null, finishedAt: null });
    await db.merchants.syncFinished({ ok: true, startedAt: started, seen: 3, added: 2, changed: 1, removed: 0 });
    const ok = await db.merchants.syncState();
    expect(ok).toMatchObject({ okStartedAt: started, seen: 3, added: 2, changed: 1, removed: 0, error: null });
    expect(ok.okAt).toBe(ok.finishedAt);
    await db.merchants.syncStarted(new Date().toISOString());
    await db.merchants.syncFinished({ ok: false, error: "upstream down" });
    expect(await db.merchants.syncState()).toMatchObject({ okAt: ok.okAt, error: "upstream down", seen: 3 });
    await db.merchants.analyze();
  });

  it("serves word-prefix searches from the engine's text index", async () => {
    await db.merchants.applySyncPage([account({ brand: "Harbor & Lumen" })], T0);
    const k = db.kysely;
    if (db.dialect === "postgres") {
      // The words table's b-tree serves a prefix as a range (text_pattern_ops), whatever the search_path.
      const plan = await k.transaction().execute(async (trx) => {
        await sql`set local enable_seqscan = off`.execute(trx);
        return sql<{
          "QUERY PLAN": string;
        }>`explain select merchant_id from merchant_words where field = 's' and word like ${"harb%"}`.execute(trx);
      });
      const text = plan.rows.map((r) => r["QUERY PLAN"]).join("\n");
      expect(text).toContain("merchant_words_prefix_idx");
      expect(text).toMatch(/word ~>=~ 'harb'/);
    } else {
      const plan = await sql<{
        detail: string;
      }>`explain query plan select rowid from merchant_fts where merchant_fts match ${'"h"*'}`.execute(k);
      expect(plan.rows.map((r) => r.detail).join("\n")).toMatch(/VIRTUAL TABLE INDEX/);
    }
  });
});

describe.each(BACKENDS)("saved views on $name", (backend) => {
  let db: ConsoleDb;
  withTestDatabase(backend, async (created) => {
    db = await created.open();
  });

  it("saves per user and list, replaces by name, deletes only the owner's", async () => {
    const a = await db.views.save({ userId: "u1", scope: "merchants", name: "Paused UK", query: "status=paused" });
    await db.views.save({ userId: "u1", scope: "merchants", name: "All", query: "" });
    await db.views.save({ userId: "u2", scope: "merchants", name: "Paused UK", query: "status=paused&country=GB" });
    const again = await db.views.save({
      userId: "u1",
      scope: "merchants",
      name: " Paused UK ",
      query: "status=paused&country=GB",
    });
    expect(again.id).toBe(a.id);
    expect((await db.views.list("u1", "merchants")).map((v) => [v.name, v.query])).toEqual([
      ["All", ""],
      ["Paused UK", "status=paused&country=GB"],
    ]);
    expect(await db.views.list("u1", "operations")).toEqual([]);
    expect(await db.views.count("u1", "merchants")).toBe(2);
    expect(await db.views.delete("u2", a.id)).toBe(false);
    expect(await db.views.delete("u1", a.id)).toBe(true);
    expect(await db.views.delete("u1", a.id)).toBe(false);
    expect((await db.views.list("u1", "merchants")).map((v) => v.name)).toEqual(["All"]);
    expect((await db.views.list("u2", "merchants")).map((v) => v.name)).toEqual(["Paused UK"]);
  });
});
