/** §4: operations — allocation, shape, types, settlement, lookup, restart, retention. */
import { describe, expect, it } from "vitest";
import {
  DELETION_PATH,
  expectEnvelope,
  LAYOUT_PATH,
  MCL_PATH,
  OP_RE,
  OTHER,
  open,
  PAGES_PATH,
  PAYOUT_PATH,
  randomUUID,
  STATUS_PATH,
  sleep,
  T0,
  TS_RE,
} from "./harness";

const OP_KEYS = [
  "account_id",
  "created_at",
  "dry_run",
  "error",
  "http_status",
  "operation_id",
  "operation_type",
  "response_body",
  "status",
  "updated_at",
];

describe("operations", () => {
  it("every write gets one; GET shows it completed with the answer's status and envelope", async () => {
    const env = open();
    const [acc] = await env.listAll();
    const res = await env.write("PUT", STATUS_PATH(acc.account_id), { status: "active" });
    expectEnvelope(res, 200);
    const opId = res.headers.get("x-operation-id")!;
    expect(opId).toMatch(OP_RE);
    const op = await env.operation(opId);
    expectEnvelope(op, 200);
    expect(Object.keys(op.body.data).sort()).toEqual(OP_KEYS);
    expect(op.body.data).toMatchObject({
      operation_id: opId,
      operation_type: "putPartnershipStatus",
      account_id: acc.account_id,
      status: "completed",
      dry_run: false,
      http_status: 200,
      error: null,
    });
    expect(op.body.data.response_body).toEqual(res.body);
    expect(op.body.data.created_at).toMatch(TS_RE);
    expect(op.body.data.updated_at).toMatch(TS_RE);
  });

  it("stamps created_at at allocation and updated_at at the last status change (injected clock)", async () => {
    const env = open();
    const [acc] = await env.listAll();
    env.advance(5_000);
    const res = await env.write("PUT", STATUS_PATH(acc.account_id), { status: "active" });
    const op = (await env.operation(res.headers.get("x-operation-id")!)).body.data;
    expect(op.created_at).toBe(new Date(T0 + 5_000).toISOString());
    expect(op.updated_at).toBe(new Date(T0 + 5_000).toISOString());
  });

  it("an error after allocation fails the operation with the answer's message", async () => {
    const env = open();
    const [acc] = await env.listAll();
    const res = await env.write("PUT", STATUS_PATH(acc.account_id), { status: "active", reason: "why" });
    expectEnvelope(res, 400);
    const op = (await env.operation(res.headers.get("x-operation-id")!)).body.data;
    expect(op).toMatchObject({ status: "failed", http_status: 400, error: res.body.message });
    expect(op.response_body).toEqual(res.body);
  });

  it("names each write's operation_type", async () => {
    const env = open();
    const acc = await env.newAccount({ pages: [{ surface: "confirmation", layout_type: "Overlay" }] });
    const id = acc.account_id;
    const page = acc.pages[0];
    const calls: [string, Promise<import("./harness").Res>][] = [
      ["registerPartnership", env.register()],
      ["putMarketplaceControls", env.write("PUT", MCL_PATH(id), { name: "n" })],
      ["putPartnershipStatus", env.write("PUT", STATUS_PATH(id), { status: "paused" })],
      ["addPages", env.write("POST", PAGES_PATH(id), { pages: [{ surface: "returns", layout_type: "Overlay" }] })],
      ["switchPageLayout", env.write("PUT", `${PAGES_PATH(id)}/${page.page_id}`, { layout_type: "Embedded" })],
      ["patchLayout", env.write("PATCH", LAYOUT_PATH(id, page.layout_id), { borderRadius: 3 })],
      [
        "payoutSetup",
        env.write("POST", PAYOUT_PATH(id), {
          return_url: "https://a.example.com",
          refresh_url: "https://a.example.com",
        }),
      ],
    ];
    for (const [type, p] of calls) {
      const res = await p;
      expect(res.status, `${type}: ${res.text}`).toBeLessThan(300);
      const op = (await env.operation(res.headers.get("x-operation-id")!)).body.data;
      expect(op.operation_type).toBe(type);
      expect(op.status).toBe("completed");
    }
    const del = await env.write("POST", DELETION_PATH(id), { reason: "r" });
    const op = (await env.operation(del.headers.get("x-operation-id")!)).body.data;
    expect(op.operation_type).toBe("dataDeletion");
  });

  it("a register's account_id is the answer's, or null when none", async () => {
    const env = open();
    const ok = await env.register();
    const okOp = (await env.operation(ok.headers.get("x-operation-id")!)).body.data;
    expect(okOp.account_id).toBe(ok.body.data.account_id);
    const bad = await env.register({ country_code: "usa" });
    expectEnvelope(bad, 400, /country_code/);
    const badOp = (await env.operation(bad.headers.get("x-operation-id")!)).body.data;
    expect(badOp).toMatchObject({ account_id: null, status: "failed", http_status: 400 });
  });

  it("marks a dry-run's operation dry_run: true", async () => {
    const env = open();
    const [acc] = await env.listAll();
    const res = await env.write("PUT", STATUS_PATH(acc.account_id), { status: "active" }, { dryRun: true });
    const op = (await env.operation(res.headers.get("x-operation-id")!)).body.data;
    expect(op).toMatchObject({ dry_run: true, status: "completed", http_status: 200 });
  });

  it("a replay and the key-lookup answers allocate no new operation", async () => {
    const env = open();
    const [acc] = await env.listAll();
    const key = randomUUID();
    const first = await env.write("PUT", STATUS_PATH(acc.account_id), { status: "active" }, { key });
    const opId = first.headers.get("x-operation-id");
    const replay = await env.write("PUT", STATUS_PATH(acc.account_id), { status: "active" }, { key });
    const diff = await env.write("PUT", STATUS_PATH(acc.account_id), { status: "paused" }, { key });
    expect(replay.headers.get("x-operation-id")).toBe(opId);
    expect(diff.headers.get("x-operation-id")).toBe(opId);
    const op = (await env.operation(opId!)).body.data;
    expect(op.http_status).toBe(200);
  });

  it("unknown or another manager's operation → 404", async () => {
    const env = open();
    expectEnvelope(await env.operation("op_aaaaaaaaaaaaaaaaaaaaaaaaaa"), 404);
    expectEnvelope(await env.operation("nonsense"), 404);
    const [theirs] = await env.listAll(OTHER);
    const res = await env.write("PUT", STATUS_PATH(theirs.account_id), { status: "active" }, { platform: OTHER });
    const opId = res.headers.get("x-operation-id")!;
    expectEnvelope(await env.operation(opId, OTHER), 200);
    expectEnvelope(await env.operation(opId), 404);
  });

  it("keeps operations 7 days", async () => {
    const env = open();
    const [acc] = await env.listAll();
    const res = await env.write("PUT", STATUS_PATH(acc.account_id), { status: "active" });
    const opId = res.headers.get("x-operation-id")!;
    env.advance(7 * 86_400_000 - 60_000);
    expectEnvelope(await env.operation(opId), 200);
    env.advance(120_000);
    expectEnvelope(await env.operation(opId), 404);
  });
});

