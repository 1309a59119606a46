/** §3: write and read check order, probed by requests that break two rules at once. */
import { describe, expect, it } from "vitest";
import {
  DELETION_PATH,
  DEMO,
  type Env,
  expectEnvelope,
  LAYOUT_PATH,
  MCL_PATH,
  OPERATION_PATH,
  OTHER,
  open,
  PAGES_PATH,
  randomUUID,
  STATUS_PATH,
} from "./harness";

/** A fresh account (with a confirmation page) put into `deleting`. */
async function deletingAccount(env: Env) {
  const acc = await env.newAccount();
  const del = await env.write("POST", DELETION_PATH(acc.account_id), { reason: "test" });
  expectEnvelope(del, 202);
  return acc;
}

describe("write check order", () => {
  it("token (401) comes first", async () => {
    const env = open();
    const res = await env.write("PUT", STATUS_PATH("9999999999999999"), "x", { token: null, key: "bad", parent: null });
    expectEnvelope(res, 401);
  });

  it("rate limit (429) before the parent header", async () => {
    const env = open({ rateLimits: true });
    const [acc] = await env.listAll();
    for (let i = 0; i < 60; i++) await env.write("PUT", STATUS_PATH(acc.account_id), { status: "active" });
    const res = await env.write("PUT", STATUS_PATH(acc.account_id), { status: "active" }, { parent: null });
    expectEnvelope(res, 429);
  });

  it("parent header (422) before the account relationship", async () => {
    const env = open();
    const [theirs] = await env.listAll(OTHER);
    const res = await env.write("PUT", STATUS_PATH(theirs.account_id), { status: "active" }, { parent: null });
    expectEnvelope(res, 422, "X-Platform-Parent-Account-Id is required");
  });

  it("account relationship (403) before the key checks", async () => {
    const env = open();
    const [theirs] = await env.listAll(OTHER);
    expectEnvelope(await env.write("PUT", STATUS_PATH(theirs.account_id), { status: "active" }, { key: null }), 403);
    expectEnvelope(await env.write("PUT", STATUS_PATH(theirs.account_id), { status: "active" }, { key: "x" }), 403);
  });

  it("a bad key (400) before request validation: no operation allocated", async () => {
    const env = open();
    const [acc] = await env.listAll();
    const res = await env.write("PUT", STATUS_PATH(acc.account_id), undefined, { key: "nope", raw: "{not json" });
    expectEnvelope(res, 400, /Idempotency-Key/);
    expect(res.headers.get("x-operation-id")).toBeNull();
  });

  it("key lookup before request validation: a used key with a bad body → 422", async () => {
    const env = open();
    const [acc] = await env.listAll();
    const key = randomUUID();
    expectEnvelope(await env.write("PUT", STATUS_PATH(acc.account_id), { status: "active" }, { key }), 200);
    const res = await env.write("PUT", STATUS_PATH(acc.account_id), undefined, { key, raw: "{not json" });
    expectEnvelope(res, 422, "Idempotency-Key was used with a different request");
  });

  it("request validation (400) before the deleting account's 409", async () => {
    const env = open();
    const acc = await deletingAccount(env);
    const res = await env.write("PUT", STATUS_PATH(acc.account_id), { status: "active", reason: "x" });
    expectEnvelope(res, 400, /reason/);
    expect(res.headers.get("x-operation-id")).toBeTruthy();
  });

  it("endpoint 400s before 409 deleting (MCL: unmapped pair)", async () => {
    const env = open();
    const acc = await deletingAccount(env);
    const body = {
      name: "x",
      blockedVerticals: [{ partnerVerticalId: 9999, partnerSubVerticalId: 9999, policy: "Block" }],
    };
    expectEnvelope(await env.write("PUT", MCL_PATH(acc.account_id), body), 400);
    const dup = {
      name: "x",
      domains: [
        { domain: "A.com", policy: "Block" },
        { domain: "a.com", policy: "Block" },
      ],
    };
    expectEnvelope(await env.write("PUT", MCL_PATH(acc.account_id), dup), 400);
  });

  it("404s before 409s: unknown page or layout on a deleting account → 404", async () => {
    const env = open();
    const acc = await deletingAccount(env);
    const sw = await env.write("PUT", `${PAGES_PATH(acc.account_id)}/${randomUUID()}`, { layout_type: "Embedded" });
    expectEnvelope(sw, 404);
    expectEnvelope(await env.write("PATCH", LAYOUT_PATH(acc.account_id, randomUUID()), { borderRadius: 4 }), 404);
  });

  it("deleting (409) before any other 409: existing surface, stale contentHash", async () => {
    const env = open();
    const acc = await deletingAccount(env);
    const pages = { pages: [{ surface: "confirmation", layout_type: "Overlay" }] };
    expectEnvelope(await env.write("POST", PAGES_PATH(acc.account_id), pages), 409, "account is deleting");
    const stale = await env.write("PUT", MCL_PATH(acc.account_id), { name: "x", contentHash: "stale-hash" });
    expectEnvelope(stale, 409, "account is deleting");
  });
});

describe("read check order", () => {
  it("token (401) before everything", async () => {
    const env = open();
    expectEnvelope(await env.get(`${STATUS_PATH("9999999999999999")}?x=1`, { token: null, parent: "1" }), 401);
  });

  it("rate limit (429) before the parent header", async () => {
    const env = open({ rateLimits: true });
    const [acc] = await env.listAll();
    const path = STATUS_PATH(acc.account_id);
    for (let i = 0; i < 600; i++) await env.get(path);
    expectEnvelope(await env.get(path, { parent: OTHER.parent }), 429);
  });

  it("parent header (403) before the account relationship and query", async () => {
    const env = open();
    const res = await env.get(`${STATUS_PATH("9999999999999999")}?bogus=1`, { parent: OTHER.parent });
    expectEnvelope(res, 403);
  });

  it("account relationship (403) before query parameters (400)", async () => {
    const env = open();
    const [theirs] = await env.listAll(OTHER);
    const [mine] = await env.listAll();
    expectEnvelope(await env.get(`${STATUS_PATH(theirs.account_id)}?bogus=1`), 403);
    expectEnvelope(await env.get(`${MCL_PATH(mine.account_id)}?bogus=1`), 400, /bogus/);
    expectEnvelope(await env.get(`${STATUS_PATH(mine.account_id)}?dry_run=true`), 400, /dry_run/);
  });

  it("operation lookup (404) before query parameters (400)", async () => {
    const env = open();
    expectEnvelope(await env.get(`${OPERATION_PATH("op_unknown00000000000000000000")}?bogus=1`), 404);
    const [acc] = await env.listAll();
    const w = await env.write("PUT", STATUS_PATH(acc.account_id), { status: "active" });
    const opId = w.headers.get("x-operation-id")!;
    expectEnvelope(await env.get(`${OPERATION_PATH(opId)}?bogus=1`), 400, /bogus/);
    expectEnvelope(await env.get(OPERATION_PATH(opId), { parent: DEMO.parent }), 200);
  });
});
