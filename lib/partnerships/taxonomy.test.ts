import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsvRecords, parseTaxonomyCsv, taxonomyMapping, taxonomyPairKey, taxonomyTree } from "./taxonomy";

const file = readFileSync(path.join(process.cwd(), "data", "taxonomy.csv"), "utf8");

describe("partner taxonomy CSV", () => {
  it("parses quoted fields, doubled quotes, CRLF and a BOM", () => {
    expect(parseCsvRecords('\uFEFFa,"b, c","say ""hi"""\r\n1,2,3\n')).toEqual([
      ["a", "b, c", 'say "hi"'],
      ["1", "2", "3"],
    ]);
  });

  it("ships about 20 verticals and 100 sub-verticals, mapping the pairs SPEC §7 names", () => {
    const rows = parseTaxonomyCsv(file);
    const tree = taxonomyTree(rows);
    expect(tree).toHaveLength(20);
    expect(rows).toHaveLength(100);
    const map = taxonomyMapping(rows);
    for (const [v, s] of [
      [1500, 1610],
      [1502, 1620],
      [1504, 1612],
    ] as const) {
      expect(map.has(taxonomyPairKey(v, s))).toBe(true);
    }
    expect(map.has(taxonomyPairKey(9999, 9999))).toBe(false);
    expect(rows.filter((r) => r.roktVerticalId === null).length).toBeGreaterThan(0);
  });

  it("rejects a wrong header, a bad id, half a mapping and a repeated pair, naming the line", () => {
    const header =
      "partner_vertical_id,partner_vertical_name,partner_sub_vertical_id,partner_sub_vertical_name,rokt_vertical_id,rokt_sub_vertical_id";
    expect(() => parseTaxonomyCsv("a,b\n")).toThrow(/header/);
    expect(() => parseTaxonomyCsv(`${header}\nx,V,1,S,,\n`)).toThrow(/line 2/);
    expect(() => parseTaxonomyCsv(`${header}\n1,V,2,S,3,\n`)).toThrow(/both Rokt ids/);
    expect(() => parseTaxonomyCsv(`${header}\n1,V,2,S,,\n1,V,2,S,,\n`)).toThrow(/line 3.*repeats/);
  });
});
