/** §5.5: account status — GET, PUT cascade to non-archived variants. */
import { describe, expect, it } from "vitest";
import { expectEnvelope, findAccount, type Json, open, STATUS_PATH } from "./harness";

const hasArchived = (d: Json) => d.variants.some((v: Json) => v.status === "archived");

describe("status", () => {
  it("GET answers the account status and its variants ordered by surface then name", async () => {
    const env = open();
    const accounts = await env.listAll();
    const order = ["confirmation", "tracking", "returns"];
    for (const a of accounts.slice(0, 5)) {
      const res = await env.get(STATUS_PATH(a.account_id));
      expectEnvelope(res, 200);
      const d = res.body.data;
      expect(Object.keys(d).sort()).toEqual(["accountId", "status", "variants"]);
      expect(d.accountId).toBe(a.account_id);
      expect(d.status).toBe(a.status);
      expect(d.variants.length).toBeGreaterThan(0);
      const keys = d.variants.map((v: Json) => {
        expect(Object.keys(v).sort()).toEqual(["name", "pageId", "pageVariantId", "status"]);
        return `${order.indexOf(v.name.split(" - ")[0].toLowerCase())}|${v.name}`;
      });
      expect(keys).toEqual([...keys].sort());
    }
  });

  it("PUT sets every non-archived variant and leaves archived ones archived", async () => {
    const env = open();
    const id = await findAccount(env, hasArchived);
    const before = (await env.get(STATUS_PATH(id))).body.data;
    const archivedIds = before.variants.filter((v: Json) => v.status === "archived").map((v: Json) => v.pageVariantId);
    expect(archivedIds).toHaveLength(1);
    for (const status of ["active", "paused", "active"]) {
      const res = await env.write("PUT", STATUS_PATH(id), { status });
      expectEnvelope(res, 200);
      expect(res.body.data.status).toBe(status);
      expect(res.body.data.variants.map((v: Json) => v.pageVariantId)).toEqual(
        before.variants.map((v: Json) => v.pageVariantId),
      );
      for (const v of res.body.data.variants) {
        expect(v.status).toBe(archivedIds.includes(v.pageVariantId) ? "archived" : status);
      }
      expect((await env.get(STATUS_PATH(id))).body.data).toEqual(res.body.data);
    }
  });

  it("PUT shows in the list's status", async () => {
    const env = open();
    const [acc] = await env.listAll();
    const target = acc.status === "active" ? "paused" : "active";
    expectEnvelope(await env.write("PUT", STATUS_PATH(acc.account_id), { status: target }), 200);
    const after = (await env.listAll()).find((a) => a.account_id === acc.account_id);
    expect(after.status).toBe(target);
  });

  it("PUT of the current status → 200, same view", async () => {
    const env = open();
    const [acc] = await env.listAll();
    const before = (await env.get(STATUS_PATH(acc.account_id))).body.data;
    const res = await env.write("PUT", STATUS_PATH(acc.account_id), { status: before.status });
    expectEnvelope(res, 200);
    expect(res.body.data).toEqual(before);
  });

  it.each([
    ["a reason field", { status: "paused", reason: "holiday" }],
    ["status archived", { status: "archived" }],
    ["status deleted", { status: "deleted" }],
    ["status deleting", { status: "deleting" }],
    ["status in another case", { status: "Active" }],
    ["status missing", {}],
    ["status null", { status: null }],
    ["an array body", [{ status: "active" }]],
  ])("%s → 400, nothing changes", async (_n, body) => {
    const env = open();
    const id = await findAccount(env, hasArchived);
    const before = await env.state(id);
    const res = await env.write("PUT", STATUS_PATH(id), body);
    expectEnvelope(res, 400);
    if (_n === "a reason field") expect(res.body.message).toMatch(/reason/);
    expect(await env.state(id)).toEqual(before);
  });
});
