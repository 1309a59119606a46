/** §3: Idempotency-Key presence, form, quoting, case, replay byte for byte. */
import { describe, expect, it } from "vitest";
import { type Env, expectEnvelope, MCL_PATH, OP_RE, open, type Res, randomUUID, STATUS_PATH } from "./harness";

async function firstAccount(env: Env): Promise<string> {
  const [acc] = await env.listAll();
  return acc.account_id;
}

function expectReplayOf(replay: Res, first: Res): void {
  expect(replay.status).toBe(first.status);
  expect(replay.text).toBe(first.text);
  expect(replay.headers.get("x-operation-id")).toBe(first.headers.get("x-operation-id"));
  expect(replay.headers.get("idempotent-replayed")).toBe("true");
  expect(replay.headers.get("x-request-id")).not.toBe(first.headers.get("x-request-id"));
}

describe("key presence and form", () => {
  it("missing key → 400 without X-Operation-Id, nothing changes", async () => {
    const env = open();
    const id = await firstAccount(env);
    const before = await env.state(id);
    const res = await env.write("PUT", STATUS_PATH(id), { status: "paused" }, { key: null });
    expectEnvelope(res, 400, /Idempotency-Key/);
    expect(res.headers.get("x-operation-id")).toBeNull();
    const res2 = await env.write("PUT", STATUS_PATH(id), { status: "active" }, { key: null });
    expectEnvelope(res2, 400, /Idempotency-Key/);
    expect(await env.state(id)).toEqual(before);
  });

  it.each([
    ["not a uuid", "abc"],
    ["no hyphens", "0f8fad5bd9cb469fa16570867728950e"],
    ["braces", "{0f8fad5b-d9cb-469f-a165-70867728950e}"],
    ["urn form", "urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e"],
    ["too short", "0f8fad5b-d9cb-469f-a165-70867728950"],
    ["non-hex", "0f8fad5b-d9cb-469f-a165-70867728950g"],
    ["nil uuid", "00000000-0000-0000-0000-000000000000"],
    ["quoted nil uuid", '"00000000-0000-0000-0000-000000000000"'],
    ["one quote", '"0f8fad5b-d9cb-469f-a165-70867728950e'],
    ["two pairs of quotes", '""0f8fad5b-d9cb-469f-a165-70867728950e""'],
    ["single quotes", "'0f8fad5b-d9cb-469f-a165-70867728950e'"],
    ["two keys", "0f8fad5b-d9cb-469f-a165-70867728950e, 1f8fad5b-d9cb-469f-a165-70867728950e"],
  ])("malformed key (%s) → 400 without X-Operation-Id", async (_n, key) => {
    const env = open();
    const id = await firstAccount(env);
    const res = await env.write("PUT", STATUS_PATH(id), { status: "paused" }, { key });
    expectEnvelope(res, 400, /Idempotency-Key/);
    expect(res.headers.get("x-operation-id")).toBeNull();
  });

  it.each([
    ["v4", "0f8fad5b-d9cb-469f-a165-70867728950e"],
    ["v7", "01890a5d-ac96-774b-bcce-b302099a8057"],
    ["v1", "c232ab00-9414-11ec-b3c8-9f6bdeced846"],
    ["not nil, all zero but one", "00000000-0000-0000-0000-000000000001"],
    ["max", "ffffffff-ffff-ffff-ffff-ffffffffffff"],
    ["quoted", '"3b241101-e2bb-4255-8caf-4136c566a962"'],
  ])("accepts any canonical uuid (%s)", async (_n, key) => {
    const env = open();
    const id = await firstAccount(env);
    const res = await env.write("PUT", STATUS_PATH(id), { status: "paused" }, { key });
    expectEnvelope(res, 200);
    expect(res.headers.get("x-operation-id")).toMatch(OP_RE);
  });
});

