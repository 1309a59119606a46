/** §5.6 add surfaces, §5.7 switch layout type. */
import { describe, expect, it } from "vitest";
import {
  DEFAULT_THEME,
  expectEnvelope,
  type Json,
  LAYOUT_PATH,
  open,
  PAGES_PATH,
  randomUUID,
  STATUS_PATH,
  UUID_RE,
} from "./harness";

const page = (surface: string, layout_type = "Overlay") => ({ surface, layout_type });

describe("add pages", () => {
  it("adds new surfaces, answers only the new pages in surface order", async () => {
    const env = open();
    const acc = await env.newAccount({ pages: [page("confirmation")] });
    const res = await env.write("POST", PAGES_PATH(acc.account_id), {
      pages: [page("returns"), page("tracking", "Embedded")],
    });
    expectEnvelope(res, 200);
    expect(Object.keys(res.body.data).sort()).toEqual(["account_id", "pages"]);
    expect(res.body.data.account_id).toBe(acc.account_id);
    expect(res.body.data.pages).toEqual([
      {
        surface: "tracking",
        layout_type: "Embedded",
        page_identifier: "tracking_page",
        page_id: expect.stringMatching(UUID_RE),
        layout_id: expect.stringMatching(UUID_RE),
      },
      {
        surface: "returns",
        layout_type: "Overlay",
        page_identifier: "returns_page",
        page_id: expect.stringMatching(UUID_RE),
        layout_id: expect.stringMatching(UUID_RE),
      },
    ]);
  });

  it("new variants take the account's status", async () => {
    const env = open();
    const acc = await env.newAccount({ pages: [page("confirmation")] });
    const id = acc.account_id;
    expectEnvelope(await env.write("PUT", STATUS_PATH(id), { status: "active" }), 200);
    const added = await env.write("POST", PAGES_PATH(id), { pages: [page("tracking")] });
    const st = (await env.get(STATUS_PATH(id))).body.data;
    const newVariants = st.variants.filter((v: Json) => v.pageId === added.body.data.pages[0].page_id);
    expect(newVariants.map((v: Json) => [v.name, v.status])).toEqual([
      ["Tracking - Default", "active"],
      ["Tracking - Mobile", "active"],
    ]);
  });

  it("a surface the account already has → 409 'surface <s> already exists', nothing added", async () => {
    const env = open();
    const acc = await env.newAccount({ pages: [page("tracking")] });
    const before = await env.state(acc.account_id);
    const res = await env.write("POST", PAGES_PATH(acc.account_id), { pages: [page("returns"), page("tracking")] });
    expectEnvelope(res, 409, "surface tracking already exists");
    expect(await env.state(acc.account_id)).toEqual(before);
  });

  it.each([
    ["payment", { pages: [page("payment")] }],
    ["an unknown surface", { pages: [page("checkout")] }],
    ["a repeated surface", { pages: [page("returns"), page("returns", "Embedded")] }],
    ["no pages", { pages: [] }],
    ["four pages", { pages: [page("returns"), page("tracking"), page("confirmation"), page("returns")] }],
    ["a bad layout_type", { pages: [page("returns", "Popup")] }],
    ["a lowercase layout_type", { pages: [page("returns", "overlay")] }],
    ["an unknown page field", { pages: [{ ...page("returns"), name: "x" }] }],
  ])("%s → 400, nothing added", async (_n, body) => {
    const env = open();
    const acc = await env.newAccount({ pages: [page("confirmation")] });
    const before = await env.state(acc.account_id);
    expectEnvelope(await env.write("POST", PAGES_PATH(acc.account_id), body), 400);
    expect(await env.state(acc.account_id)).toEqual(before);
  });
});

