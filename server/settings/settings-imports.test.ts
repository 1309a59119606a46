import { afterEach, describe, expect, it, vi } from "vitest";
import { BACKENDS, type TestDatabase, withTestDatabase } from "@/server/db/test-backends";
import type { ConsoleDb, IndexedMerchant } from "@/server/db/types";
import { ForbiddenError } from "@/server/partnerships/errors";
import type { PartnershipsClient } from "@/server/partnerships/types";
import { getPartnerTaxonomy, loadCurrentTaxonomy, shippedTaxonomyCsv } from "@/server/taxonomy";
import { currentLayoutsCsv, planLayoutImport } from "./layouts";
import { applyTaxonomy, previewTaxonomy } from "./taxonomy";

/** The import services over a real console database (SQLite), with the API's account read faked. */
const OWN = "1000000000000401";
const UNINDEXED_OWN = "1000000000000402";
const FOREIGN = "1000000000000999";

const merchant = (accountId: string, brand: string): IndexedMerchant => ({
  accountId,
  externalAccountId: `ext-${accountId}`,
  brand,
  countryCode: "GB",
  storeIdentifier: "https://shop.example.com",
  verticalId: 1500,
  subVerticalId: 1610,
  status: "active",
  createdAt: "2025-01-01T00:00:00.000Z",
  updatedAt: "2025-01-01T00:00:00.000Z",
});

const asked: string[] = [];
const client = async () =>
  ({
    async getStatus(id: string) {
      asked.push(id);
      if (id === UNINDEXED_OWN) return { status: 200, data: { accountId: id } };
      throw new ForbiddenError("not yours", { status: 403 });
    },
  }) as unknown as PartnershipsClient;

