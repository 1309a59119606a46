import { describe, expect, it, vi } from "vitest";
import {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  InvalidResponseError,
  isAccountInaccessible,
  NotFoundError,
  PartnershipsError,
  PayloadTooLargeError,
  StaleContentError,
  ValidationFailedError,
} from "./errors";
import { ACCOUNT, envelope, errorResponse, fakeUpstream, KEY, statusView, testClient } from "./test-fakes";

const registerBody = {
  brand: "Acme",
  vertical_id: 1500,
  sub_vertical_id: 1610,
  country_code: "US",
  platform_parent_account_id: "1000000000000001",
  store_identifier: "https://acme",
  external_account_id: "m-1",
};
const ids = { "X-Request-Id": "req-abc", "X-Operation-Id": "op_abc" };

async function failWith(
  res: () => Response,
  run: (c: ReturnType<typeof testClient>["client"]) => Promise<unknown>,
  // biome-ignore lint/suspicious/noExplicitAny: each test checks the subclass's own fields.
): Promise<any> {
  const up = fakeUpstream(() => res());
  const { client } = testClient(up.fetch);
  const err = await run(client).catch((e) => e);
  expect(err).toBeInstanceOf(PartnershipsError);
  return err;
}

describe("typed errors", () => {
  it("400 names the field from the message, keeps request and operation ids", async () => {
    const err = await failWith(
      () => errorResponse(400, "store_identifier https://acme is not a valid URL", ids),
      (c) => c.register(registerBody, { idempotencyKey: KEY }),
    );
    expect(err).toBeInstanceOf(BadRequestError);
    expect(err).toMatchObject({ status: 400, code: "BadRequest", field: "store_identifier", requestId: "req-abc" });
    expect(err.operationId).toBe("op_abc");
    expect(err.message).toContain("store_identifier https://acme is not a valid URL");
  });

  it("400 whose first word is no field has field null", async () => {
    const err = await failWith(
      () => errorResponse(400, "malformed JSON body"),
      (c) => c.putStatus(ACCOUNT, { status: "active" }, { idempotencyKey: KEY }),
    );
    expect(err.field).toBeNull();
  });

  it("409 reasons: stale content, surface exists, account deleting, other", async () => {
    const put = (c: ReturnType<typeof testClient>["client"]) =>
      c.putControls(ACCOUNT, { name: "n", contentHash: "h" }, { idempotencyKey: KEY });
    const stale = await failWith(() => errorResponse(409, "contentHash is stale", ids), put);
    expect(stale).toBeInstanceOf(StaleContentError);
    expect(stale).toBeInstanceOf(ConflictError);
    expect(stale).toMatchObject({ reason: "stale_content", status: 409, operationId: "op_abc" });
    const surface = await failWith(
      () => errorResponse(409, "surface tracking already exists"),
      (c) => c.addPages(ACCOUNT, { pages: [{ surface: "tracking", layout_type: "Overlay" }] }, { idempotencyKey: KEY }),
    );
    expect(surface).toMatchObject({ reason: "surface_exists" });
    expect(surface.message).toContain("surface tracking already exists");
    expect(await failWith(() => errorResponse(409, "account is deleting"), put)).toMatchObject({
      reason: "account_deleting",
    });
    const other = await failWith(
      () => errorResponse(409, "external_account_id is registered with another store_identifier"),
      (c) => c.register(registerBody, { idempotencyKey: KEY }),
    );
    expect(other).toMatchObject({ reason: "other", code: "Conflict" });
  });

  it("tolerance: 412 on a stale contentHash is a StaleContentError too", async () => {
    const err = await failWith(
      () => new Response("", { status: 412, headers: { "X-Request-Id": "r412" } }),
      (c) => c.putControls(ACCOUNT, { name: "n", contentHash: "h" }, { idempotencyKey: KEY }),
    );
    expect(err).toBeInstanceOf(StaleContentError);
    expect(err).toMatchObject({ status: 412, requestId: "r412", reason: "stale_content" });
  });

  it("tolerance: 413 is a PayloadTooLargeError", async () => {
    const err = await failWith(
      () => new Response("too big", { status: 413 }),
      (c) => c.putControls(ACCOUNT, { name: "n" }, { idempotencyKey: KEY }),
    );
    expect(err).toBeInstanceOf(PayloadTooLargeError);
    expect(err.code).toBe("PayloadTooLarge");
  });

  it("422 for a reused key says to start again with a new key", async () => {
    const err = await failWith(
      () => errorResponse(422, "Idempotency-Key was used with a different request", ids),
      (c) => c.putStatus(ACCOUNT, { status: "active" }, { idempotencyKey: KEY }),
    );
    expect(err).toBeInstanceOf(ValidationFailedError);
    expect(err.idempotencyKeyReused).toBe(true);
    expect(err.operationId).toBe("op_abc");
  });

  it("tolerance: 403 and 404 for an account not yours are both 'inaccessible'", async () => {
    const f = await failWith(
      () => errorResponse(403, "Forbidden"),
      (c) => c.getStatus(ACCOUNT),
    );
    expect(f).toBeInstanceOf(ForbiddenError);
    expect(isAccountInaccessible(f)).toBe(true);
    const n = await failWith(
      () => errorResponse(404, "Not Found"),
      (c) => c.getControls(ACCOUNT),
    );
    expect(n).toBeInstanceOf(NotFoundError);
    expect(n.resource).toBe("account");
    expect(isAccountInaccessible(n)).toBe(true);
  });

  it("a 404 about a page, a layout or an operation is not an inaccessible account", async () => {
    const page = await failWith(
      () => errorResponse(404, "page 5f0c6a1e-3b7d-4c1a-9e2f-0a1b2c3d4e5f not found"),
      (c) => c.switchPageLayout(ACCOUNT, "p1", { layout_type: "Embedded" }, { idempotencyKey: KEY }),
    );
    expect(page.resource).toBe("page");
    expect(isAccountInaccessible(page)).toBe(false);
    const layout = await failWith(
      () => errorResponse(404, "unknown layout"),
      (c) => c.patchLayout(ACCOUNT, "l1", { textColor: "#000" }, { idempotencyKey: KEY }),
    );
    expect(layout.resource).toBe("layout");
    const op = await failWith(
      () => errorResponse(404, "Not Found"),
      (c) => c.getOperation("op_x"),
    );
    expect(op.resource).toBe("operation");
    expect(isAccountInaccessible(op)).toBe(false);
  });

  it("a body that does not match the contract is an InvalidResponseError, not retried", async () => {
    const up = fakeUpstream(() => envelope(200, { accountId: ACCOUNT, status: "sleeping", variants: [] }));
    const { client } = testClient(up.fetch);
    const err = await client.putStatus(ACCOUNT, { status: "active" }, { idempotencyKey: KEY }).catch((e) => e);
    expect(err).toBeInstanceOf(InvalidResponseError);
    expect(err.message).toMatch(/status/);
    expect(err.message).toMatch(/probably applied/);
    expect(up.calls).toHaveLength(1);
  });

  it("an error answer that is not JSON still maps by status", async () => {
    const err = await failWith(
      () => new Response("<html>bad gateway</html>", { status: 502 }),
      (c) => c.getStatus(ACCOUNT),
    );
    expect(err.code).toBe("InternalServerError");
    expect(err.status).toBe(502);
    expect(err.attempts).toBe(5);
  });
});