describe("replay", () => {
  it("replays the first answer byte for byte with Idempotent-Replayed: true", async () => {
    const env = open();
    const id = await firstAccount(env);
    const key = randomUUID();
    const first = await env.write("PUT", STATUS_PATH(id), { status: "active" }, { key });
    expectEnvelope(first, 200);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const replay = await env.write("PUT", STATUS_PATH(id), { status: "active" }, { key });
    expectReplayOf(replay, first);
  });

  it("does not execute again: a replay leaves later changes in place", async () => {
    const env = open();
    const id = await firstAccount(env);
    const key = randomUUID();
    const first = await env.write("PUT", STATUS_PATH(id), { status: "paused" }, { key });
    expectEnvelope(await env.write("PUT", STATUS_PATH(id), { status: "active" }), 200);
    const replay = await env.write("PUT", STATUS_PATH(id), { status: "paused" }, { key });
    expectReplayOf(replay, first);
    expect(replay.body.data.status).toBe("paused");
    expect((await env.get(STATUS_PATH(id))).body.data.status).toBe("active");
  });

  it("keeps 4xx outcomes: a 400 is replayed too", async () => {
    const env = open();
    const id = await firstAccount(env);
    const key = randomUUID();
    const first = await env.write("PUT", STATUS_PATH(id), { status: "archived" }, { key });
    expectEnvelope(first, 400);
    expect(first.headers.get("x-operation-id")).toMatch(OP_RE);
    expectReplayOf(await env.write("PUT", STATUS_PATH(id), { status: "archived" }, { key }), first);
  });

  it("compares keys without the quotes and case-insensitively", async () => {
    const env = open();
    const id = await firstAccount(env);
    const key = randomUUID();
    const first = await env.write("PUT", STATUS_PATH(id), { status: "active" }, { key: `"${key}"` });
    expectEnvelope(first, 200);
    expectReplayOf(await env.write("PUT", STATUS_PATH(id), { status: "active" }, { key }), first);
    expectReplayOf(await env.write("PUT", STATUS_PATH(id), { status: "active" }, { key: key.toUpperCase() }), first);
    const quotedUpper = `"${key.toUpperCase()}"`;
    expectReplayOf(await env.write("PUT", STATUS_PATH(id), { status: "active" }, { key: quotedUpper }), first);
  });

  it("compares bodies semantically: key order and whitespace ignored", async () => {
    const env = open();
    const id = await firstAccount(env);
    const key = randomUUID();
    const body = { name: "Controls", domains: [{ domain: "a.example.com", policy: "Block" }] };
    const first = await env.write("PUT", MCL_PATH(id), body, { key });
    expectEnvelope(first, 200);
    const reordered = '{ "domains" : [ { "policy":"Block",\n "domain":"a.example.com" } ],\t"name":"Controls" }';
    expectReplayOf(await env.write("PUT", MCL_PATH(id), undefined, { key, raw: reordered }), first);
  });

  it("treats array order as significant → 422", async () => {
    const env = open();
    const id = await firstAccount(env);
    const key = randomUUID();
    const a = { domain: "a.example.com", policy: "Block" };
    const b = { domain: "b.example.com", policy: "Block" };
    const first = await env.write("PUT", MCL_PATH(id), { name: "C", domains: [a, b] }, { key });
    expectEnvelope(first, 200);
    const res = await env.write("PUT", MCL_PATH(id), { name: "C", domains: [b, a] }, { key });
    expectEnvelope(res, 422, "Idempotency-Key was used with a different request");
  });

  it("compares a body that does not parse byte for byte", async () => {
    const env = open();
    const id = await firstAccount(env);
    const key = randomUUID();
    const first = await env.write("PUT", STATUS_PATH(id), undefined, { key, raw: '{"status": ' });
    expectEnvelope(first, 400);
    expectReplayOf(await env.write("PUT", STATUS_PATH(id), undefined, { key, raw: '{"status": ' }), first);
    const res = await env.write("PUT", STATUS_PATH(id), undefined, { key, raw: '{"status":' });
    expectEnvelope(res, 422, "Idempotency-Key was used with a different request");
  });

  it("treats an absent dry_run as dry_run=false", async () => {
    const env = open();
    const id = await firstAccount(env);
    const key = randomUUID();
    const first = await env.write("PUT", STATUS_PATH(id), { status: "active" }, { key });
    const path = `${STATUS_PATH(id)}?dry_run=false`;
    expectReplayOf(await env.write("PUT", path, { status: "active" }, { key }), first);
    const dry = await env.write("PUT", STATUS_PATH(id), { status: "active" }, { key, dryRun: true });
    expectEnvelope(dry, 422, "Idempotency-Key was used with a different request");
  });
});
