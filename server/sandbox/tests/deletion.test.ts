/** §5.11: account data deletion, a long-running operation driven by stored times. */
import { describe, expect, it } from "vitest";
import {
  DELETION_PATH,
  type Env,
  expectEnvelope,
  type Json,
  MCL_PATH,
  open,
  PAGES_PATH,
  PAYOUT_PATH,
  STATUS_PATH,
  T0,
  UUID_RE,
} from "./harness";

const D = 10_000;

async function listed(env: Env, id: string): Promise<Json> {
  return (await env.listAll()).find((a) => a.account_id === id);
}

/** A fresh active account with two pages and a non-empty controls list. */
async function prepared(env: Env) {
  const acc = await env.newAccount({
    pages: [
      { surface: "confirmation", layout_type: "Overlay" },
      { surface: "tracking", layout_type: "Embedded" },
    ],
  });
  await env.write("PUT", STATUS_PATH(acc.account_id), { status: "active" });
  const mcl = await env.write("PUT", MCL_PATH(acc.account_id), {
    name: "Keep this name",
    blockedVerticals: [{ partnerVerticalId: 1500, partnerSubVerticalId: 1610, policy: "Block" }],
    domains: [{ domain: "x.example.com", policy: "Block" }],
  });
  expectEnvelope(mcl, 200);
  return acc;
}

