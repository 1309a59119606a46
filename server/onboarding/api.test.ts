import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "@/server/api/test-harness";
import { resetRunnerForTests } from "./runner";

/** The wizard's routes through the real wrapper, console database and in-process sandbox. */
let h: Harness;
beforeAll(async () => {
  resetRunnerForTests();
  h = await createHarness({ seedMerchants: 4 });
});
afterAll(async () => {
  await h.close();
  resetRunnerForTests();
});

function draftData(external: string, over: Record<string, unknown> = {}) {
  return {
    merchant: {
      brand: "Api Shop",
      external_account_id: external,
      store_identifier: `https://${external}.example.com`,
      country_code: "US",
      vertical_id: "1500",
      sub_vertical_id: "1610",
    },
    surfaces: { pages: [{ surface: "tracking", layout_type: "Embedded" }] },
    controls: { blocked: [], domainsText: "" },
    themes: {},
    payoutLink: false,
    ...over,
  };
}

async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("onboarding routes", () => {
  it("drafts: created per user, saved as typed, held back to the first step that does not validate, listed, deleted", async () => {
    h.as(h.users.account_manager);
    const created = await h.call("POST", "/api/onboarding/drafts");
    expect(created.status).toBe(201);
    const id = created.body.data.id as string;

    const typed = draftData("x", {});
    typed.merchant.store_identifier = "acme.myshopify.com";
    const saved = await h.call("PUT", `/api/onboarding/drafts/${id}`, { body: { data: typed, reached: 4 } });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body.data).toMatchObject({ reached: 0, blockedAt: "merchant" });
    expect(saved.body.data.fields.store_identifier).toMatch(/https:\/\/acme\.myshopify\.com/);
    const read = await h.call("GET", `/api/onboarding/drafts/${id}`);
    expect(read.body.data.draft.data.merchant.store_identifier).toBe("acme.myshopify.com");

    const fixed = await h.call("PUT", `/api/onboarding/drafts/${id}`, { body: { data: draftData("x"), reached: 4 } });
    expect(fixed.body.data).toMatchObject({ reached: 4, blockedAt: null });

    const list = await h.call("GET", "/api/onboarding/drafts");
    expect(list.body.data.drafts.map((d: { id: string; brand: string }) => [d.id, d.brand])).toContainEqual([
      id,
      "Api Shop",
    ]);

    h.as(h.users.admin);
    expect((await h.call("GET", `/api/onboarding/drafts/${id}`)).status).toBe(404);
    expect((await h.call("DELETE", `/api/onboarding/drafts/${id}`)).status).toBe(404);
    h.as(h.users.account_manager);
    expect((await h.call("DELETE", `/api/onboarding/drafts/${id}`)).status).toBe(200);
    expect((await h.call("GET", `/api/onboarding/drafts/${id}`)).status).toBe(404);
  });

  it("dry run: register upstream with dry_run=true, controls and themes locally; unmapped pairs pointed at", async () => {
    h.as(h.users.account_manager);
    const id = (await h.call("POST", "/api/onboarding/drafts")).body.data.id as string;
    const data = draftData(`dry-${randomUUID().slice(0, 8)}`, {
      controls: { blocked: [{ partnerVerticalId: 1519, partnerSubVerticalId: 1695 }], domainsText: "ok.example.com" },
      themes: {
        tracking: {
          primaryColor: "#12",
          backgroundColor: "#FFFFFF",
          textColor: "#000",
          closeButtonColor: "#000",
          borderRadius: 4,
        },
      },
    });
    data.merchant.vertical_id = "1519";
    data.merchant.sub_vertical_id = "1695";
    await h.call("PUT", `/api/onboarding/drafts/${id}`, { body: { data, reached: 4 } });
    expect((await h.call("POST", `/api/onboarding/drafts/${id}/dry-run`)).status).toBe(400); // dry_run=true is required
    const before = (await h.client.listAccounts({ limit: 200 })).data.accounts.length;
    const res = await h.call("POST", `/api/onboarding/drafts/${id}/dry-run?dry_run=true`);
    expect(res.status, res.text).toBe(200);
    const items = res.body.data.items as {
      name: string;
      ok: boolean;
      fixStep: string;
      message: string;
      requestId: string;
    }[];
    expect(items.map((i) => i.name)).toEqual(["Register", "Controls", "Theme: Tracking"]);
    expect(items[0]).toMatchObject({ ok: false, fixStep: "merchant" });
    expect(items[0]?.message).toMatch(/no mapping/);
    expect(items[0]?.requestId).toBeTruthy();
    expect(items[1]).toMatchObject({ ok: false, fixStep: "controls" });
    expect(items[1]?.message).toMatch(/Gambling/);
    expect(items[2]).toMatchObject({ ok: false, fixStep: "theme" });
    expect((await h.client.listAccounts({ limit: 200 })).data.accounts.length).toBe(before);
  });

  it("go live: refused until every step validates; then runs in the background to done, and the draft leaves the list", async () => {
    h.as(h.users.account_manager);
    const id = (await h.call("POST", "/api/onboarding/drafts")).body.data.id as string;
    const refused = await h.call("POST", `/api/onboarding/drafts/${id}/run`, { body: { payoutLink: true } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("draft_not_ready");

    // Payout return URLs are built from the console's public URL: http is allowed for localhost only.
    h.config.authUrl = "http://localhost:3000";
    const external = `live-${randomUUID().slice(0, 8)}`;
    await h.call("PUT", `/api/onboarding/drafts/${id}`, { body: { data: draftData(external), reached: 5 } });
    const started = await h.call("POST", `/api/onboarding/drafts/${id}/run`, { body: { payoutLink: true } });
    expect(started.status, started.text).toBe(202);
    expect(started.body.data.steps.map((s: { label: string }) => s.label)).toEqual([
      "Register",
      "Controls",
      "Theme: Tracking",
      "Payout link",
      "Activate",
    ]);
    const run = await until(
      async () => (await h.call("GET", `/api/onboarding/drafts/${id}/run`)).body.data,
      (r) => r.state === "done" || r.state === "failed",
    );
    expect(run.state, JSON.stringify(run)).toBe("done");
    expect(run.steps.every((s: { state: string; operationId: string }) => s.state === "done" && s.operationId)).toBe(
      true,
    );
    const payout = run.steps.find((s: { name: string }) => s.name === "payout");
    expect(payout.payout.onboardingUrl).toMatch(/^https:\/\//);
    expect(JSON.stringify(run)).not.toMatch(/idempotency/i);
    const list = await h.call("GET", "/api/onboarding/drafts");
    expect(list.body.data.drafts.map((d: { id: string }) => d.id)).not.toContain(id);
    const status = await h.client.getStatus(run.accountId);
    expect(status.data.status).toBe("active");
    // Starting again does nothing: the run is done.
    const again = await h.call("POST", `/api/onboarding/drafts/${id}/run`, { body: { payoutLink: true } });
    expect(again.body.data.state).toBe("done");
    const accounts = (await h.client.listAccounts({ limit: 200 })).data.accounts;
    expect(accounts.filter((a) => a.external_account_id === external)).toHaveLength(1);
  });

  it("a failed register: Retry keeps the intent, Edit and retry waits for the edit and sends a new key", async () => {
    h.as(h.users.account_manager);
    h.config.authUrl = "http://localhost:3000";
    const taken = `taken-${randomUUID().slice(0, 8)}`;
    await h.client.register(
      {
        brand: "Taken",
        vertical_id: 1500,
        sub_vertical_id: 1610,
        country_code: "US",
        platform_parent_account_id: h.client.parentAccountId,
        store_identifier: "https://another-store.example.com",
        external_account_id: taken,
      },
      { idempotencyKey: randomUUID() },
    );
    const id = (await h.call("POST", "/api/onboarding/drafts")).body.data.id as string;
    await h.call("PUT", `/api/onboarding/drafts/${id}`, { body: { data: draftData(taken), reached: 5 } });
    await h.call("POST", `/api/onboarding/drafts/${id}/run`, { body: { payoutLink: false } });
    const failed = await until(
      async () => (await h.call("GET", `/api/onboarding/drafts/${id}/run`)).body.data,
      (r) => r.state !== "running",
    );
    expect(failed.state).toBe("failed");
    expect(failed.steps[0].error).toMatchObject({ code: "conflict_other_store", final: true });

    // Retry: the same intent again, the same final answer.
    await h.call("POST", `/api/onboarding/drafts/${id}/run/retry`, { body: { step: "register", mode: "same" } });
    const again = await until(
      async () => (await h.call("GET", `/api/onboarding/drafts/${id}/run`)).body.data,
      (r) => r.state !== "running",
    );
    expect(again.steps[0].error.code).toBe("conflict_other_store");

    // Edit and retry: the run waits for the Merchant step to change, then sends it as a new request.
    const edit = await h.call("POST", `/api/onboarding/drafts/${id}/run/retry`, {
      body: { step: "register", mode: "edit" },
    });
    expect(edit.body.data).toMatchObject({ editStep: "merchant", run: { state: "paused" } });
    const fresh = `fresh-${randomUUID().slice(0, 8)}`;
    await h.call("PUT", `/api/onboarding/drafts/${id}`, { body: { data: draftData(fresh), reached: 5 } });
    const keyBefore = (await h.db.onboarding.getRun(id))?.steps[0]?.idempotencyKey;
    expect((await h.call("POST", `/api/onboarding/drafts/${id}/run`, { body: { payoutLink: false } })).status).toBe(
      202,
    );
    const done = await until(
      async () => (await h.call("GET", `/api/onboarding/drafts/${id}/run`)).body.data,
      (r) => r.state !== "running",
    );
    expect(done.state, JSON.stringify(done)).toBe("done");
    const register = (await h.db.onboarding.getRun(id))?.steps[0];
    expect(register?.idempotencyKey).not.toBe(keyBefore);
    expect(register?.request).toMatchObject({ external_account_id: fresh });
    const accounts = (await h.client.listAccounts({ limit: 200 })).data.accounts;
    expect(accounts.filter((a) => a.external_account_id === fresh)).toHaveLength(1);
  });
});