describe("switch layout type", () => {
  it("unknown page, or another account's page → 404", async () => {
    const env = open();
    const a = await env.newAccount();
    const b = await env.newAccount();
    const sw = (pageId: string) =>
      env.write("PUT", `${PAGES_PATH(a.account_id)}/${pageId}`, { layout_type: "Embedded" });
    expectEnvelope(await sw(randomUUID()), 404);
    expectEnvelope(await sw(b.pages[0].page_id), 404);
  });

  it("a new type creates a new layout with the default theme; switching back restores the old layout and theme", async () => {
    const env = open();
    const acc = await env.newAccount({ pages: [page("confirmation", "Overlay")] });
    const id = acc.account_id;
    const p = acc.pages[0];
    const patched = await env.write("PATCH", LAYOUT_PATH(id, p.layout_id), {
      primaryColor: "#123456",
      borderRadius: 20,
    });
    expectEnvelope(patched, 200);
    const toEmbedded = await env.write("PUT", `${PAGES_PATH(id)}/${p.page_id}`, { layout_type: "Embedded" });
    expectEnvelope(toEmbedded, 200);
    expect(toEmbedded.body.data).toEqual({
      page_id: p.page_id,
      surface: "confirmation",
      layout_type: "Embedded",
      layout_id: expect.stringMatching(UUID_RE),
      page_identifier: "confirmation_page",
    });
    const embeddedId = toEmbedded.body.data.layout_id;
    expect(embeddedId).not.toBe(p.layout_id);
    const probe = await env.write("PATCH", LAYOUT_PATH(id, embeddedId), { textColor: "#000000" });
    expect(probe.body.data.theme).toEqual({ ...DEFAULT_THEME, textColor: "#000000" });
    const back = await env.write("PUT", `${PAGES_PATH(id)}/${p.page_id}`, { layout_type: "Overlay" });
    expectEnvelope(back, 200);
    expect(back.body.data.layout_id).toBe(p.layout_id);
    const kept = await env.write("PATCH", LAYOUT_PATH(id, p.layout_id), { closeButtonColor: "#FFFFFF" });
    expect(kept.body.data.theme).toEqual({
      ...DEFAULT_THEME,
      primaryColor: "#123456",
      borderRadius: 20,
      closeButtonColor: "#FFFFFF",
    });
    const again = await env.write("PUT", `${PAGES_PATH(id)}/${p.page_id}`, { layout_type: "Embedded" });
    expect(again.body.data.layout_id).toBe(embeddedId);
  });

  it("the same type as now → 200, nothing changes", async () => {
    const env = open();
    const acc = await env.newAccount({ pages: [page("returns", "Embedded")] });
    const before = await env.state(acc.account_id);
    const p = acc.pages[0];
    const res = await env.write("PUT", `${PAGES_PATH(acc.account_id)}/${p.page_id}`, { layout_type: "Embedded" });
    expectEnvelope(res, 200);
    expect(res.body.data).toEqual({
      page_id: p.page_id,
      surface: "returns",
      layout_type: "Embedded",
      layout_id: p.layout_id,
      page_identifier: "returns_page",
    });
    expect(await env.state(acc.account_id)).toEqual(before);
  });

  it("the switch shows in the layouts CSV export", async () => {
    const env = open();
    const acc = await env.newAccount({ pages: [page("tracking", "Overlay")] });
    const p = acc.pages[0];
    const res = await env.write("PUT", `${PAGES_PATH(acc.account_id)}/${p.page_id}`, { layout_type: "Embedded" });
    const csv = (await env.admin("GET", "/_sandbox/export/layouts.csv")).text;
    expect(csv).toContain(`${acc.account_id},${p.page_id},${res.body.data.layout_id},tracking,Embedded`);
  });

  it.each([
    ["a bad layout_type", { layout_type: "Fullscreen" }],
    ["a missing layout_type", {}],
    ["an extra field", { layout_type: "Embedded", surface: "tracking" }],
  ])("%s → 400", async (_n, body) => {
    const env = open();
    const acc = await env.newAccount();
    expectEnvelope(await env.write("PUT", `${PAGES_PATH(acc.account_id)}/${acc.pages[0].page_id}`, body), 400);
  });
});
