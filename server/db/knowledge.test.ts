import { describe, expect, it } from "vitest";
import { parseKnowledgeCsv, splitCsvLine } from "./repos/knowledge-csv";
import { BACKENDS, withTestDatabase } from "./test-backends";
import type { ConsoleDb } from "./types";

const ACC = "1234567890123456";
const P1 = "aaaaaaaa-0000-4000-8000-000000000001";
const P2 = "aaaaaaaa-0000-4000-8000-000000000002";
const L1 = "bbbbbbbb-0000-4000-8000-000000000001";
const L2 = "bbbbbbbb-0000-4000-8000-000000000002";
const L3 = "bbbbbbbb-0000-4000-8000-000000000003";

describe("knowledge CSV parsing", () => {
  it("splits quoted fields", () => {
    expect(splitCsvLine('a,"b,c","d""e", f ')).toEqual(["a", "b,c", 'd"e', "f"]);
    expect(splitCsvLine('a,"b')).toBeNull();
  });

  it("requires the header and reports its missing columns", () => {
    expect(parseKnowledgeCsv("").errors[0]?.message).toMatch(/header/);
    const r = parseKnowledgeCsv(`account_id,page_id,layout_id\n${ACC},${P1},${L1}`);
    expect(r.rows).toEqual([]);
    expect(r.errors).toEqual([{ line: 1, message: expect.stringMatching(/missing: surface, layout_type/) }]);
  });

  it("accepts columns in any order, a BOM, CRLF and blank lines", () => {
    const r = parseKnowledgeCsv(
      `\uFEFFsurface,layout_type,account_id,page_id,layout_id\r\n\r\ntracking,Overlay,${ACC},${P1},${L1}\r\n`,
    );
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([
      { line: 3, accountId: ACC, pageId: P1, layoutId: L1, surface: "tracking", layoutType: "Overlay" },
    ]);
  });
});

