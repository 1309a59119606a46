/** §1: the parent header and the manager/managed relationship. */
import { describe, expect, it } from "vitest";
import { DEMO, expectEnvelope, MCL_PATH, OTHER, open, REGISTER_PATH, regBody, STATUS_PATH } from "./harness";

const REQUIRED = "X-Platform-Parent-Account-Id is required";

describe("X-Platform-Parent-Account-Id on writes", () => {
  it("missing → 422 ValidationFailed with the exact message, nothing changes", async () => {
    const env = open();
    const [acc] = await env.listAll();
    const before = await env.state(acc.account_id);
    const target = acc.status === "active" ? "paused" : "active";
    const res = await env.write("PUT", STATUS_PATH(acc.account_id), { status: target }, { parent: null });
    expectEnvelope(res, 422, REQUIRED);
    expect(await env.state(acc.account_id)).toEqual(before);
  });

  it("empty counts as missing → 422", async () => {
    const env = open();
    const [acc] = await env.listAll();
    const res = await env.write("PUT", STATUS_PATH(acc.account_id), { status: "active" }, { parent: "" });
    expectEnvelope(res, 422, REQUIRED);
  });

  it("missing on register → 422", async () => {
    const env = open();
    const res = await env.register({}, { parent: null });
    expectEnvelope(res, 422, REQUIRED);
  });

  it("present but not the token's manager → 403", async () => {
    const env = open();
    const [acc] = await env.listAll();
    for (const parent of [OTHER.parent, "1234567890123456", "not-an-id"]) {
      expectEnvelope(await env.write("PUT", STATUS_PATH(acc.account_id), { status: "active" }, { parent }), 403);
    }
    expectEnvelope(await env.write("POST", REGISTER_PATH, regBody(), { key: null, parent: OTHER.parent }), 403);
  });
});

describe("X-Platform-Parent-Account-Id on reads", () => {
  it("is optional: absent or empty → 200", async () => {
    const env = open();
    const [acc] = await env.listAll();
    expectEnvelope(await env.get(STATUS_PATH(acc.account_id)), 200);
    expectEnvelope(await env.get(STATUS_PATH(acc.account_id), { parent: "" }), 200);
    expectEnvelope(await env.get(MCL_PATH(acc.account_id), { parent: DEMO.parent }), 200);
  });

  it("is checked when present → 403 for another manager", async () => {
    const env = open();
    const [acc] = await env.listAll();
    expectEnvelope(await env.get(STATUS_PATH(acc.account_id), { parent: OTHER.parent }), 403);
    expectEnvelope(await env.get(MCL_PATH(acc.account_id), { parent: "1234567890123456" }), 403);
    const list = `/v1/partnership/accounts?parent_account_id=${DEMO.parent}`;
    expectEnvelope(await env.get(list, { parent: OTHER.parent }), 403);
  });
});

describe("account relationship", () => {
  it("another manager's account and an unknown account both → 403 with the same answer", async () => {
    const env = open();
    const [theirs] = await env.listAll(OTHER);
    const paths = [STATUS_PATH(theirs.account_id), STATUS_PATH("9999999999999999")];
    const reads = await Promise.all(paths.map((p) => env.get(p)));
    const writes = await Promise.all(paths.map((p) => env.write("PUT", p, { status: "active" })));
    for (const r of [...reads, ...writes]) expectEnvelope(r, 403);
    expect(reads[0]!.body.message).toBe(reads[1]!.body.message);
    expect(writes[0]!.body.message).toBe(writes[1]!.body.message);
  });

  it("forbids every account route of another manager's account, reads and writes", async () => {
    const env = open();
    const [theirs] = await env.listAll(OTHER);
    const id = theirs.account_id;
    const before = await env.state(id);
    expectEnvelope(await env.get(MCL_PATH(id)), 403);
    expectEnvelope(await env.write("PUT", MCL_PATH(id), { name: "x" }), 403);
    expectEnvelope(
      await env.write("POST", `/v1/partnership/accounts/${id}/pages`, {
        pages: [{ surface: "returns", layout_type: "Overlay" }],
      }),
      403,
    );
    expectEnvelope(
      await env.write("POST", `/v1/partnership/accounts/${id}/data-deletion-requests`, { reason: "x" }),
      403,
    );
    expect(await env.state(id)).toEqual(before);
  });

  it("lets each platform use its own accounts", async () => {
    const env = open();
    const [theirs] = await env.listAll(OTHER);
    expectEnvelope(await env.get(STATUS_PATH(theirs.account_id), { platform: OTHER }), 200);
    const res = await env.write("PUT", STATUS_PATH(theirs.account_id), { status: "active" }, { platform: OTHER });
    expectEnvelope(res, 200);
    const [mine] = await env.listAll();
    expectEnvelope(await env.get(STATUS_PATH(mine.account_id), { platform: OTHER }), 403);
  });

  it("an account id that is not 16 digits → 403 as unknown", async () => {
    const env = open();
    expectEnvelope(await env.get(STATUS_PATH("abc")), 403);
    expectEnvelope(await env.write("PUT", STATUS_PATH("123"), { status: "active" }), 403);
  });
});
