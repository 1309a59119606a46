import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csvCell } from "@/lib/csv";
import { searchWords } from "@/lib/merchants/query";
import { parseCsvRecords } from "@/lib/partnerships/taxonomy";
import { createHarness, type Harness } from "./test-harness";

/**
 * The merchant list's routes over the real wrapper, a real SQLite console
 * database and the in-process sandbox: first use syncs the index, search and
 * filters, the streamed CSV (and its failure), sync on demand, the index
 * following the console's own writes, saved views.
 */

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ seedMerchants: 30 });
  h.as(h.users.support);
});
afterAll(async () => {
  await h.close();
});

describe("GET /api/merchants", () => {
  it("syncs the index on first use, then searches, filters, sorts and pages it", async () => {
    const first = await h.call("GET", "/api/merchants");
    expect(first.status, first.text).toBe(200);
    const data = first.body.data;
    expect(data).toMatchObject({ total: 30, page: 1, pageSize: 25, pages: 2 });
    expect(data.merchants).toHaveLength(25);
    expect(data.sync.lastSyncedAt).toEqual(expect.any(String));
    expect(data.sync).toMatchObject({ running: false, lastError: null, count: 30 });
    const brands: string[] = data.merchants.map((m: { brand: string }) => m.brand);
    // Sorted by the brand's words (case and punctuation ignored), in code-point order.
    const key = (b: string) => searchWords(b).join(" ");
    expect([...brands].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))).toEqual(brands);
    const m = data.merchants[0];
    expect(Object.keys(m).sort()).toEqual(
      [
        "accountId",
        "brand",
        "countryCode",
        "createdAt",
        "externalAccountId",
        "status",
        "storeIdentifier",
        "subVerticalId",
        "updatedAt",
        "verticalId",
        "verticalName",
      ].sort(),
    );
    expect(m.verticalName).toEqual(expect.any(String));

    const prefix = brands[3]!.slice(0, 3);
    const found = await h.call("GET", `/api/merchants?q=${encodeURIComponent(prefix)}&pageSize=100`);
    expect(found.body.data.merchants.map((x: { brand: string }) => x.brand)).toContain(brands[3]);

    const paused = await h.call("GET", "/api/merchants?status=paused&sort=created&dir=asc&pageSize=100");
    const rows = paused.body.data.merchants as { status: string; createdAt: string }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.status === "paused")).toBe(true);
    expect(rows.map((r) => r.createdAt)).toEqual([...rows.map((r) => r.createdAt)].sort());

    const page2 = await h.call("GET", "/api/merchants?page=2");
    expect(page2.body.data.merchants).toHaveLength(5);
    const past = await h.call("GET", "/api/merchants?page=9");
    expect(past.body.data).toMatchObject({ merchants: [], total: 30, page: 9 });
  });

  it("refuses a malformed query with the field named", async () => {
    const bad = await h.call("GET", "/api/merchants?pageSize=500&sort=name&status=gone&extra=1");
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(
      ["query.extra", "query.pageSize", "query.sort", "query.status"].sort(),
    );
  });
});

describe("GET /api/merchants/export.csv", () => {
  it("streams every matching row with a header, in the list's order", async () => {
    const res = await h.call("GET", "/api/merchants/export.csv?status=active&sort=brand&dir=desc");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="merchants-\d{8}-\d{4}\.csv"$/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const records = parseCsvRecords(res.text).filter((r) => r.length > 1);
    expect(records[0]).toEqual([
      "account_id",
      "external_account_id",
      "brand",
      "status",
      "country_code",
      "vertical_id",
      "vertical_name",
      "sub_vertical_id",
      "store_identifier",
      "created_at",
      "updated_at",
    ]);
    const listed = await h.call("GET", "/api/merchants?status=active&sort=brand&dir=desc&pageSize=100");
    expect(records.slice(1).map((r) => r[0])).toEqual(
      listed.body.data.merchants.map((m: { accountId: string }) => m.accountId),
    );
    expect(records.slice(1).every((r) => r[3] === "active")).toBe(true);
  });

  it("has no cap: every row of a large filtered view, in chunks", async () => {
    const res = await h.call("GET", "/api/merchants/export.csv");
    expect(parseCsvRecords(res.text).filter((r) => r.length > 1)).toHaveLength(31);
  });

  it("fails the download when the index fails part-way (never a short file)", async () => {
    const original = h.db.merchants.scan;
    h.db.merchants.scan = async function* (filter, opts) {
      let n = 0;
      for await (const chunk of original.call(h.db.merchants, filter, { ...opts, chunkSize: 5 })) {
        if (++n === 3) throw new Error("disk on fire");
        yield chunk;
      }
    };
    try {
      await expect(h.call("GET", "/api/merchants/export.csv")).rejects.toThrow(/disk on fire/);
    } finally {
      h.db.merchants.scan = original;
    }
  });

  it("neutralises cells a spreadsheet would run as formulas", () => {
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell("-1")).toBe("'-1");
    expect(csvCell('Say "hi", ok')).toBe('"Say ""hi"", ok"');
    expect(csvCell(12)).toBe("12");
    expect(csvCell(null)).toBe("");
  });
});