describe.each(BACKENDS)("merchant knowledge on $name", (backend) => {
  let db: ConsoleDb;
  withTestDatabase(backend, async (created) => {
    db = await created.open();
  });

  it("learns pages from register/add-pages, switches and themes", async () => {
    expect(await db.knowledge.isEmpty()).toBe(true);
    await db.knowledge.recordPages(ACC, [
      {
        page_id: P1,
        surface: "confirmation",
        layout_id: L1,
        layout_type: "Overlay",
        page_identifier: "confirmation_page",
      },
      { page_id: P2, surface: "tracking", layout_id: L2, layout_type: "Embedded" },
    ]);
    expect(await db.knowledge.isEmpty()).toBe(false);
    await db.knowledge.recordTheme(ACC, L1, P1, "Overlay", { primaryColor: "#111111", borderRadius: 4 });
    await db.knowledge.recordTheme(ACC, L1, P1, "Overlay", { borderRadius: 12 }); // sparse: merges
    await db.knowledge.recordLayoutSwitch(ACC, {
      page_id: P1,
      surface: "confirmation",
      layout_id: L3,
      layout_type: "Embedded",
      page_identifier: "confirmation_page",
    });

    const k = await db.knowledge.get(ACC);
    expect(k.accountId).toBe(ACC);
    expect(k.pages.map(({ updatedAt: _, ...p }) => p)).toEqual([
      {
        pageId: P1,
        surface: "confirmation",
        layoutId: L3,
        layoutType: "Embedded",
        pageIdentifier: "confirmation_page",
      },
      { pageId: P2, surface: "tracking", layoutId: L2, layoutType: "Embedded", pageIdentifier: null },
    ]);
    expect(k.layouts.map(({ updatedAt: _, ...l }) => l)).toEqual([
      { layoutId: L1, pageId: P1, layoutType: "Overlay", theme: { primaryColor: "#111111", borderRadius: 12 } },
      { layoutId: L2, pageId: P2, layoutType: "Embedded", theme: null },
      { layoutId: L3, pageId: P1, layoutType: "Embedded", theme: null },
    ]);

    // Switching back brings the old layout back with its theme kept.
    await db.knowledge.recordLayoutSwitch(ACC, {
      page_id: P1,
      surface: "confirmation",
      layout_id: L1,
      layout_type: "Overlay",
    });
    const back = await db.knowledge.get(ACC);
    expect(back.pages[0]).toMatchObject({ layoutId: L1, layoutType: "Overlay", pageIdentifier: "confirmation_page" });
    expect(back.layouts.find((l) => l.layoutId === L1)?.theme).toEqual({ primaryColor: "#111111", borderRadius: 12 });
    expect((await db.knowledge.get("9999999999999999")).pages).toEqual([]);
  });

  it("refuses unknown surfaces and layout types", async () => {
    await expect(
      db.knowledge.recordPages(ACC, [{ page_id: P1, surface: "checkout", layout_id: L1, layout_type: "Overlay" }]),
    ).rejects.toThrow(/surface checkout/);
    await expect(db.knowledge.recordTheme(ACC, L1, P1, "Popup", { borderRadius: 1 })).rejects.toThrow(
      /layout_type Popup/,
    );
    expect(await db.knowledge.isEmpty()).toBe(true);
  });

  it("imports a CSV: keeps good rows, reports bad ones by line, and is idempotent", async () => {
    const csv = [
      "account_id,page_id,layout_id,surface,layout_type",
      `${ACC},${P1},${L1},confirmation,Overlay`,
      `0123456789012345,${P1},${L1},confirmation,Overlay`,
      `${ACC},${P2},${L2},checkout,Overlay`,
      `${ACC},${P2},${L2},tracking,popup`,
      `${ACC},${P2}`,
      `${ACC},,${L2},tracking,Embedded`,
      `${ACC},${P2},${L2},tracking,Embedded`,
      "",
    ].join("\n");
    const first = await db.knowledge.importCsv(csv);
    expect(first.imported).toBe(2);
    expect(first.errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7]);
    expect(first.errors[0]?.message).toMatch(/account_id "0123456789012345" is not a valid account id/);
    expect(first.errors[1]?.message).toMatch(/surface "checkout" must be one of/);
    expect(first.errors[2]?.message).toMatch(/layout_type "popup" must be Overlay or Embedded/);
    expect(first.errors[3]?.message).toMatch(/expected 5 fields, found 2/);
    expect(first.errors[4]?.message).toMatch(/page_id "" is not a valid id/);

    await db.knowledge.recordTheme(ACC, L1, P1, "Overlay", { textColor: "#000000" });
    const again = await db.knowledge.importCsv(csv);
    expect(again.imported).toBe(2);
    const k = await db.knowledge.get(ACC);
    expect(k.pages.map((p) => [p.pageId, p.surface, p.layoutId, p.layoutType])).toEqual([
      [P1, "confirmation", L1, "Overlay"],
      [P2, "tracking", L2, "Embedded"],
    ]);
    expect(k.layouts).toHaveLength(2);
    expect(k.layouts[0]?.theme).toEqual({ textColor: "#000000" }); // re-import keeps learnt themes
  });

  it("imports a large CSV in one go", async () => {
    const lines = ["account_id,page_id,layout_id,surface,layout_type"];
    for (let i = 0; i < 3000; i++) {
      const acc = String(1000000000000000 + Math.floor(i / 3));
      lines.push(`${acc},p-${i},l-${i},${["confirmation", "tracking", "returns"][i % 3]},Embedded`);
    }
    // The same page twice in one batch: the later row wins.
    lines.push("1000000000000000,p-0,l-new,confirmation,Overlay");
    const r = await db.knowledge.importCsv(lines.join("\n"));
    expect(r).toEqual({ imported: 3001, errors: [] });
    expect((await db.knowledge.get("1000000000000000")).pages[0]).toMatchObject({
      layoutId: "l-new",
      layoutType: "Overlay",
    });
    const k = await db.knowledge.get("1000000000000777");
    expect(k.pages.map((p) => [p.pageId, p.surface])).toEqual([
      ["p-2331", "confirmation"],
      ["p-2332", "tracking"],
      ["p-2333", "returns"],
    ]);
    expect(k.layouts).toHaveLength(3);
  });
});