describe("tolerance on success", () => {
  it("a layout PATCH answered with the bare {status: ok, layout_id}", async () => {
    const up = fakeUpstream(
      () => new Response(JSON.stringify({ status: "ok", layout_id: "l1" }), { status: 200, headers: ids }),
    );
    const { client } = testClient(up.fetch);
    const res = await client.patchLayout(ACCOUNT, "l1", { borderRadius: 4 }, { idempotencyKey: KEY });
    expect(res.data).toEqual({ status: "ok", layout_id: "l1" });
    expect(res.requestId).toBe("req-abc");
  });

  it("a layout PATCH answered with the full layout in the envelope", async () => {
    const theme = {
      primaryColor: "#4F46E5",
      backgroundColor: "#FFFFFF",
      textColor: "#000000",
      closeButtonColor: "#6B7280",
      borderRadius: 8,
    };
    const up = fakeUpstream(() => envelope(200, { layout_id: "l1", page_id: "p1", layout_type: "Overlay", theme }));
    const { client } = testClient(up.fetch);
    const res = await client.patchLayout(ACCOUNT, "l1", { textColor: "#000" }, { idempotencyKey: KEY });
    expect(res.data.theme).toEqual(theme);
  });

  it("a list without next_cursor reads as the last page", async () => {
    const up = fakeUpstream(() => envelope(200, { accounts: [] }));
    const { client } = testClient(up.fetch);
    expect((await client.listAccounts()).data).toEqual({ accounts: [], next_cursor: null });
  });

  it("a write answer without X-Operation-Id is fine", async () => {
    const up = fakeUpstream(() => envelope(200, statusView));
    const seen: string[] = [];
    const { client } = testClient(up.fetch);
    const res = await client.putStatus(
      ACCOUNT,
      { status: "active" },
      { idempotencyKey: KEY, onOperationId: (id) => void seen.push(id) },
    );
    expect(res.operationId).toBeNull();
    expect(seen).toEqual([]);
  });

  it("unknown extra fields anywhere are accepted and stripped", async () => {
    const up = fakeUpstream(() =>
      envelope(200, {
        ...statusView,
        shiny: true,
        variants: [{ ...statusView.variants[0], extra: 1 }],
      }),
    );
    const { client } = testClient(up.fetch);
    const res = await client.getStatus(ACCOUNT);
    expect(res.data).toEqual(statusView);
  });

  it("calls onOperationId before parsing the body, even when the body is then refused", async () => {
    const order: string[] = [];
    const up = fakeUpstream(() => new Response("{not json", { status: 200, headers: ids }));
    const { client } = testClient(up.fetch);
    const err = await client
      .putStatus(ACCOUNT, { status: "active" }, { idempotencyKey: KEY, onOperationId: (id) => void order.push(id) })
      .catch((e) => e);
    expect(order).toEqual(["op_abc"]);
    expect(err).toBeInstanceOf(InvalidResponseError);
    expect(err.operationId).toBe("op_abc");
  });
});

describe("instanceof across bundled copies of this module", () => {
  it("recognises an error made by another copy of the classes by its kind, not its class identity", async () => {
    vi.resetModules();
    const other: typeof import("./errors") = await import("./errors");
    expect(other.ForbiddenError).not.toBe(ForbiddenError);
    const foreign = new other.ForbiddenError("no", { status: 403 });
    expect(foreign).toBeInstanceOf(ForbiddenError);
    expect(foreign).toBeInstanceOf(PartnershipsError);
    expect(foreign).not.toBeInstanceOf(NotFoundError);
    expect(isAccountInaccessible(foreign)).toBe(true);
    const stale = new other.StaleContentError("stale", { status: 409 });
    expect(stale).toBeInstanceOf(ConflictError);
    expect(stale).toBeInstanceOf(StaleContentError);
    expect(new ConflictError("c", { status: 409, reason: "other" })).not.toBeInstanceOf(other.StaleContentError);
    expect({ code: "Forbidden" }).not.toBeInstanceOf(ForbiddenError);
  });
});
