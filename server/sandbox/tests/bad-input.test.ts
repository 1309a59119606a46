/** §2 and issue "Bad input": every write route answers bad input with a 400 naming the problem, never a 500, and changes nothing. */
import { describe, expect, it } from "vitest";
import {
  DELETION_PATH,
  DEMO,
  type Env,
  expectEnvelope,
  type Json,
  LAYOUT_PATH,
  MCL_PATH,
  open,
  PAGES_PATH,
  PAYOUT_PATH,
  PRIVACY_PATH,
  REGISTER_PATH,
  type Res,
  regBody,
  STATUS_PATH,
  type WriteOptions,
} from "./harness";

interface Ctx {
  id: string;
  pageId: string;
  layoutId: string;
}
interface Route {
  name: string;
  method: string;
  path: (c: Ctx) => string;
  valid: () => Record<string, unknown>;
  /** A body with one field null, and that field's name. */
  nullField: [Record<string, unknown>, string];
  wrongType: [Record<string, unknown>, string];
}

const urls = { return_url: "https://a.example.com/r", refresh_url: "https://a.example.com/f" };
const ROUTES: Route[] = [
  {
    name: "register",
    method: "POST",
    path: () => REGISTER_PATH,
    valid: () => regBody(),
    nullField: [regBody({ pages: null }), "pages"],
    wrongType: [regBody({ vertical_id: "1500" }), "vertical_id"],
  },
  {
    name: "MCL PUT",
    method: "PUT",
    path: (c) => MCL_PATH(c.id),
    valid: () => ({ name: "n", domains: [{ domain: "a.example.com", policy: "Block" }] }),
    nullField: [{ name: "n", contentHash: null }, "contentHash"],
    wrongType: [{ name: 42 }, "name"],
  },
  {
    name: "status PUT",
    method: "PUT",
    path: (c) => STATUS_PATH(c.id),
    valid: () => ({ status: "active" }),
    nullField: [{ status: null }, "status"],
    wrongType: [{ status: true }, "status"],
  },
  {
    name: "add pages",
    method: "POST",
    path: (c) => PAGES_PATH(c.id),
    valid: () => ({ pages: [{ surface: "returns", layout_type: "Overlay" }] }),
    nullField: [{ pages: null }, "pages"],
    wrongType: [{ pages: "returns" }, "pages"],
  },
  {
    name: "switch layout",
    method: "PUT",
    path: (c) => `${PAGES_PATH(c.id)}/${c.pageId}`,
    valid: () => ({ layout_type: "Embedded" }),
    nullField: [{ layout_type: null }, "layout_type"],
    wrongType: [{ layout_type: 1 }, "layout_type"],
  },
  {
    name: "layout PATCH",
    method: "PATCH",
    path: (c) => LAYOUT_PATH(c.id, c.layoutId),
    valid: () => ({ borderRadius: 4 }),
    nullField: [{ borderRadius: 4, primaryColor: null }, "primaryColor"],
    wrongType: [{ borderRadius: "4" }, "borderRadius"],
  },
  {
    name: "payout setup",
    method: "POST",
    path: (c) => PAYOUT_PATH(c.id),
    valid: () => urls,
    nullField: [{ ...urls, refresh_url: null }, "refresh_url"],
    wrongType: [{ ...urls, return_url: 1 }, "return_url"],
  },
  {
    name: "data deletion",
    method: "POST",
    path: (c) => DELETION_PATH(c.id),
    valid: () => ({ reason: "r" }),
    nullField: [{ reason: null }, "reason"],
    wrongType: [{ reason: ["r"] }, "reason"],
  },
  {
    name: "network privacy",
    method: "POST",
    path: () => PRIVACY_PATH(DEMO.parent),
    valid: () => ({ requestType: "NETWORK_OPT_OUT", email: "a@example.com" }),
    nullField: [{ requestType: "NETWORK_OPT_OUT", email: "a@example.com", phone: null }, "phone"],
    wrongType: [{ requestType: "NETWORK_OPT_OUT", email: 5 }, "email"],
  },
];

