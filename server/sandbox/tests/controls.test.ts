/** §5.3/§5.4: marketplace controls list — GET default, PUT as full replacement, contentHash. */
import { describe, expect, it } from "vitest";
import { expectEnvelope, MCL_PATH, open, UUID_RE } from "./harness";

const pair = (v: number, s: number) => ({ partnerVerticalId: v, partnerSubVerticalId: s, policy: "Block" });
const dom = (d: string) => ({ domain: d, policy: "Block" });
const MCL_KEYS = [
  "accountId",
  "contentHash",
  "domains",
  "marketplaceControlsListId",
  "name",
  "translatedVerticals",
  "verticals",
];

describe("GET marketplace controls", () => {
  it("before the first PUT: empty lists and name '<brand> Controls'", async () => {
    const env = open();
    const acc = await env.newAccount({ brand: "Acme Outdoor" });
    const res = await env.get(MCL_PATH(acc.account_id));
    expectEnvelope(res, 200);
    const d = res.body.data;
    expect(Object.keys(d).sort()).toEqual(MCL_KEYS);
    expect(d).toMatchObject({
      accountId: acc.account_id,
      name: "Acme Outdoor Controls",
      verticals: [],
      translatedVerticals: [],
      domains: [],
    });
    expect(d.marketplaceControlsListId).toMatch(UUID_RE);
    expect(typeof d.contentHash).toBe("string");
  });
});

describe("PUT marketplace controls", () => {
  it("stores sorted lists, lowercased domains, translated pairs; GET shows the same", async () => {
    const env = open();
    const acc = await env.newAccount();
    const body = {
      name: "Blocked stuff",
      blockedVerticals: [pair(1504, 1612), pair(1500, 1610), pair(1502, 1620)],
      domains: [dom("Zeta.example.com"), dom("ALPHA.example.com"), dom("beta.Example.com")],
    };
    const res = await env.write("PUT", MCL_PATH(acc.account_id), body);
    expectEnvelope(res, 200);
    const d = res.body.data;
    expect(d.name).toBe("Blocked stuff");
    expect(d.translatedVerticals).toEqual([
      { partner_vertical_id: 1500, partner_sub_vertical_id: 1610, policy: "Block" },
      { partner_vertical_id: 1502, partner_sub_vertical_id: 1620, policy: "Block" },
      { partner_vertical_id: 1504, partner_sub_vertical_id: 1612, policy: "Block" },
    ]);
    expect(d.domains).toEqual([dom("alpha.example.com"), dom("beta.example.com"), dom("zeta.example.com")]);
    expect(d.verticals).toHaveLength(3);
    for (const v of d.verticals) {
      expect(Object.keys(v).sort()).toEqual(["sub_vertical_id", "vertical_id"]);
      expect(Number.isInteger(v.vertical_id) && v.vertical_id > 0).toBe(true);
      expect(Number.isInteger(v.sub_vertical_id) && v.sub_vertical_id > 0).toBe(true);
    }
    expect((await env.get(MCL_PATH(acc.account_id))).body.data).toEqual(d);
  });

  it("translates a pair the same way every time (verticals[i] belongs to translatedVerticals[i])", async () => {
    const env = open();
    const acc = await env.newAccount();
    const one = await env.write("PUT", MCL_PATH(acc.account_id), { name: "n", blockedVerticals: [pair(1502, 1620)] });
    const both = await env.write("PUT", MCL_PATH(acc.account_id), {
      name: "n",
      blockedVerticals: [pair(1502, 1620), pair(1500, 1610)],
    });
    expect(both.body.data.verticals[1]).toEqual(one.body.data.verticals[0]);
  });

  it("replaces the whole list: omitted items become unblocked", async () => {
    const env = open();
    const acc = await env.newAccount();
    const id = acc.account_id;
    await env.write("PUT", MCL_PATH(id), {
      name: "n",
      blockedVerticals: [pair(1500, 1610)],
      domains: [dom("a.example.com")],
    });
    const res = await env.write("PUT", MCL_PATH(id), { name: "n2" });
    expectEnvelope(res, 200);
    expect(res.body.data).toMatchObject({ name: "n2", verticals: [], translatedVerticals: [], domains: [] });
  });

  it("keeps the list id for the account's life", async () => {
    const env = open();
    const acc = await env.newAccount();
    const before = (await env.get(MCL_PATH(acc.account_id))).body.data.marketplaceControlsListId;
    const res = await env.write("PUT", MCL_PATH(acc.account_id), { name: "x", domains: [dom("q.example.com")] });
    expect(res.body.data.marketplaceControlsListId).toBe(before);
  });

  it.each([
    ["a repeated pair", { name: "n", blockedVerticals: [pair(1500, 1610), pair(1500, 1610)] }],
    ["domains equal after lowercasing", { name: "n", domains: [dom("a.example.com"), dom("A.Example.COM")] }],
    ["an unmapped pair", { name: "n", blockedVerticals: [pair(1500, 1610), pair(9999, 9999)] }],
  ])("%s → 400, nothing changes", async (_n, body) => {
    const env = open();
    const acc = await env.newAccount();
    await env.write("PUT", MCL_PATH(acc.account_id), { name: "keep", domains: [dom("k.example.com")] });
    const before = (await env.get(MCL_PATH(acc.account_id))).body.data;
    expectEnvelope(await env.write("PUT", MCL_PATH(acc.account_id), body), 400);
    expect((await env.get(MCL_PATH(acc.account_id))).body.data).toEqual(before);
  });

  it.each([
    ["name missing", { domains: [] }],
    ["name empty", { name: "" }],
    ["name of 121 characters", { name: "n".repeat(121) }],
    ["policy not Block", { name: "n", domains: [{ domain: "a.example.com", policy: "Allow" }] }],
    ["a domain with a scheme", { name: "n", domains: [dom("https://a.example.com")] }],
    ["a domain with a port", { name: "n", domains: [dom("a.example.com:80")] }],
    ["a single-label domain", { name: "n", domains: [dom("localhost")] }],
    ["a label starting with a hyphen", { name: "n", domains: [dom("-a.example.com")] }],
    [
      "a domain over 253 characters",
      { name: "n", domains: [dom(`${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(58)}.com`)] },
    ],
    ["a label of 64 characters", { name: "n", domains: [dom(`${"a".repeat(64)}.example.com`)] }],
    ["a domain with an underscore", { name: "n", domains: [dom("a_b.example.com")] }],
    ["501 domains", { name: "n", domains: Array.from({ length: 501 }, (_, i) => dom(`d${i}.example.com`)) }],
    ["a string id", { name: "n", blockedVerticals: [{ ...pair(1500, 1610), partnerVerticalId: "1500" }] }],
    ["a zero id", { name: "n", blockedVerticals: [pair(0, 1610)] }],
  ])("%s → 400", async (_n, body) => {
    const env = open();
    const acc = await env.newAccount();
    expectEnvelope(await env.write("PUT", MCL_PATH(acc.account_id), body), 400);
  });

  it("accepts a 63-character label and a 253-character domain", async () => {
    const env = open();
    const acc = await env.newAccount();
    const long = `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(57)}.com`;
    expect(long).toHaveLength(253);
    const res = await env.write("PUT", MCL_PATH(acc.account_id), { name: "n", domains: [dom(long.toUpperCase())] });
    expectEnvelope(res, 200);
    expect(res.body.data.domains).toEqual([dom(long)]);
  });

  it("accepts 500 domains and a 120-character name (code points)", async () => {
    const env = open();
    const acc = await env.newAccount();
    const name = "🙂".repeat(120);
    const domains = Array.from({ length: 500 }, (_, i) => dom(`d${i}.example.com`));
    const res = await env.write("PUT", MCL_PATH(acc.account_id), { name, domains });
    expectEnvelope(res, 200);
    expect(res.body.data.domains).toHaveLength(500);
    expect(res.body.data.name).toBe(name);
  });
});

