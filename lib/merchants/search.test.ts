import { describe, expect, it } from "vitest";
import { merchantListQuery } from "./query";
import { MERCHANT_QUERY_KEYS, readSearch, resolveSearch } from "./search";

/** readSearch as it was written with the API's zod schema: the reference the zod-free reader must match. */
function readSearchWithZod(params: URLSearchParams) {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(merchantListQuery.shape)) {
    const v = params.get(k);
    if (v === null || v === "") continue;
    const parsed = merchantListQuery.shape[k as keyof typeof merchantListQuery.shape].safeParse(v);
    if (parsed.success && parsed.data !== undefined) out[k] = parsed.data;
  }
  return resolveSearch(out);
}

const VALUES = [
  "",
  " ",
  "0",
  "1",
  "2",
  "25",
  "100",
  "101",
  "-1",
  "1.5",
  "5.0",
  "1e3",
  "0x10",
  " 7 ",
  "Infinity",
  "NaN",
  "999999",
  "1000000",
  "1000001",
  "2147483647",
  "2147483648",
  "9007199254740993",
  "abc",
  "a",
  "us",
  "US",
  "Us",
  "usa",
  "u1",
  "active",
  "paused",
  "deleting",
  "deleted",
  "Active",
  "brand",
  "created",
  "updated",
  "asc",
  "desc",
  "DESC",
  "  café  ",
  "x".repeat(100),
  "x".repeat(101),
  "x".repeat(400),
  "x".repeat(401),
  "é".repeat(150),
];

describe("readSearch without zod", () => {
  it("reads the same fields as the API's schema", () => {
    expect([...MERCHANT_QUERY_KEYS].sort()).toEqual(Object.keys(merchantListQuery.shape).sort());
  });

  it("accepts and normalizes each value exactly as merchantListQuery does", () => {
    for (const key of MERCHANT_QUERY_KEYS) {
      for (const value of VALUES) {
        const params = new URLSearchParams({ [key]: value });
        expect(readSearch(params), `${key}=${JSON.stringify(value)}`).toEqual(readSearchWithZod(params));
      }
    }
  });

  it("reads combined queries and a server page's record alike", () => {
    const qs = "q=Shoe&status=paused&country=gb&vertical=12&sort=created&dir=asc&page=3&pageSize=50";
    const params = new URLSearchParams(qs);
    expect(readSearch(params)).toEqual(readSearchWithZod(params));
    expect(readSearch(Object.fromEntries(params))).toEqual(readSearch(params));
    expect(readSearch({ q: ["first", "second"], page: ["x"] })).toMatchObject({ q: "first", page: 1 });
  });
});
