import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseTaxonomyCsv, TAXONOMY_COLUMNS } from "@/lib/partnerships/taxonomy";
import { checkTaxonomyCsv, diffTaxonomy } from "./taxonomy-import";

const HEADER = TAXONOMY_COLUMNS.join(",");
const shipped = readFileSync(path.join(process.cwd(), "data", "taxonomy.csv"), "utf8");

describe("checkTaxonomyCsv", () => {
  it("accepts the shipped file as parseTaxonomyCsv reads it", () => {
    const { rows, errors } = checkTaxonomyCsv(shipped);
    expect(errors).toEqual([]);
    expect(rows).toEqual(parseTaxonomyCsv(shipped));
  });

  it("reports every row error with its data row number (1 = first row after the header)", () => {
    const csv = [
      HEADER,
      "1500,Apparel,1610,Women,200,4007", // 1 ok
      "1500,Apparel,1610,Women again,200,4007", // 2 duplicate pair
      "1501,,1604,,203,4042", // 3 missing names
      "15x1,Beauty,-4,Makeup,203,4049", // 4 bad numbers
      "1502,Home,1620,Furniture,206,", // 5 only one Rokt id
      "1502,Home,1609", // 6 too few fields
      "1500,Clothes,1600,Men,200,4014", // 7 vertical renamed within the file
      '1503,"Electronics, Misc",1615,Phones,,', // 8 ok, quoted comma, unmapped
    ].join("\n");
    const { rows, errors } = checkTaxonomyCsv(csv);
    expect(errors.map((e) => e.row)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(errors[0]?.message).toMatch(/1500\/1610 repeats row 1/);
    expect(errors[1]?.message).toMatch(/partner_vertical_name is missing.*partner_sub_vertical_name is missing/);
    expect(errors[2]?.message).toMatch(/partner_vertical_id “15x1” is not a positive whole number/);
    expect(errors[2]?.message).toMatch(/partner_sub_vertical_id “-4”/);
    expect(errors[3]?.message).toMatch(/both rokt_vertical_id and rokt_sub_vertical_id/);
    expect(errors[4]?.message).toMatch(/Expected 6 fields, found 3/);
    expect(errors[5]?.message).toMatch(/named “Apparel” on row 1 and “Clothes” here/);
    expect(rows.map((r) => r.partnerSubVerticalId)).toEqual([1610, 1615]);
    expect(rows[1]).toMatchObject({ partnerVerticalName: "Electronics, Misc", roktVerticalId: null });
  });

  it("refuses a wrong header, an empty file and an unterminated quote as header errors (row 0)", () => {
    expect(checkTaxonomyCsv("id,name\n1,a\n").errors).toEqual([{ row: 0, message: expect.stringMatching(/header/) }]);
    expect(checkTaxonomyCsv(`${HEADER}\n`).errors).toEqual([{ row: 0, message: "The file has no data rows." }]);
    expect(checkTaxonomyCsv(`${HEADER}\n1500,"Apparel,1610,W,1,2\n`).errors[0]?.row).toBe(0);
  });
});

describe("diffTaxonomy", () => {
  it("classifies pairs as added, renamed, removed, remapped or unchanged", () => {
    const before = checkTaxonomyCsv(
      [HEADER, "1,A,10,Aa,1,1", "1,A,11,Ab,1,2", "2,B,20,Ba,2,1", "2,B,21,Bb,2,2"].join("\n"),
    ).rows;
    const after = checkTaxonomyCsv(
      [HEADER, "1,A,10,Aa,1,1", "1,A,11,Ab renamed,1,2", "2,B,21,Bb,,", "3,C,30,Ca,3,1"].join("\n"),
    ).rows;
    const d = diffTaxonomy(before, after);
    expect(d.added.map((c) => c.key)).toEqual(["3/30"]);
    expect(d.renamed).toEqual([
      { key: "1/11", verticalId: 1, subVerticalId: 11, before: "A › Ab", after: "A › Ab renamed" },
    ]);
    expect(d.removed.map((c) => [c.key, c.before])).toEqual([["2/20", "B › Ba"]]);
    expect(d.remapped.map((c) => c.key)).toEqual(["2/21"]);
    expect(d.unchanged).toBe(1);
  });
});