describe("restart", () => {
  it("fails an unsettled operation with error interrupted and frees its key", async () => {
    const env = open();
    const [acc] = await env.listAll();
    const key = randomUUID();
    await env.faults({ latency_ms: 3_000 });
    const running = env.write("PUT", STATUS_PATH(acc.account_id), { status: "paused" }, { key }).catch((e) => e);
    await sleep(200);
    // The running request's id is only visible through the 409 of a second try with its key.
    const busy = await env.write("PUT", STATUS_PATH(acc.account_id), { status: "paused" }, { key });
    expectEnvelope(busy, 409);
    const opId = busy.headers.get("x-operation-id");
    expect(opId).toMatch(OP_RE);
    env.restart();
    await env.faults({ latency_ms: 0 });
    const op = (await env.operation(opId!)).body.data;
    expect(op).toMatchObject({ status: "failed", error: "interrupted", http_status: null });
    const again = await env.write("PUT", STATUS_PATH(acc.account_id), { status: "paused" }, { key });
    expectEnvelope(again, 200);
    expect(again.headers.get("idempotent-replayed")).toBeNull();
    expect(again.headers.get("x-operation-id")).not.toBe(opId);
    await running;
  });

  it("keeps state across a restart", async () => {
    const env = open();
    const acc = await env.newAccount();
    const before = await env.state(acc.account_id);
    env.restart();
    expect(await env.state(acc.account_id)).toEqual(before);
    expect((await env.listAll()).some((a) => a.account_id === acc.account_id)).toBe(true);
  });
});
