/** §8 faults: where in the check order they strike, and recovery after a dropped answer on each kind of write. */
import { describe, expect, it } from "vitest";
import {
  DELETION_PATH,
  DEMO,
  expectEnvelope,
  OTHER,
  open,
  PRIVACY_PATH,
  REGISTER_PATH,
  randomUUID,
  regBody,
  STATUS_PATH,
} from "./harness";

const LIST = `/v1/partnership/accounts?parent_account_id=${DEMO.parent}`;

describe("where faults strike", () => {
  it("on a write, only after its operation is allocated: earlier checks still answer", async () => {
    const env = open();
    const [acc] = await env.listAll();
    const [theirs] = await env.listAll(OTHER);
    await env.faults({ error_rate: 1 });
    const body = { status: "active" };
    expectEnvelope(await env.write("PUT", STATUS_PATH(acc.account_id), body, { token: "nope" }), 401);
    expectEnvelope(await env.write("PUT", STATUS_PATH(acc.account_id), body, { parent: null }), 422);
    expectEnvelope(await env.write("PUT", STATUS_PATH(acc.account_id), body, { parent: OTHER.parent }), 403);
    expectEnvelope(await env.write("PUT", STATUS_PATH(theirs.account_id), body), 403);
    expectEnvelope(await env.write("PUT", STATUS_PATH(acc.account_id), body, { key: null }), 400);
    expectEnvelope(await env.register({}, { parent: null }), 422);
    const faulted = await env.write("PUT", STATUS_PATH(acc.account_id), { status: "not-valid" });
    expectEnvelope(faulted, 500);
    expect(faulted.headers.get("x-operation-id")).toBeTruthy();
  });

  it("a kept key answers before faults: replay and 422 are not faulted", async () => {
    const env = open();
    const [acc] = await env.listAll();
    const key = randomUUID();
    const first = await env.write("PUT", STATUS_PATH(acc.account_id), { status: "active" }, { key });
    await env.faults({ error_rate: 1 });
    const replay = await env.write("PUT", STATUS_PATH(acc.account_id), { status: "active" }, { key });
    expect(replay.status).toBe(200);
    expect(replay.text).toBe(first.text);
    expectEnvelope(await env.write("PUT", STATUS_PATH(acc.account_id), { status: "paused" }, { key }), 422);
  });

  it("on reads and privacy requests, right after the rate-limit step: before parent and query checks", async () => {
    const env = open();
    const [acc] = await env.listAll();
    await env.faults({ error_rate: 1 });
    expectEnvelope(await env.get(STATUS_PATH(acc.account_id), { parent: OTHER.parent }), 500);
    expectEnvelope(await env.get("/v1/partnership/accounts"), 500);
    expectEnvelope(await env.get(`${LIST}&bogus=1`), 500);
    expectEnvelope(await env.write("POST", "/v1/partnership/network-privacy-requests", {}), 500);
    expectEnvelope(await env.get(STATUS_PATH(acc.account_id), { token: null }), 401);
    expectEnvelope(await env.get("/v1/nope"), 404);
  });
});

describe("recovery after a dropped answer", () => {
  it("register: the resent register dedups to the committed account", async () => {
    const env = open();
    const body = regBody();
    await env.faults({ drop_after_commit_rate: 1 });
    await expect(env.write("POST", REGISTER_PATH, body, { key: null })).rejects.toBeInstanceOf(TypeError);
    await env.faults({ drop_after_commit_rate: 0 });
    const committed = (await env.listAll()).filter((a) => a.external_account_id === body.external_account_id);
    expect(committed).toHaveLength(1);
    const again = await env.write("POST", REGISTER_PATH, body, { key: null });
    expectEnvelope(again, 200);
    expect(again.body.data.account_id).toBe(committed[0].account_id);
    expect((await env.listAll()).filter((a) => a.external_account_id === body.external_account_id)).toHaveLength(1);
  });

  it("data deletion: committed, and the same key replays the 202", async () => {
    const env = open();
    const [acc] = await env.listAll();
    const key = randomUUID();
    await env.faults({ drop_after_commit_rate: 1 });
    await expect(env.write("POST", DELETION_PATH(acc.account_id), { reason: "r" }, { key })).rejects.toBeInstanceOf(
      TypeError,
    );
    await env.faults({ drop_after_commit_rate: 0 });
    expect((await env.get(STATUS_PATH(acc.account_id))).body.data.status).toBe("deleting");
    const replay = await env.write("POST", DELETION_PATH(acc.account_id), { reason: "r" }, { key });
    expectEnvelope(replay, 202);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.body.data.operation_id).toBe(replay.headers.get("x-operation-id"));
  });

  it("network privacy: the request is recorded though the answer is lost", async () => {
    const env = open();
    await env.faults({ drop_after_commit_rate: 1 });
    const body = { requestType: "NETWORK_OPT_OUT", email: "lost@example.com" };
    await expect(env.write("POST", PRIVACY_PATH(DEMO.parent), body)).rejects.toBeInstanceOf(TypeError);
    const list = (await env.admin("GET", "/_sandbox/privacy-requests")).body.data.requests;
    expect(list).toHaveLength(1);
    expect(list[0].identifier).toBe("lost@example.com");
  });

  it("a dry-run that answers 2xx is dropped too, and changes nothing", async () => {
    const env = open();
    const [acc] = await env.listAll();
    const before = await env.state(acc.account_id);
    const key = randomUUID();
    await env.faults({ drop_after_commit_rate: 1 });
    const target = acc.status === "active" ? "paused" : "active";
    await expect(
      env.write("PUT", STATUS_PATH(acc.account_id), { status: target }, { key, dryRun: true }),
    ).rejects.toBeInstanceOf(TypeError);
    await env.faults({ drop_after_commit_rate: 0 });
    expect(await env.state(acc.account_id)).toEqual(before);
    const replay = await env.write("PUT", STATUS_PATH(acc.account_id), { status: target }, { key, dryRun: true });
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.headers.get("x-dry-run")).toBe("true");
  });
});
