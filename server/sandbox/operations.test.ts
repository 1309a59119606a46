import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEMO_PARENT_ACCOUNT_ID } from "./demo-platform";
import { type Json, type Kit, openKit, tokenFor } from "./testkit";

let kit: Kit;
beforeEach(async () => {
  kit = await openKit();
});
afterEach(() => kit.close());

const REGISTER = "/v1/accounts/register/partnership";
const reg = (over: Record<string, unknown> = {}) => ({
  brand: "Harbor & Pine",
  vertical_id: 1500,
  sub_vertical_id: 1610,
  country_code: "US",
  platform_parent_account_id: DEMO_PARENT_ACCOUNT_ID,
  store_identifier: "https://Harbor-Pine.example.com/",
  external_account_id: "hp-1",
  pages: [
    { surface: "returns", layout_type: "Embedded" },
    { surface: "confirmation", layout_type: "Overlay" },
  ],
  ...over,
});
const op = async (id: string | null): Promise<Json> =>
  (await kit.json(await kit.call("GET", `/v1/partnership/operations/${id}`))).body;

describe("operations (SPEC §4)", () => {
  it("records register with the answer's account id; dedup answers the same account and creates nothing", async () => {
    const first = await kit.json(await kit.write("POST", REGISTER, reg()));
    expect(first.status).toBe(200);
    expect(first.body.data.pages.map((p: Json) => p.surface)).toEqual(["confirmation", "returns"]);
    expect(first.body.data.pages[1].page_identifier).toBe("returns_page");
    const o = await op(first.headers.get("X-Operation-Id"));
    expect(o.data).toMatchObject({
      operation_type: "registerPartnership",
      account_id: first.body.data.account_id,
      status: "completed",
      dry_run: false,
      http_status: 200,
      error: null,
    });
    expect(o.data.response_body).toEqual(first.body);
    const again = await kit.json(
      await kit.write(
        "POST",
        REGISTER,
        reg({ brand: "Other name", store_identifier: "HTTPS://harbor-pine.EXAMPLE.com" }),
      ),
    );
    expect(again.body.data).toEqual(first.body.data);
    const clash = await kit.json(
      await kit.write("POST", REGISTER, reg({ store_identifier: "https://elsewhere.example.com" })),
    );
    expect(clash.status).toBe(409);
    const failed = await op(clash.headers.get("X-Operation-Id"));
    expect(failed.data).toMatchObject({
      status: "failed",
      account_id: null,
      http_status: 409,
      error: clash.body.message,
    });
    const unmapped = await kit.json(
      await kit.write("POST", REGISTER, reg({ external_account_id: "hp-2", vertical_id: 9999, sub_vertical_id: 9999 })),
    );
    expect(unmapped.status).toBe(400);
    expect((await kit.accounts()).length).toBe(21);
  });

  it("keeps operations 7 days and answers 404 after", async () => {
    const id = (await kit.accounts())[0].account_id;
    const w = await kit.write("PUT", `/v1/partnership/accounts/${id}/status`, { status: "paused" });
    const opId = w.headers.get("X-Operation-Id");
    kit.clock.now += 7 * 24 * 3600 * 1000 - 1000;
    kit.token = await tokenFor(kit.sb);
    expect((await op(opId)).status).toBe(200);
    kit.clock.now += 2000;
    expect((await op(opId)).status).toBe(404);
  });

  it("makes dry-runs real operations with fresh, never-stored ids", async () => {
    const dry = await kit.json(
      await kit.write("POST", `${REGISTER}?dry_run=true`, reg({ external_account_id: "dry" })),
    );
    expect(dry.status).toBe(200);
    expect(dry.headers.get("X-Dry-Run")).toBe("true");
    expect((await op(dry.headers.get("X-Operation-Id"))).data).toMatchObject({ dry_run: true, status: "completed" });
    expect((await kit.accounts()).some((a: Json) => a.account_id === dry.body.data.account_id)).toBe(false);
    const live = await kit.json(await kit.write("POST", REGISTER, reg({ external_account_id: "dry" })));
    expect(live.body.data.account_id).not.toBe(dry.body.data.account_id);
  });
});
