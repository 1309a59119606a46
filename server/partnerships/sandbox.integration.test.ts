import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEMO_PARENT_ACCOUNT_ID,
  OTHER_CLIENT_ID,
  OTHER_CLIENT_SECRET,
  OTHER_PARENT_ACCOUNT_ID,
} from "@/server/sandbox/demo-platform";
import { createPartnershipsClient } from "./client";
import { isAccountInaccessible, NotFoundError, StaleContentError, ValidationFailedError } from "./errors";
import { allAccounts, key, openSandbox, registerBody, type SandboxRig } from "./test-sandbox";
import { IN_PROCESS_ORIGIN } from "./upstream";

/** Every endpoint, happy path and the main refusals, against the real in-process sandbox. */
let rig: SandboxRig;
beforeAll(() => {
  rig = openSandbox();
});
afterAll(() => rig.close());

describe("client against the in-process sandbox", () => {
  it("lists the demo platform's accounts page by page", async () => {
    const first = await rig.client.listAccounts({ limit: 5 });
    expect(first.data.accounts).toHaveLength(5);
    expect(first.data.next_cursor).toEqual(expect.any(String));
    expect(first.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const all = await allAccounts(rig.client);
    expect(all.length).toBeGreaterThanOrEqual(20);
    expect(all.slice(0, 5)).toEqual(first.data.accounts);
  });

  it("registers, then dedups a second register of the same merchant", async () => {
    const body = registerBody();
    const ops: string[] = [];
    const a = await rig.client.register(body, { idempotencyKey: key(), onOperationId: (id) => void ops.push(id) });
    expect(a.data).toMatchObject({ external_account_id: body.external_account_id, status: "paused" });
    expect(a.data.pages).toHaveLength(1);
    expect(a.operationId).toMatch(/^op_/);
    expect(ops).toEqual([a.operationId]);
    const b = await rig.client.register(body, { idempotencyKey: key() });
    expect(b.data.account_id).toBe(a.data.account_id);
    const op = await rig.client.getOperation(a.operationId!);
    expect(op.data).toMatchObject({ operation_type: "registerPartnership", status: "completed", http_status: 200 });
  });

  it("walks one merchant through every write", async () => {
    const reg = await rig.client.register(registerBody(), { idempotencyKey: key() });
    const id = reg.data.account_id;
    const [confirmation] = reg.data.pages;

    const before = await rig.client.getControls(id);
    expect(before.data.verticals).toEqual([]);
    const put = await rig.client.putControls(
      id,
      {
        name: "Brand safety",
        blockedVerticals: [{ partnerVerticalId: 1502, partnerSubVerticalId: 1620, policy: "Block" }],
        domains: [{ domain: "Bad.Example.com", policy: "Block" }],
        contentHash: before.data.contentHash,
      },
      { idempotencyKey: key() },
    );
    expect(put.data.domains).toEqual([{ domain: "bad.example.com", policy: "Block" }]);
    expect(put.data.translatedVerticals).toHaveLength(1);
    const stale = await rig.client
      .putControls(id, { name: "x", contentHash: before.data.contentHash }, { idempotencyKey: key() })
      .catch((e) => e);
    expect(stale).toBeInstanceOf(StaleContentError);
    expect(stale.operationId).toMatch(/^op_/);

    const dry = await rig.client.putStatus(id, { status: "active" }, { idempotencyKey: key(), dryRun: true });
    expect(dry.dryRun).toBe(true);
    expect((await rig.client.getStatus(id)).data.status).toBe("paused");
    const live = await rig.client.putStatus(id, { status: "active" }, { idempotencyKey: key() });
    expect(live.dryRun).toBe(false);
    expect(live.data.variants.every((v) => v.status === "active")).toBe(true);

    const added = await rig.client.addPages(
      id,
      { pages: [{ surface: "tracking", layout_type: "Embedded" }] },
      { idempotencyKey: key() },
    );
    expect(added.data.pages.map((p) => p.surface)).toEqual(["tracking"]);

    const switched = await rig.client.switchPageLayout(
      id,
      confirmation!.page_id,
      { layout_type: "Embedded" },
      { idempotencyKey: key() },
    );
    expect(switched.data).toMatchObject({ page_id: confirmation!.page_id, layout_type: "Embedded" });

    const themed = await rig.client.patchLayout(
      id,
      switched.data.layout_id,
      { textColor: "#abc" },
      { idempotencyKey: key() },
    );
    expect(themed.data.theme?.textColor).toBe("#AABBCC");

    const missing = await rig.client
      .patchLayout(id, "5f0c6a1e-3b7d-4c1a-9e2f-0a1b2c3d4e5f", { borderRadius: 2 }, { idempotencyKey: key() })
      .catch((e) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing.resource).toBe("layout");
    expect(isAccountInaccessible(missing)).toBe(false);

    const payout = await rig.client.payoutSetup(
      id,
      { return_url: "https://console.example/return", refresh_url: "http://localhost:3000/refresh" },
      { idempotencyKey: key() },
    );
    expect(payout.data.stripe_account_id).toMatch(/^acct_/);

    const deletion = await rig.client.requestDataDeletion(id, { reason: "merchant asked" }, { idempotencyKey: key() });
    expect(deletion.status).toBe(202);
    expect(deletion.data.status).toBe("pending");
    const state = (await rig.admin.getAccountState(id)) as Record<string, unknown>;
    expect(JSON.stringify(state)).toContain(id);
  });

  it("reuses a key for a different request: ValidationFailedError saying so", async () => {
    const reg = await rig.client.register(registerBody(), { idempotencyKey: key() });
    const k = key();
    await rig.client.putStatus(reg.data.account_id, { status: "active" }, { idempotencyKey: k });
    const again = await rig.client.putStatus(reg.data.account_id, { status: "active" }, { idempotencyKey: k });
    expect(again.replayed).toBe(true);
    const err = await rig.client
      .putStatus(reg.data.account_id, { status: "paused" }, { idempotencyKey: k })
      .catch((e) => e);
    expect(err).toBeInstanceOf(ValidationFailedError);
    expect(err.idempotencyKeyReused).toBe(true);
  });

  it("another platform's account is inaccessible", async () => {
    const other = createPartnershipsClient({
      apiUrl: IN_PROCESS_ORIGIN,
      authUrl: IN_PROCESS_ORIGIN,
      clientId: OTHER_CLIENT_ID,
      clientSecret: OTHER_CLIENT_SECRET,
      parentAccountId: OTHER_PARENT_ACCOUNT_ID,
      fetch: rig.fetch,
      logger: { info: () => {}, warn: () => {} },
    });
    const [foreign] = (await other.listAccounts()).data.accounts;
    const err = await rig.client.getStatus(foreign!.account_id).catch((e) => e);
    expect(isAccountInaccessible(err)).toBe(true);
    expect(err.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("network privacy request: 202, bare body, dry-run not recorded", async () => {
    const before = ((await rig.admin.listPrivacyRequests()) as { requests: unknown[] }).requests.length;
    const dry = await rig.client.networkPrivacyRequest(
      { requestType: "NETWORK_OPT_OUT", email: "dry@example.com" },
      { dryRun: true },
    );
    expect(dry).toMatchObject({ status: 202, dryRun: true, data: { status: "submitted" } });
    const live = await rig.client.networkPrivacyRequest({
      requestType: "NETWORK_DATA_DELETION",
      phone: "+14155550100",
    });
    expect(live.status).toBe(202);
    const after = ((await rig.admin.listPrivacyRequests()) as { requests: unknown[] }).requests.length;
    expect(after).toBe(before + 1);
  });

  it("admin: the layouts CSV lists every demo page", async () => {
    const csv = await rig.admin.exportLayoutsCsv();
    const [header, ...rows] = csv.trim().split(/\r?\n/);
    expect(header).toBe("account_id,page_id,layout_id,surface,layout_type");
    expect(rows.length).toBeGreaterThanOrEqual(20);
  });

  it("every request carried the parent header and the logs name each attempt's request id", async () => {
    const lines = rig.logs.filter((l) => l.event === "partnerships.request");
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.every((l) => typeof l.requestId === "string")).toBe(true);
    expect(rig.sent.length).toBe(lines.length);
    expect(rig.sent.every((r) => r.parent === DEMO_PARENT_ACCOUNT_ID)).toBe(true);
    expect(rig.sent.filter((r) => r.method !== "GET").every((r) => r.key !== null || r.path.includes("privacy"))).toBe(
      true,
    );
  });
});