const [sqlite] = BACKENDS;
describe.each(sqlite ? [sqlite] : [])("settings import services on $name", (backend) => {
  let db: ConsoleDb;
  withTestDatabase(backend, async (created) => {
    db = await created.open();
    asked.length = 0;
  });

  it("taxonomy: seeded from the shipped file; a bad file changes nothing; a good one becomes the next version", async () => {
    const seeded = await loadCurrentTaxonomy(db);
    expect(seeded.version).toBe(1);
    expect(seeded.pairNames.get("1500/1610")).toBe("Apparel & Accessories › Women's Clothing");
    // In sandbox mode the sandbox's mapping decides; the shipped file leaves Gift Cards unmapped.
    const gifts = seeded.tree.find((v) => v.id === 1518)?.subVerticals;
    expect(gifts?.find((s) => s.id === 1694)?.mapped).toBe(false);
    expect(gifts?.find((s) => s.id === 1690)?.mapped).toBe(true);

    const shipped = await shippedTaxonomyCsv();
    const bad = `${shipped.trimEnd()}\n1500,Apparel & Accessories,1610,Dup,200,4007\n1501,,1699,,1,1\n`;
    const refused = await applyTaxonomy(db, bad, 1, "admin@x");
    expect(refused.state).toBe("invalid");
    if (refused.state === "invalid") expect(refused.preview.counts.errors).toBe(2);
    expect(await db.taxonomyVersions.currentVersion()).toBe(1);

    // Merchant 401 blocks Shoes (1500/1602); the new file removes it and renames Women's Clothing.
    await db.merchants.upsertLocal(merchant(OWN, "Blocky Shop"));
    await db.controlsSeen.record(OWN, [
      [1500, 1602],
      [1500, 1610],
    ]);
    const good = shipped
      .split("\n")
      .filter((l) => !l.startsWith("1500,Apparel & Accessories,1602,"))
      .map((l) => l.replace("1610,Women's Clothing", "1610,Womenswear"))
      .concat(["1520,Tickets,1720,Concerts,,"])
      .join("\n");
    const preview = await previewTaxonomy(db, good);
    expect(preview).toMatchObject({
      baseVersion: 1,
      canApply: true,
      merchantsSeen: 1,
      counts: { added: 1, renamed: 1, removed: 1, errors: 0 },
      orphaned: [{ key: "1500/1602", merchants: [{ accountId: OWN, brand: "Blocky Shop" }] }],
      unmappedAdded: ["1520/1720"],
    });
    const applied = await applyTaxonomy(db, good, 1, "admin@x");
    expect(applied).toMatchObject({ state: "applied", version: 2 });
    expect((await loadCurrentTaxonomy(db)).pairNames.get("1500/1610")).toBe("Apparel & Accessories › Womenswear");
    expect((await db.taxonomyVersions.get(1))?.csv).toBe(shipped);
    // The same preview applied again: another version came first.
    expect(await applyTaxonomy(db, good, 1, "admin@x")).toEqual({ state: "stale", current: 2 });
  });

  it("layouts: foreign accounts refused as row errors, the rest diffed against what the console knows", async () => {
    await db.merchants.upsertLocal(merchant(OWN, "Own Shop"));
    await db.knowledge.recordPages(OWN, [
      { page_id: "p1", surface: "confirmation", layout_id: "l1", layout_type: "Overlay" },
      { page_id: "p2", surface: "returns", layout_id: "l2", layout_type: "Embedded" },
      { page_id: "p3", surface: "tracking", layout_id: "l3", layout_type: "Overlay" },
    ]);
    const csv = [
      "account_id,page_id,layout_id,surface,layout_type",
      `${OWN},p1,l1,confirmation,Overlay`, // 1 unchanged
      `${OWN},p2,l9,returns,Embedded`, // 2 changed; p3 is removed
      `${UNINDEXED_OWN},q1,m1,confirmation,Overlay`, // 3 added (the API answers for it)
      `${FOREIGN},z1,y1,returns,Overlay`, // 4 refused
      `${OWN},p2,l8,returns,Embedded`, // 5 repeats row 2
      `${OWN},p4,l4,checkout,Sideways`, // 6 bad values
    ].join("\n");
    const plan = await planLayoutImport(db, client, csv);
    expect(plan.preview.counts).toEqual({ added: 1, renamed: 1, removed: 1, errors: 3, unchanged: 1 });
    expect(plan.preview.errors.map((e) => e.row)).toEqual([4, 5, 6]);
    expect(plan.preview.errors[0]?.message).toBe(`Account ${FOREIGN} is not one of this partner's merchants.`);
    expect(plan.preview.canApply).toBe(false);
    expect(asked.sort()).toEqual([UNINDEXED_OWN, FOREIGN]);

    const fixed = csv.split("\n").slice(0, 4).join("\n");
    const ok = await planLayoutImport(db, client, fixed);
    expect(ok.preview.canApply).toBe(true);
    await db.layoutImport.apply(ok.upserts, ok.removals);
    const text = await new Response(currentLayoutsCsv(db)).text();
    expect(text).toBe(
      [
        "account_id,page_id,layout_id,surface,layout_type",
        `${OWN},p1,l1,confirmation,Overlay`,
        `${OWN},p2,l9,returns,Embedded`,
        `${UNINDEXED_OWN},q1,m1,confirmation,Overlay`,
        "",
      ].join("\r\n"),
    );
  });
});

describe.each(sqlite ? [sqlite] : [])("getPartnerTaxonomy across instances on $name", (backend) => {
  let t: TestDatabase;
  afterEach(async () => {
    vi.useRealTimers();
    await t?.cleanup();
  });

  it("shows a new version at once on the instance that applied it, and within seconds on another", async () => {
    t = await backend.create();
    const here = await t.open();
    const there = await t.open();
    vi.useFakeTimers({ toFake: ["Date"] });
    expect((await getPartnerTaxonomy(here)).version).toBe(1);
    expect((await getPartnerTaxonomy(there)).version).toBe(1);
    const renamed = (await shippedTaxonomyCsv()).replace("1602,Shoes,", "1602,Footwear,");
    expect(await applyTaxonomy(here, renamed, 1, "admin@x")).toMatchObject({ state: "applied", version: 2 });
    expect((await getPartnerTaxonomy(here)).pairNames.get("1500/1602")).toBe("Apparel & Accessories › Footwear");
    // The other instance trusts its copy briefly, then notices the new version number.
    expect((await getPartnerTaxonomy(there)).version).toBe(1);
    vi.setSystemTime(Date.now() + 2500);
    expect((await getPartnerTaxonomy(there)).pairNames.get("1500/1602")).toBe("Apparel & Accessories › Footwear");
  });
});
