/** §5 dry-run: X-Dry-Run on every answer, no state change, fresh ids never stored, existing ids real. */
import { describe, expect, it } from "vitest";
import {
  type Env,
  expectEnvelope,
  type Json,
  LAYOUT_PATH,
  MCL_PATH,
  open,
  PAGES_PATH,
  REGISTER_PATH,
  randomUUID,
  regBody,
  STATUS_PATH,
} from "./harness";

async function fresh(env: Env): Promise<Json> {
  return env.newAccount({ pages: [{ surface: "confirmation", layout_type: "Overlay" }] });
}

describe("dry-run", () => {
  it("carries X-Dry-Run: true on success, on errors and on replays; not on live calls", async () => {
    const env = open();
    const acc = await fresh(env);
    const key = randomUUID();
    const ok = await env.write("PUT", STATUS_PATH(acc.account_id), { status: "active" }, { key, dryRun: true });
    expectEnvelope(ok, 200);
    const bad = await env.write("PUT", STATUS_PATH(acc.account_id), { status: "nope" }, { dryRun: true });
    expectEnvelope(bad, 400);
    const replay = await env.write("PUT", STATUS_PATH(acc.account_id), { status: "active" }, { key, dryRun: true });
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    const conflict = await env.write("PUT", STATUS_PATH(acc.account_id), { status: "paused" }, { key, dryRun: true });
    expectEnvelope(conflict, 422);
    const noKey = await env.write(
      "PUT",
      STATUS_PATH(acc.account_id),
      { status: "active" },
      { key: null, dryRun: true },
    );
    expectEnvelope(noKey, 400);
    const missing = await env.write(
      "PUT",
      STATUS_PATH(acc.account_id),
      { status: "nope" },
      { dryRun: true, parent: null },
    );
    expectEnvelope(missing, 422);
    for (const r of [ok, bad, replay, conflict, noKey, missing]) expect(r.headers.get("x-dry-run")).toBe("true");
    const live = await env.write("PUT", STATUS_PATH(acc.account_id), { status: "active" });
    expect(live.headers.get("x-dry-run")).toBeNull();
  });

  it("answers what the live call would, but changes nothing (status, controls, layout)", async () => {
    const env = open();
    const acc = await fresh(env);
    const id = acc.account_id;
    const before = await env.state(id);
    const st = await env.write("PUT", STATUS_PATH(id), { status: "active" }, { dryRun: true });
    expect(st.body.data.status).toBe("active");
    expect(st.body.data.variants.every((v: Json) => v.status === "active")).toBe(true);
    const mcl = await env.write("PUT", MCL_PATH(id), { name: "Dry" }, { dryRun: true });
    expectEnvelope(mcl, 200);
    const real = (await env.get(MCL_PATH(id))).body.data;
    expect(mcl.body.data.name).toBe("Dry");
    expect(mcl.body.data.marketplaceControlsListId).toBe(real.marketplaceControlsListId);
    const patch = await env.write(
      "PATCH",
      LAYOUT_PATH(id, acc.pages[0].layout_id),
      { borderRadius: 30 },
      { dryRun: true },
    );
    expect(patch.body.data.theme.borderRadius).toBe(30);
    expect(await env.state(id)).toEqual(before);
    expect((await env.get(STATUS_PATH(id))).body.data.status).toBe("paused");
  });

  it("a stale contentHash is checked in a dry-run too", async () => {
    const env = open();
    const acc = await fresh(env);
    const res = await env.write("PUT", MCL_PATH(acc.account_id), { name: "x", contentHash: "nope" }, { dryRun: true });
    expectEnvelope(res, 409, "contentHash is stale");
    expect(res.headers.get("x-dry-run")).toBe("true");
  });

  it("register: a fresh account id that is never stored; the live call gets another", async () => {
    const env = open();
    const before = await env.listAll();
    const body = regBody();
    const dry = await env.write("POST", REGISTER_PATH, body, { key: null, dryRun: true });
    expectEnvelope(dry, 200);
    expect(dry.headers.get("x-dry-run")).toBe("true");
    expect(await env.listAll()).toEqual(before);
    const live = await env.write("POST", REGISTER_PATH, body, { key: null });
    expectEnvelope(live, 200);
    expect(live.body.data.account_id).not.toBe(dry.body.data.account_id);
    expect(live.body.data.pages[0].page_id).not.toBe(dry.body.data.pages[0].page_id);
    const op = (await env.operation(dry.headers.get("x-operation-id")!)).body.data;
    expect(op).toMatchObject({ dry_run: true, status: "completed" });
  });

  it("register dry-run of a known account answers its real id (dedup)", async () => {
    const env = open();
    const body = regBody();
    const live = await env.write("POST", REGISTER_PATH, body, { key: null });
    const dry = await env.write("POST", REGISTER_PATH, body, { key: null, dryRun: true });
    expect(dry.body.data.account_id).toBe(live.body.data.account_id);
  });

  it("add pages: fresh page ids, not stored; the live call gets others", async () => {
    const env = open();
    const acc = await fresh(env);
    const id = acc.account_id;
    const before = await env.state(id);
    const body = { pages: [{ surface: "tracking", layout_type: "Overlay" }] };
    const dry = await env.write("POST", PAGES_PATH(id), body, { dryRun: true });
    expectEnvelope(dry, 200);
    expect(await env.state(id)).toEqual(before);
    const sw = await env.write("PUT", `${PAGES_PATH(id)}/${dry.body.data.pages[0].page_id}`, {
      layout_type: "Embedded",
    });
    expectEnvelope(sw, 404);
    const live = await env.write("POST", PAGES_PATH(id), body);
    expect(live.body.data.pages[0].page_id).not.toBe(dry.body.data.pages[0].page_id);
    expect(live.body.data.pages[0].layout_id).not.toBe(dry.body.data.pages[0].layout_id);
  });

  it("switch layout: a new type's layout id is fresh; switching back answers the real old id", async () => {
    const env = open();
    const acc = await fresh(env);
    const id = acc.account_id;
    const p = acc.pages[0];
    const dry = await env.write("PUT", `${PAGES_PATH(id)}/${p.page_id}`, { layout_type: "Embedded" }, { dryRun: true });
    expectEnvelope(dry, 200);
    expectEnvelope(await env.write("PATCH", LAYOUT_PATH(id, dry.body.data.layout_id), { borderRadius: 1 }), 404);
    const live = await env.write("PUT", `${PAGES_PATH(id)}/${p.page_id}`, { layout_type: "Embedded" });
    expect(live.body.data.layout_id).not.toBe(dry.body.data.layout_id);
    const back = await env.write("PUT", `${PAGES_PATH(id)}/${p.page_id}`, { layout_type: "Overlay" }, { dryRun: true });
    expect(back.body.data.layout_id).toBe(p.layout_id);
    const csv = (await env.admin("GET", "/_sandbox/export/layouts.csv")).text;
    expect(csv).toContain(`${id},${p.page_id},${live.body.data.layout_id},confirmation,Embedded`);
  });
});