describe("the index follows the console's writes", () => {
  it("a live status change updates the row at once; a dry run does not", async () => {
    const list = await h.call("GET", "/api/merchants?status=paused&pageSize=1");
    const id: string = list.body.data.merchants[0].accountId;
    const dry = await h.call("PUT", `/api/merchants/${id}/status?dry_run=true`, { body: { status: "active" } });
    expect(dry.status, dry.text).toBe(200);
    expect((await h.db.merchants.get(id))?.status).toBe("paused");
    const live = await h.call("PUT", `/api/merchants/${id}/status`, { body: { status: "active" } });
    expect(live.status, live.text).toBe(200);
    expect((await h.db.merchants.get(id))?.status).toBe("active");
    await h.call("PUT", `/api/merchants/${id}/status`, { body: { status: "paused" } });
    expect((await h.db.merchants.get(id))?.status).toBe("paused");
  });

  it("a registered merchant is searchable at once", async () => {
    h.as(h.users.account_manager);
    const body = {
      brand: "Zanzibar Kites",
      vertical_id: 1500,
      sub_vertical_id: 1610,
      country_code: "GB",
      store_identifier: "https://zanzibar-kites.example.com",
      external_account_id: "ext-zanzibar",
    };
    const res = await h.call("POST", "/api/merchants", { body });
    expect(res.status, res.text).toBe(200);
    h.as(h.users.support);
    const found = await h.call("GET", "/api/merchants?q=zanz");
    expect(found.body.data.merchants.map((m: { brand: string; status: string }) => [m.brand, m.status])).toEqual([
      ["Zanzibar Kites", "paused"],
    ]);
  });
});

describe("POST /api/merchants/sync", () => {
  it("syncs now (support may), is a write (CSRF, key) and is audited", async () => {
    const refused = await h.call("POST", "/api/merchants/sync", { headers: { "X-Requested-With": null } });
    expect(refused.status).toBe(403);
    const keyless = await h.call("POST", "/api/merchants/sync", { key: null });
    expect(keyless.status).toBe(400);
    const res = await h.call("POST", "/api/merchants/sync");
    expect(res.status, res.text).toBe(200);
    expect(res.body.data).toMatchObject({ state: "done", result: { ran: true, seen: 31 } });
    expect(res.body.data.sync).toMatchObject({ running: false, lastError: null });
    const audit = await h.db.audit.list({ action: "merchant.index.sync" });
    expect(audit.entries[0]).toMatchObject({ outcome: "success", userEmail: "support@api.test" });
  });
});

describe("saved views", () => {
  it("saves the canonical query, lists, replaces by name and deletes only the user's own", async () => {
    const saved = await h.call("POST", "/api/views", {
      body: { name: "Paused in GB", query: "?status=paused&country=gb&page=3&sort=brand&junk=1" },
    });
    expect(saved.status, saved.text).toBe(201);
    expect(saved.body.data).toMatchObject({ name: "Paused in GB", query: "status=paused&country=GB" });
    const list = await h.call("GET", "/api/views");
    expect(list.body.data.views.map((v: { name: string }) => v.name)).toEqual(["Paused in GB"]);

    h.as(h.users.admin);
    expect((await h.call("GET", "/api/views")).body.data.views).toEqual([]);
    expect((await h.call("DELETE", `/api/views/${saved.body.data.id}`)).status).toBe(404);
    h.as(h.users.support);

    const blank = await h.call("POST", "/api/views", { body: { name: "  ", query: "" } });
    expect(blank.status).toBe(400);
    expect(blank.body.error.fields).toHaveProperty("name");
    const del = await h.call("DELETE", `/api/views/${saved.body.data.id}`);
    expect(del.status, del.text).toBe(200);
    expect((await h.call("GET", "/api/views")).body.data.views).toEqual([]);
  });
});
