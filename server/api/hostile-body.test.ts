import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "./test-harness";

/**
 * Found by the fuzzer (fuzz.test.ts): a JSON body with a "__proto__" key failed
 * zod, but its field message was assigned to `fields.__proto__` — a prototype
 * change, not an entry — so the request looked valid and reached the handler
 * with no body (a 500). It must be a 400 naming the field, and nothing upstream.
 */
describe("a body with a __proto__ key", () => {
  let h: Harness;
  let merchantId: string;
  beforeAll(async () => {
    h = await createHarness({});
    h.as(h.users.admin);
    [merchantId] = (await h.merchants(1)) as [string];
  });
  afterAll(async () => {
    await h.close();
  });

  it("is refused as an unknown field, not a 500", async () => {
    const res = await h.call("PUT", `/api/merchants/${merchantId}/status`, {
      raw: '{"status":"paused","__proto__":{"status":"active"}}',
      contentType: "application/json",
      key: randomUUID(),
    });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).error).toMatchObject({
      code: "validation_failed",
      fields: { ["__proto__"]: "is not a known field" },
    });
    const status = await h.call("GET", `/api/merchants/${merchantId}/status`);
    expect(JSON.parse(status.text).data.status).toBe("active");
  });
});