describe("contentHash", () => {
  it("is unchanged while the content is unchanged (input order aside) and changes with it", async () => {
    const env = open();
    const acc = await env.newAccount();
    const id = acc.account_id;
    const a = await env.write("PUT", MCL_PATH(id), {
      name: "n",
      domains: [dom("a.example.com"), dom("b.example.com")],
    });
    const b = await env.write("PUT", MCL_PATH(id), {
      name: "n",
      domains: [dom("B.example.com"), dom("a.example.com")],
    });
    expect(b.body.data.contentHash).toBe(a.body.data.contentHash);
    expect((await env.get(MCL_PATH(id))).body.data.contentHash).toBe(a.body.data.contentHash);
    const renamed = await env.write("PUT", MCL_PATH(id), {
      name: "m",
      domains: [dom("a.example.com"), dom("b.example.com")],
    });
    expect(renamed.body.data.contentHash).not.toBe(a.body.data.contentHash);
    const fewer = await env.write("PUT", MCL_PATH(id), { name: "n", domains: [dom("a.example.com")] });
    expect(fewer.body.data.contentHash).not.toBe(a.body.data.contentHash);
    const paired = await env.write("PUT", MCL_PATH(id), { name: "n", blockedVerticals: [pair(1500, 1610)] });
    expect(paired.body.data.contentHash).not.toBe(fewer.body.data.contentHash);
  });

  it("a stale contentHash → 409 'contentHash is stale', nothing changes; the current one writes", async () => {
    const env = open();
    const acc = await env.newAccount();
    const id = acc.account_id;
    const h0 = (await env.get(MCL_PATH(id))).body.data.contentHash;
    const first = await env.write("PUT", MCL_PATH(id), { name: "one", contentHash: h0 });
    expectEnvelope(first, 200);
    const stale = await env.write("PUT", MCL_PATH(id), { name: "two", contentHash: h0 });
    expectEnvelope(stale, 409, "contentHash is stale");
    expect((await env.get(MCL_PATH(id))).body.data.name).toBe("one");
    const ok = await env.write("PUT", MCL_PATH(id), { name: "two", contentHash: first.body.data.contentHash });
    expectEnvelope(ok, 200);
    expect(ok.body.data.name).toBe("two");
  });

  it("absent contentHash → last write wins", async () => {
    const env = open();
    const acc = await env.newAccount();
    const id = acc.account_id;
    await env.write("PUT", MCL_PATH(id), { name: "one" });
    const res = await env.write("PUT", MCL_PATH(id), { name: "two" });
    expectEnvelope(res, 200);
    expect((await env.get(MCL_PATH(id))).body.data.name).toBe("two");
  });
});