describe("data deletion", () => {
  it("answers 202 {account_id, deletion_request_id, operation_id, status: pending}", async () => {
    const env = open({ deletionMs: D });
    const acc = await prepared(env);
    const res = await env.write("POST", DELETION_PATH(acc.account_id), { reason: "merchant left" });
    expectEnvelope(res, 202);
    expect(res.body.data).toEqual({
      account_id: acc.account_id,
      deletion_request_id: expect.stringMatching(UUID_RE),
      operation_id: res.headers.get("x-operation-id"),
      status: "pending",
    });
  });

  it("runs pending → in_progress at D/2 → completed at D; the account deleting → deleted", async () => {
    const env = open({ deletionMs: D });
    const acc = await prepared(env);
    const id = acc.account_id;
    const res = await env.write("POST", DELETION_PATH(id), { reason: "merchant left" });
    const opId = res.headers.get("x-operation-id")!;
    const op = async () => (await env.operation(opId)).body.data;
    const first = await op();
    expect(first).toMatchObject({
      status: "pending",
      operation_type: "dataDeletion",
      http_status: 202,
      dry_run: false,
    });
    expect(first.response_body).toEqual(res.body);
    expect((await listed(env, id)).status).toBe("deleting");
    env.advance(D / 2 - 1);
    expect((await op()).status).toBe("pending");
    env.advance(1);
    const mid = await op();
    expect(mid.status).toBe("in_progress");
    expect(mid.updated_at).toBe(new Date(T0 + D / 2).toISOString());
    expect((await listed(env, id)).status).toBe("deleting");
    env.advance(D / 2 - 1);
    expect((await op()).status).toBe("in_progress");
    expect((await listed(env, id)).status).toBe("deleting");
    env.advance(1);
    const done = await op();
    expect(done).toMatchObject({ status: "completed", http_status: 202, error: null });
    expect(done.updated_at).toBe(new Date(T0 + D).toISOString());
    expect((await listed(env, id)).status).toBe("deleted");
  });

  it("while deleting, reads show the data as before", async () => {
    const env = open({ deletionMs: D });
    const acc = await prepared(env);
    const id = acc.account_id;
    const st = (await env.get(STATUS_PATH(id))).body.data;
    const mcl = (await env.get(MCL_PATH(id))).body.data;
    await env.write("POST", DELETION_PATH(id), { reason: "r" });
    env.advance(D - 1);
    const st2 = await env.get(STATUS_PATH(id));
    expectEnvelope(st2, 200);
    expect(st2.body.data).toEqual({ ...st, status: "deleting" });
    const mcl2 = await env.get(MCL_PATH(id));
    expectEnvelope(mcl2, 200);
    expect(mcl2.body.data).toEqual(mcl);
  });

  it("once deleted: reads 200, every variant archived, controls empty with the name kept", async () => {
    const env = open({ deletionMs: D });
    const acc = await prepared(env);
    const id = acc.account_id;
    await env.write("POST", DELETION_PATH(id), { reason: "r" });
    env.advance(D);
    const st = await env.get(STATUS_PATH(id));
    expectEnvelope(st, 200);
    expect(st.body.data.status).toBe("deleted");
    expect(st.body.data.variants).toHaveLength(4);
    for (const v of st.body.data.variants) expect(v.status).toBe("archived");
    const mcl = await env.get(MCL_PATH(id));
    expectEnvelope(mcl, 200);
    expect(mcl.body.data).toMatchObject({
      name: "Keep this name",
      verticals: [],
      translatedVerticals: [],
      domains: [],
    });
  });

  it("every write to a deleting account → 409 'account is deleting', then 'account is deleted'", async () => {
    const env = open({ deletionMs: D });
    const acc = await prepared(env);
    const id = acc.account_id;
    const p = acc.pages[0];
    await env.write("POST", DELETION_PATH(id), { reason: "r" });
    const writes = () => [
      env.write("PUT", STATUS_PATH(id), { status: "paused" }),
      env.write("PUT", MCL_PATH(id), { name: "n" }),
      env.write("POST", PAGES_PATH(id), { pages: [{ surface: "returns", layout_type: "Overlay" }] }),
      env.write("PUT", `${PAGES_PATH(id)}/${p.page_id}`, { layout_type: "Embedded" }),
      env.write("PATCH", `/v1/partnership/accounts/${id}/layouts/${p.layout_id}`, { borderRadius: 1 }),
      env.write("POST", PAYOUT_PATH(id), { return_url: "https://a.example.com", refresh_url: "https://a.example.com" }),
      env.write("POST", DELETION_PATH(id), { reason: "again" }),
    ];
    for (const res of await Promise.all(writes())) expectEnvelope(res, 409, "account is deleting");
    env.advance(D);
    for (const res of await Promise.all(writes())) expectEnvelope(res, 409, "account is deleted");
  });

  it("dry-run: 202 with X-Dry-Run, a completed dry-run operation, nothing changes", async () => {
    const env = open({ deletionMs: D });
    const acc = await prepared(env);
    const before = await env.state(acc.account_id);
    const res = await env.write("POST", DELETION_PATH(acc.account_id), { reason: "r" }, { dryRun: true });
    expectEnvelope(res, 202);
    expect(res.headers.get("x-dry-run")).toBe("true");
    const op = (await env.operation(res.headers.get("x-operation-id")!)).body.data;
    expect(op).toMatchObject({ status: "completed", dry_run: true, http_status: 202 });
    env.advance(D);
    expect(await env.state(acc.account_id)).toEqual(before);
    expect((await listed(env, acc.account_id)).status).toBe("active");
  });

  it("derives progress from stored times, across a restart", async () => {
    const env = open({ deletionMs: D });
    const acc = await prepared(env);
    const res = await env.write("POST", DELETION_PATH(acc.account_id), { reason: "r" });
    env.restart();
    env.advance(D);
    expect((await listed(env, acc.account_id)).status).toBe("deleted");
    expect((await env.operation(res.headers.get("x-operation-id")!)).body.data.status).toBe("completed");
  });

  it.each([
    ["a missing reason", {}],
    ["an empty reason", { reason: "" }],
    ["a reason of 501 characters", { reason: "r".repeat(501) }],
    ["a numeric reason", { reason: 5 }],
    ["an extra field", { reason: "r", when: "now" }],
  ])("%s → 400, nothing changes", async (_n, body) => {
    const env = open({ deletionMs: D });
    const [acc] = await env.listAll();
    const before = await env.state(acc.account_id);
    expectEnvelope(await env.write("POST", DELETION_PATH(acc.account_id), body), 400);
    expect(await env.state(acc.account_id)).toEqual(before);
  });

  it("accepts a reason of 500 characters", async () => {
    const env = open({ deletionMs: D });
    const [acc] = await env.listAll();
    expectEnvelope(await env.write("POST", DELETION_PATH(acc.account_id), { reason: "é".repeat(500) }), 202);
  });
});
