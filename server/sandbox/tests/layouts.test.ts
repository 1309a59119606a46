/** §5.8: PATCH layout theme — sparse merge, formats, 404s, every layout stays patchable. */
import { describe, expect, it } from "vitest";
import { DEFAULT_THEME, expectEnvelope, LAYOUT_PATH, open, PAGES_PATH, randomUUID } from "./harness";

describe("PATCH layout", () => {
  it("merges sparsely: tokens not sent keep their value; answers the whole theme", async () => {
    const env = open();
    const acc = await env.newAccount();
    const p = acc.pages[0];
    const first = await env.write("PATCH", LAYOUT_PATH(acc.account_id, p.layout_id), { primaryColor: "#abc" });
    expectEnvelope(first, 200);
    expect(first.body.data).toEqual({
      layout_id: p.layout_id,
      page_id: p.page_id,
      layout_type: p.layout_type,
      theme: { ...DEFAULT_THEME, primaryColor: "#AABBCC" },
    });
    const second = await env.write("PATCH", LAYOUT_PATH(acc.account_id, p.layout_id), {
      borderRadius: 0,
      backgroundColor: "#0a0b0c",
    });
    expect(second.body.data.theme).toEqual({
      ...DEFAULT_THEME,
      primaryColor: "#AABBCC",
      backgroundColor: "#0A0B0C",
      borderRadius: 0,
    });
  });

  it("normalizes every colour token to upper-case #RRGGBB", async () => {
    const env = open();
    const acc = await env.newAccount();
    const res = await env.write("PATCH", LAYOUT_PATH(acc.account_id, acc.pages[0].layout_id), {
      primaryColor: "#f0A",
      backgroundColor: "#ffffff",
      textColor: "#1a2B3c",
      closeButtonColor: "#000",
      borderRadius: 48,
    });
    expectEnvelope(res, 200);
    expect(res.body.data.theme).toEqual({
      primaryColor: "#FF00AA",
      backgroundColor: "#FFFFFF",
      textColor: "#1A2B3C",
      closeButtonColor: "#000000",
      borderRadius: 48,
    });
  });

  it.each([
    ["an empty body", {}],
    ["an unknown field", { fontFamily: "Inter" }],
    ["a known and an unknown field", { primaryColor: "#000", fontSize: 12 }],
    ["borderRadius -1", { borderRadius: -1 }],
    ["borderRadius 49", { borderRadius: 49 }],
    ["borderRadius 8.5", { borderRadius: 8.5 }],
    ["borderRadius as a string", { borderRadius: "8" }],
    ["a named colour", { primaryColor: "red" }],
    ["a 4-digit colour", { primaryColor: "#abcd" }],
    ["a colour without #", { textColor: "AABBCC" }],
    ["an 8-digit colour", { textColor: "#AABBCCDD" }],
    ["a null token", { primaryColor: null }],
  ])("%s → 400, theme unchanged", async (_n, body) => {
    const env = open();
    const acc = await env.newAccount();
    const p = acc.pages[0];
    const res = await env.write("PATCH", LAYOUT_PATH(acc.account_id, p.layout_id), body);
    expectEnvelope(res, 400);
    const key = Object.keys(body)[1] ?? Object.keys(body)[0];
    if (key) expect(res.body.message).toContain(key);
    const probe = await env.write("PATCH", LAYOUT_PATH(acc.account_id, p.layout_id), { borderRadius: 8 });
    expect(probe.body.data.theme).toEqual(DEFAULT_THEME);
  });

  it("an unknown layout, or another account's layout → 404", async () => {
    const env = open();
    const a = await env.newAccount();
    const b = await env.newAccount();
    expectEnvelope(await env.write("PATCH", LAYOUT_PATH(a.account_id, randomUUID()), { borderRadius: 2 }), 404);
    expectEnvelope(await env.write("PATCH", LAYOUT_PATH(a.account_id, b.pages[0].layout_id), { borderRadius: 2 }), 404);
  });

  it("keeps every layout ever created patchable after switches", async () => {
    const env = open();
    const acc = await env.newAccount({ pages: [{ surface: "confirmation", layout_type: "Embedded" }] });
    const p = acc.pages[0];
    const sw = await env.write("PUT", `${PAGES_PATH(acc.account_id)}/${p.page_id}`, { layout_type: "Overlay" });
    const overlayId = sw.body.data.layout_id;
    const old = await env.write("PATCH", LAYOUT_PATH(acc.account_id, p.layout_id), { textColor: "#222" });
    expectEnvelope(old, 200);
    expect(old.body.data).toMatchObject({ layout_id: p.layout_id, page_id: p.page_id, layout_type: "Embedded" });
    expect(old.body.data.theme.textColor).toBe("#222222");
    const cur = await env.write("PATCH", LAYOUT_PATH(acc.account_id, overlayId), { textColor: "#333" });
    expect(cur.body.data).toMatchObject({ layout_id: overlayId, layout_type: "Overlay" });
    expect(cur.body.data.theme).toEqual({ ...DEFAULT_THEME, textColor: "#333333" });
  });

  it("patches a seed account's layout found in the CSV export", async () => {
    const env = open();
    const csv = (await env.admin("GET", "/_sandbox/export/layouts.csv")).text.trim().split(/\r?\n/);
    const [accountId, pageId, layoutId, , layoutType] = csv[1]!.split(",");
    const res = await env.write("PATCH", LAYOUT_PATH(accountId!, layoutId!), { borderRadius: 12 });
    expectEnvelope(res, 200);
    expect(res.body.data).toMatchObject({ layout_id: layoutId, page_id: pageId, layout_type: layoutType });
    expect(res.body.data.theme.borderRadius).toBe(12);
  });
});