type Case = [string, (r: Route) => { body?: unknown; o?: WriteOptions; suffix?: string; names?: string }];
const PAD = " ".repeat(256 * 1024);
const CASES: Case[] = [
  ["malformed JSON", () => ({ o: { raw: '{"status": "active"' } })],
  ["a body that is not an object", () => ({ o: { raw: '["active"]' } })],
  ["an empty body", () => ({ o: { raw: "" } })],
  ["Content-Type text/plain", (r) => ({ body: r.valid(), o: { contentType: "text/plain" } })],
  ["Content-Type form", (r) => ({ body: r.valid(), o: { contentType: "application/x-www-form-urlencoded" } })],
  ["no Content-Type", (r) => ({ body: r.valid(), o: { contentType: null } })],
  ["a body over 256 KiB", (r) => ({ o: { raw: JSON.stringify(r.valid()) + PAD } })],
  ["an unknown field", (r) => ({ body: { ...r.valid(), bogusField: 1 }, names: "bogusField" })],
  ["a null field", (r) => ({ body: r.nullField[0], names: r.nullField[1] })],
  ["a wrong type", (r) => ({ body: r.wrongType[0], names: r.wrongType[1] })],
  ["an unknown query parameter", (r) => ({ body: r.valid(), suffix: "bogus_param=1", names: "bogus_param" })],
  ["dry_run=maybe", (r) => ({ body: r.valid(), suffix: "dry_run=maybe", names: "dry_run" })],
  ["dry_run=TRUE", (r) => ({ body: r.valid(), suffix: "dry_run=TRUE", names: "dry_run" })],
  ["dry_run given twice", (r) => ({ body: r.valid(), suffix: "dry_run=true&dry_run=false", names: "dry_run" })],
];

async function setup(env: Env): Promise<Ctx> {
  const acc = await env.newAccount();
  return { id: acc.account_id, pageId: acc.pages[0].page_id, layoutId: acc.pages[0].layout_id };
}

async function snapshot(env: Env, c: Ctx): Promise<Json> {
  const privacy = (await env.admin("GET", "/_sandbox/privacy-requests")).body.data;
  return { account: await env.state(c.id), list: await env.listAll(), privacy };
}

describe.each(ROUTES)("bad input on $name", (route) => {
  it.each(CASES)("%s → 400, nothing changes", async (_n, make) => {
    const env = open();
    const c = await setup(env);
    const before = await snapshot(env, c);
    const { body, o, suffix, names } = make(route);
    let path = route.path(c);
    if (suffix) path += (path.includes("?") ? "&" : "?") + suffix;
    const res: Res = await env.write(route.method, path, body, o);
    expectEnvelope(res, 400);
    if (names) expect(res.body.message).toContain(names);
    expect(await snapshot(env, c)).toEqual(before);
  });

  it("accepts Content-Type application/json with parameters", async () => {
    const env = open();
    const c = await setup(env);
    const res = await env.write(route.method, route.path(c), route.valid(), {
      contentType: "application/json; charset=utf-8",
    });
    expect(res.status, res.text).toBeGreaterThanOrEqual(200);
    expect(res.status, res.text).toBeLessThan(300);
  });
});

describe("body size limit", () => {
  it("accepts a body of exactly 256 KiB", async () => {
    const env = open();
    const c = await setup(env);
    const json = JSON.stringify({ status: "paused" });
    const raw = json + " ".repeat(256 * 1024 - Buffer.byteLength(json));
    expect(Buffer.byteLength(raw)).toBe(256 * 1024);
    expectEnvelope(await env.write("PUT", STATUS_PATH(c.id), undefined, { raw }), 200);
  });

  it("counts bytes, not characters", async () => {
    const env = open();
    const c = await setup(env);
    const name = "é".repeat(100);
    const json = JSON.stringify({ name });
    const raw = json + " ".repeat(256 * 1024 - 10 - json.length);
    expect(raw.length).toBeLessThan(256 * 1024);
    expect(Buffer.byteLength(raw)).toBeGreaterThan(256 * 1024);
    expectEnvelope(await env.write("PUT", MCL_PATH(c.id), undefined, { raw }), 400);
  });
});
