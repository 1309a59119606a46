/** §5.1 with §2.1 formats: what a register body must look like; a bad one creates nothing. */
import { describe, expect, it } from "vitest";
import { expectEnvelope, open } from "./harness";

const emoji = (n: number) => "🛒".repeat(n);

describe("register body validation", () => {
  it.each([
    ["a bare host", { store_identifier: "acme.example.com" }, "store_identifier"],
    ["a single-label host", { store_identifier: "https://acme" }, "store_identifier"],
    ["an empty label", { store_identifier: "https://acme..com" }, "store_identifier"],
    ["another scheme", { store_identifier: "ftp://acme.example.com" }, "store_identifier"],
    ["a user and password", { store_identifier: "https://u:p@acme.example.com" }, "store_identifier"],
    ["a user only", { store_identifier: "https://u@acme.example.com" }, "store_identifier"],
    [
      "a URL over 2048 characters",
      { store_identifier: `https://a.example.com/${"x".repeat(2030)}` },
      "store_identifier",
    ],
    ["a lowercase country", { country_code: "us" }, "country_code"],
    ["a three-letter country", { country_code: "USA" }, "country_code"],
    ["an empty brand", { brand: "" }, "brand"],
    ["a brand of 121 code points", { brand: emoji(121) }, "brand"],
    ["an external id of 129 code points", { external_account_id: emoji(129) }, "external_account_id"],
    ["an empty external id", { external_account_id: "" }, "external_account_id"],
    ["a zero vertical", { vertical_id: 0 }, "vertical_id"],
    ["a negative sub-vertical", { sub_vertical_id: -3 }, "sub_vertical_id"],
    ["a fractional vertical", { vertical_id: 1500.5 }, "vertical_id"],
    ["a string sub-vertical", { sub_vertical_id: "1610" }, "sub_vertical_id"],
    ["a malformed parent id", { platform_parent_account_id: "100000000000001" }, "platform_parent_account_id"],
    ["a numeric parent id", { platform_parent_account_id: 1000000000000001 }, "platform_parent_account_id"],
    ["a missing brand", { brand: undefined }, "brand"],
    ["a null external id", { external_account_id: null }, "external_account_id"],
    ["an empty pages list", { pages: [] }, "pages"],
    [
      "four pages",
      {
        pages: ["confirmation", "tracking", "returns", "confirmation"].map((s) => ({
          surface: s,
          layout_type: "Overlay",
        })),
      },
      "pages",
    ],
    [
      "a repeated surface",
      {
        pages: [
          { surface: "tracking", layout_type: "Overlay" },
          { surface: "tracking", layout_type: "Embedded" },
        ],
      },
      "surface",
    ],
    ["the payment surface", { pages: [{ surface: "payment", layout_type: "Overlay" }] }, "surface"],
    ["a bad layout type", { pages: [{ surface: "tracking", layout_type: "Modal" }] }, "layout_type"],
    ["a page without layout_type", { pages: [{ surface: "tracking" }] }, "layout_type"],
    ["an unknown field", { status: "active" }, "status"],
  ])("%s → 400 naming the field, nothing created", async (_n, over, field) => {
    const env = open();
    const before = await env.listAll();
    const res = await env.register(over);
    expectEnvelope(res, 400);
    expect(res.body.message).toContain(field);
    expect(await env.listAll()).toEqual(before);
  });

  it("names the value in a format message, e.g. store_identifier https://acme is not a valid URL", async () => {
    const env = open();
    const res = await env.register({ store_identifier: "https://acme" });
    expectEnvelope(res, 400);
    expect(res.body.message).toContain("store_identifier https://acme");
  });

  it.each([
    ["a scheme in upper case", { store_identifier: "HTTPS://Shop.Example.com/Store" }],
    ["plain http", { store_identifier: "http://shop.example.com" }],
    ["a port, path and query", { store_identifier: "https://shop.example.com:8443/a/b?c=d" }],
    ["a brand of 120 code points", { brand: emoji(120) }],
    ["an external id of 128 code points", { external_account_id: emoji(128) }],
    [
      "three pages",
      { pages: ["returns", "tracking", "confirmation"].map((s) => ({ surface: s, layout_type: "Embedded" })) },
    ],
  ])("accepts %s", async (_n, over) => {
    const env = open();
    expectEnvelope(await env.register(over), 200);
  });
});
