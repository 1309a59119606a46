import { describe, expect, it } from "vitest";
import type { TaxonomyVertical } from "@/lib/partnerships/taxonomy";
import { filterTaxonomy } from "./search";

const tree: TaxonomyVertical[] = [
  {
    id: 1500,
    name: "Apparel & Accessories",
    subVerticals: [
      { id: 1610, name: "Women's Clothing", mapped: true },
      { id: 1602, name: "Shoes", mapped: true },
    ],
  },
  {
    id: 1504,
    name: "Sports & Outdoors",
    subVerticals: [
      { id: 1612, name: "Camping & Hiking", mapped: true },
      { id: 1624, name: "Water Sports", mapped: true },
    ],
  },
  { id: 1518, name: "Gifts & Flowers", subVerticals: [{ id: 1694, name: "Gift Cards", mapped: false }] },
];

describe("filterTaxonomy", () => {
  it("returns everything for an empty query", () => {
    expect(filterTaxonomy(tree, "  ")).toEqual(tree);
  });
  it("shows every sub-vertical of a vertical whose name matches", () => {
    const r = filterTaxonomy(tree, "apparel");
    expect(r.map((v) => v.id)).toEqual([1500]);
    expect(r[0]?.subVerticals).toHaveLength(2);
  });
  it("shows only the matching sub-verticals otherwise, across verticals", () => {
    const r = filterTaxonomy(tree, "SHOE");
    expect(r).toEqual([{ ...tree[0], subVerticals: [{ id: 1602, name: "Shoes", mapped: true }] }]);
    const sports = filterTaxonomy(tree, "sports");
    // "Sports & Outdoors" matches as a vertical: all of its sub-verticals.
    expect(sports.map((v) => v.subVerticals.length)).toEqual([2]);
  });
  it("matches every word, across vertical and sub-vertical names", () => {
    expect(filterTaxonomy(tree, "outdoors camping")[0]?.subVerticals.map((s) => s.id)).toEqual([1612]);
    expect(filterTaxonomy(tree, "gift card")).toHaveLength(1);
    expect(filterTaxonomy(tree, "nothing like this")).toEqual([]);
  });
  it("ignores accents", () => {
    expect(filterTaxonomy(tree, "wómen")[0]?.subVerticals.map((s) => s.id)).toEqual([1610]);
  });
});
