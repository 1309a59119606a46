import { describe, expect, it } from "vitest";
import { domainsToText, lineOfDomain, looseDomains, MAX_DOMAINS, parseDomainLines } from "./domains";

describe("parseDomainLines", () => {
  it("trims, lowercases and skips blank lines, remembering each domain's line", () => {
    const r = parseDomainLines("  Example.COM \n\n\r\nshop.example.co.uk\r\n   \n");
    expect(r.errors).toEqual([]);
    expect(r.domains).toEqual(["example.com", "shop.example.co.uk"]);
    expect(r.lines).toEqual([1, 4]);
  });

  it("reports a malformed host on its own line and keeps the valid ones", () => {
    const r = parseDomainLines("good.com\nhttps://bad.com/path\nno_underscore.com\nlocalhost\n-lead.com\nok.org");
    expect(r.domains).toEqual(["good.com", "ok.org"]);
    expect(r.errors.map((e) => e.line)).toEqual([2, 3, 4, 5]);
    expect(r.errors[0]?.message).toContain("https://bad.com/path");
    expect(r.errors[0]?.message).toContain("is not a valid domain");
  });

  it("reports a duplicate on the exact line that repeats, naming the first", () => {
    const r = parseDomainLines("a.com\nb.com\n\nA.com ");
    expect(r.domains).toEqual(["a.com", "b.com"]);
    expect(r.errors).toEqual([{ line: 4, message: "a.com repeats line 1" }]);
  });

  it("refuses labels over 63 characters and names over 253", () => {
    expect(parseDomainLines(`${"a".repeat(64)}.com`).errors).toHaveLength(1);
    expect(parseDomainLines(`${"a".repeat(63)}.com`).errors).toHaveLength(0);
    const long = Array.from({ length: 64 }, () => "abc").join(".");
    expect(long.length).toBeGreaterThan(253);
    expect(parseDomainLines(long).errors).toHaveLength(1);
  });

  it("refuses more than the API's 500 domains on the first line over", () => {
    const text = Array.from({ length: MAX_DOMAINS + 1 }, (_, i) => `d${i}.com`).join("\n");
    const r = parseDomainLines(text);
    expect(r.domains).toHaveLength(MAX_DOMAINS);
    expect(r.errors).toEqual([{ line: MAX_DOMAINS + 1, message: "at most 500 domains can be blocked" }]);
  });

  it("is empty for an empty text", () => {
    expect(parseDomainLines("")).toEqual({ domains: [], lines: [], errors: [] });
  });
});

describe("helpers", () => {
  it("looseDomains keeps invalid lines so a draft with errors still counts as changed", () => {
    expect(looseDomains(" A.com\nnot a domain\n\na.com")).toEqual(["a.com", "not a domain"]);
  });
  it("domainsToText and lineOfDomain round-trip", () => {
    const text = domainsToText(["a.com", "b.com"]);
    expect(text).toBe("a.com\nb.com");
    expect(lineOfDomain(`\n${text}`, "B.com")).toBe(3);
    expect(lineOfDomain(text, "c.com")).toBeNull();
  });
});
