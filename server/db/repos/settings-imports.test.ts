import { describe, expect, it } from "vitest";
import { DuplicateError } from "../errors";
import { BACKENDS, withTestDatabase } from "../test-backends";
import type { ConsoleDb } from "../types";

describe.each(BACKENDS)("settings repos on $name", (backend) => {
  let db: ConsoleDb;
  const t = withTestDatabase(backend, async (created) => {
    db = await created.open();
  });

  it("taxonomy versions: the next version only on the current base, earlier ones kept, seen by another instance", async () => {
    expect(await db.taxonomyVersions.current()).toBeUndefined();
    const v1 = await db.taxonomyVersions.add({ csv: "one", source: "seed", summary: null, createdBy: null }, null);
    expect(v1).toMatchObject({ version: 1, csv: "one", source: "seed" });
    // A second seed (another instance's first use) loses: there is a version already.
    expect(await db.taxonomyVersions.add({ csv: "x", source: "seed", summary: null, createdBy: null }, null)).toBe(
      undefined,
    );
    const summary = { added: 1, renamed: 2, removed: 3 };
    const v2 = await db.taxonomyVersions.add({ csv: "two", source: "import", summary, createdBy: "a@x" }, 1);
    expect(v2).toMatchObject({ version: 2, summary });
    // A preview made on version 1 cannot overwrite version 2.
    expect(await db.taxonomyVersions.add({ csv: "stale", source: "import", summary, createdBy: "b@x" }, 1)).toBe(
      undefined,
    );
    const other = await t.open();
    expect(await other.taxonomyVersions.currentVersion()).toBe(2);
    expect((await other.taxonomyVersions.current())?.csv).toBe("two");
    expect((await db.taxonomyVersions.get(1))?.csv).toBe("one");
    expect((await db.taxonomyVersions.list()).map((v) => [v.version, v.createdBy])).toEqual([
      [2, "a@x"],
      [1, null],
    ]);
  });

  it("controls seen: the last read or write of each merchant wins", async () => {
    await db.controlsSeen.record("1000000000000101", [[1500, 1610]]);
    await db.controlsSeen.record("1000000000000102", []);
    await db.controlsSeen.record("1000000000000101", [
      [1502, 1620],
      [1504, 1612],
    ]);
    expect(await db.controlsSeen.count()).toBe(2);
    expect((await db.controlsSeen.all()).map((m) => [m.accountId, m.blocked])).toEqual([
      [
        "1000000000000101",
        [
          [1502, 1620],
          [1504, 1612],
        ],
      ],
      ["1000000000000102", []],
    ]);
  });

  it("layout import: upserts and removals in one go, scan in account then page order", async () => {
    await db.knowledge.recordPages("1000000000000201", [
      { page_id: "p1", surface: "confirmation", layout_id: "l1", layout_type: "Overlay" },
      { page_id: "p2", surface: "returns", layout_id: "l2", layout_type: "Embedded" },
    ]);
    await db.layoutImport.apply(
      [
        {
          accountId: "1000000000000201",
          pageId: "p1",
          layoutId: "l9",
          surface: "confirmation",
          layoutType: "Embedded",
        },
        { accountId: "1000000000000200", pageId: "p0", layoutId: "l0", surface: "tracking", layoutType: "Overlay" },
      ],
      [{ accountId: "1000000000000201", pageId: "p2" }],
    );
    const rows = [];
    for await (const r of db.layoutImport.scan()) rows.push(r);
    expect(rows).toEqual([
      { accountId: "1000000000000200", pageId: "p0", layoutId: "l0", surface: "tracking", layoutType: "Overlay" },
      { accountId: "1000000000000201", pageId: "p1", layoutId: "l9", surface: "confirmation", layoutType: "Embedded" },
    ]);
    expect((await db.layoutImport.pagesOf(["1000000000000201"])).map((p) => p.pageId)).toEqual(["p1"]);
    // The merchant page's knowledge reads the imported layout.
    expect((await db.knowledge.get("1000000000000201")).pages[0]).toMatchObject({ layoutId: "l9" });
  });

  it("templates: create, rename and edit by id, names unique, delete, drafts that started from one counted", async () => {
    const a = await db.templates.create({
      name: "Strict",
      blocked: [{ partnerVerticalId: 1500, partnerSubVerticalId: 1610 }],
      domainsText: "bad.example",
      createdBy: "admin@x",
    });
    const b = await db.templates.create({ name: "Loose", blocked: [], domainsText: "", createdBy: null });
    await expect(
      db.templates.create({ name: "Strict", blocked: [], domainsText: "", createdBy: null }),
    ).rejects.toThrow(DuplicateError);
    await expect(db.templates.update(b.id, { name: "Strict", blocked: [], domainsText: "" })).rejects.toThrow(
      DuplicateError,
    );
    const renamed = await db.templates.update(a.id, { name: "Very strict", blocked: [], domainsText: "x.example" });
    expect(renamed).toMatchObject({ id: a.id, name: "Very strict", blocked: [], domainsText: "x.example" });
    expect(await db.templates.update("nosuch", { name: "N", blocked: [], domainsText: "" })).toBeUndefined();
    expect((await db.templates.list()).map((x) => x.name)).toEqual(["Loose", "Very strict"]);

    const controls = (templateId: string | null) => ({ controls: { blocked: [], domainsText: "", templateId } });
    await db.onboarding.createDraft("u1", controls(a.id));
    await db.onboarding.createDraft("u2", controls(a.id));
    await db.onboarding.createDraft("u1", controls(b.id));
    const live = await db.onboarding.createDraft("u1", controls(a.id));
    await db.onboarding.markDraftLive(live.id, "1000000000000301");
    await db.onboarding.createDraft("u1", controls(null));
    const uses = await db.templates.draftUses([a.id, b.id, "nosuch"]);
    expect([...uses]).toEqual([
      [a.id, 2],
      [b.id, 1],
      ["nosuch", 0],
    ]);

    expect(await db.templates.delete(a.id)).toBe(true);
    expect(await db.templates.delete(a.id)).toBe(false);
    expect(await db.templates.get(a.id)).toBeUndefined();
  });
});
